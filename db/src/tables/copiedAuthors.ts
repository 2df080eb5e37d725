import type { ColumnType, Insertable, Selectable } from "kysely";

/**
 * People who wrote the content a flow revision copied from another flow (a duplicate, "keep mine
 * as a copy"): authors of that revision as much as its saver is, removals and rewiring included.
 */
export interface CopiedAuthorsTable {
  flow_id: string;
  revision: number;
  user_id: string;
  created_at: ColumnType<Date, never, never>;
}
export type CopiedAuthorRow = Selectable<CopiedAuthorsTable>;
export type NewCopiedAuthorRow = Insertable<CopiedAuthorsTable>;
