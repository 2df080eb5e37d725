import type { Insertable, Selectable, Updateable } from "kysely";

/** A password check that passed, waiting for the second factor (no session exists yet). */
export interface LoginChallengesTable {
  /** SHA-256 (hex) of the challenge token the browser holds. */
  id: string;
  user_id: string;
  workspace_id: string;
  expires_at: Date;
  attempts: number;
}
export type LoginChallengeRow = Selectable<LoginChallengesTable>;
export type NewLoginChallengeRow = Insertable<LoginChallengesTable>;
export type LoginChallengeRowUpdate = Updateable<LoginChallengesTable>;
