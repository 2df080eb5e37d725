import type { Role } from "@benteng/shared";
import type { ColumnType, Generated, Insertable, RawBuilder, Selectable, Updateable } from "kysely";

export interface InvitationsTable {
  id: Generated<string>;
  workspace_id: string;
  /** SHA-256 (hex) of the token in the invitation link; the token itself is never stored. */
  token_hash: string;
  email: string;
  roles: ColumnType<Role[], RawBuilder<Role[]>, never>;
  created_by: string | null;
  expires_at: Date;
  used_at: Date | null;
  revoked_at: Date | null;
  created_at: ColumnType<Date, never, never>;
}
export type InvitationRow = Selectable<InvitationsTable>;
export type NewInvitationRow = Insertable<InvitationsTable>;
export type InvitationRowUpdate = Updateable<InvitationsTable>;
