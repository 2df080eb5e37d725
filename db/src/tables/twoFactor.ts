import type { ColumnType, Insertable, Selectable, Updateable } from "kysely";

/** Per-user TOTP state besides the enrolled secret (users.totp_secret_enc). */
export interface TwoFactorTable {
  user_id: string;
  /** A secret shown as a QR code but not yet confirmed with a code (encrypted). */
  pending_secret_enc: string | null;
  /** The last accepted TOTP time step (bigint comes back as a string from PostgreSQL). */
  last_used_step: ColumnType<string | null, number | null, number | null>;
}
export type TwoFactorRow = Selectable<TwoFactorTable>;
export type NewTwoFactorRow = Insertable<TwoFactorTable>;
export type TwoFactorRowUpdate = Updateable<TwoFactorTable>;
