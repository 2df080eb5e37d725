import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

export interface RecoveryCodesTable {
  id: Generated<string>;
  user_id: string;
  /** SHA-256 (hex) of the code; codes are random enough that a slow hash adds nothing. */
  code_hash: string;
  used_at: Date | null;
  created_at: ColumnType<Date, never, never>;
}
export type RecoveryCodeRow = Selectable<RecoveryCodesTable>;
export type NewRecoveryCodeRow = Insertable<RecoveryCodesTable>;
export type RecoveryCodeRowUpdate = Updateable<RecoveryCodesTable>;
