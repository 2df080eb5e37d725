import type { ColumnType, Generated, Insertable, Selectable } from "kysely";

/** One failed sign-in, keyed by "account:<email>" or "ip:<address>" (login throttling). */
export interface LoginFailuresTable {
  id: Generated<string>;
  key: string;
  failed_at: ColumnType<Date, Date | undefined, never>;
}
export type LoginFailureRow = Selectable<LoginFailuresTable>;
export type NewLoginFailureRow = Insertable<LoginFailuresTable>;
