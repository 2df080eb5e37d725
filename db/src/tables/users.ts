import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

export interface UsersTable {
  id: Generated<string>;
  /** Stored lower-cased; unique. */
  email: string;
  display_name: string;
  /** argon2id PHC string. */
  password_hash: string;
  /** TOTP secret, encrypted (AES-256-GCM), null until enrolled. */
  totp_secret_enc: string | null;
  created_at: ColumnType<Date, never, never>;
}
export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserRowUpdate = Updateable<UsersTable>;
