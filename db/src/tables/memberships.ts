import type { Role } from "@benteng/shared";
import type { ColumnType, Insertable, RawBuilder, Selectable, Updateable } from "kysely";

export interface MembershipsTable {
  workspace_id: string;
  user_id: string;
  roles: ColumnType<Role[], RawBuilder<Role[]>, RawBuilder<Role[]>>;
  created_at: ColumnType<Date, never, never>;
  /** When the member last read the news of reviews (null: never). */
  review_news_seen_at: ColumnType<Date | null, never, Date | null>;
}
export type MembershipRow = Selectable<MembershipsTable>;
export type NewMembershipRow = Insertable<MembershipsTable>;
export type MembershipRowUpdate = Updateable<MembershipsTable>;
