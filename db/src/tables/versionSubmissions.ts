import type { ColumnType, Insertable, RawBuilder, Selectable } from "kysely";

/** What a submitted version was frozen from, and everyone who authored a change in it. */
export interface VersionSubmissionsTable {
  version_id: string;
  /** The draft revision the version was frozen from. */
  source_revision: number;
  /** User ids of every author of a change since the live version, submitter included. */
  authors: ColumnType<string[], RawBuilder<string[]>, never>;
}
export type VersionSubmissionRow = Selectable<VersionSubmissionsTable>;
export type NewVersionSubmissionRow = Insertable<VersionSubmissionsTable>;
