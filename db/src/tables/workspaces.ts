import type { ColumnType, Generated, Insertable, RawBuilder, Selectable, Updateable } from "kysely";

export interface WorkspacesTable {
  id: Generated<string>;
  name: string;
  /** Hosts customer-facing links may point at (linter warns outside it). */
  link_allowlist: ColumnType<string[], RawBuilder<string[]>, RawBuilder<string[]>>;
  /** A conversation waiting for a person longer than this shows up as a notice. */
  handoff_alert_minutes: ColumnType<number, number | undefined, number>;
  created_at: ColumnType<Date, never, never>;
}
export type WorkspaceRow = Selectable<WorkspacesTable>;
export type NewWorkspaceRow = Insertable<WorkspacesTable>;
export type WorkspaceRowUpdate = Updateable<WorkspacesTable>;
