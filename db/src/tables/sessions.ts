import type { ColumnType, Insertable, Selectable, Updateable } from "kysely";

export interface SessionsTable {
  /** SHA-256 (hex) of the session token; the token itself is never stored. */
  id: string;
  user_id: string;
  workspace_id: string;
  expires_at: Date;
  two_factor_verified: boolean;
  user_agent: string | null;
  /** When the person last proved it was them on this session (recent re-authentication). */
  reauthenticated_at: Date | null;
  created_at: ColumnType<Date, never, never>;
}
export type SessionRow = Selectable<SessionsTable>;
export type NewSessionRow = Insertable<SessionsTable>;
export type SessionRowUpdate = Updateable<SessionsTable>;
