import type { ColumnType, Generated, Insertable, RawBuilder, Selectable } from "kysely";

export interface AuditLogTable {
  id: Generated<string>;
  workspace_id: string | null;
  actor_user_id: string | null;
  action: string;
  target: string | null;
  details: ColumnType<Record<string, unknown>, RawBuilder<Record<string, unknown>>, never>;
  created_at: ColumnType<Date, Date, never>;
  /** Hash of the previous row (hash chain); "genesis" for the first. */
  prev_hash: string;
  hash: string;
}
export type AuditLogRow = Selectable<AuditLogTable>;
export type NewAuditLogRow = Insertable<AuditLogTable>;
