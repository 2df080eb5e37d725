import type { ColumnType, Generated, Selectable } from "kysely";

/** What a notice is about; each kind is seen by the members who can act on it. */
export type NoticeKind = "script_failed" | "message_blocked" | "member_access";

export interface NoticesTable {
  id: Generated<string>;
  workspace_id: string;
  kind: NoticeKind;
  /** What the notice is about, unique per workspace and kind (e.g. "<version id>:<block id>"). */
  subject: string;
  /** Names the subject for people ("Order help v3, block script_1"). */
  label: string;
  /** The latest occurrence's reason, without customer data. */
  detail: string;
  /** Where to look (a path of the web app). */
  link: string | null;
  count: ColumnType<number, number | undefined, number>;
  first_at: ColumnType<Date, Date | undefined, Date>;
  last_at: ColumnType<Date, Date | undefined, Date>;
  dismissed_at: Date | null;
  dismissed_by: string | null;
  /** The one member this notice is for (null: everyone whose roles see its kind). */
  for_user_id: ColumnType<string | null, string | null | undefined, string | null>;
}
export type NoticeRow = Selectable<NoticesTable>;
