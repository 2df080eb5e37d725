import type { ColumnType, Insertable, Selectable } from "kysely";

/** A single-use proof that the person typed their password (and code) for one named act. */
export interface ReauthenticationProofsTable {
  /** SHA-256 of the token (hex): the token itself is only ever in the owner's browser. */
  token_hash: string;
  session_id: string;
  action: string;
  expires_at: Date;
  created_at: ColumnType<Date, never, never>;
}
export type ReauthenticationProofRow = Selectable<ReauthenticationProofsTable>;
export type NewReauthenticationProofRow = Insertable<ReauthenticationProofsTable>;
