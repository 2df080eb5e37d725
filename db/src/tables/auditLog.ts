import type { ColumnType, Generated, Insertable, RawBuilder, Selectable } from "kysely";

export interface AuditLogTable {
  id: Generated<string>;
  workspace_id: string | null;
  actor_user_id: string | null;
  action: string;
  /** The id of what the action was on (a user, flow, version, channel…); see target_type. */
  target: string | null;
  /** What kind of thing `target` is ("user", "flow", "version", …); null on older rows. */
  target_type: string | null;
  /** The target's name when the action happened, for people reading the log. */
  target_label: string | null;
  details: ColumnType<Record<string, unknown>, RawBuilder<Record<string, unknown>>, never>;
  created_at: ColumnType<Date, Date, never>;
  /** Hash of the previous row (hash chain); "genesis" for the first. */
  prev_hash: string;
  hash: string;
}
export type AuditLogRow = Selectable<AuditLogTable>;
export type NewAuditLogRow = Insertable<AuditLogTable>;
