import type { Db } from "@benteng/db";
import { deleteSession } from "@benteng/db/queries/sessions";
import { createSession, generateSessionToken } from "./sessions.ts";

/** The browser a sign-in comes from: its current session (if any) and what a new one records. */
export interface SessionClient {
  sessionId: string | null;
  userAgent: string | null;
  sessionTtlDays: number;
}

/** A session just created: the token goes into the cookie, never into the database. */
export interface IssuedSession {
  token: string;
  expiresAt: Date;
}

/**
 * Replaces the client's session (if any) with a brand-new one. Used at login and after the second
 * factor, so a session id known before either step is worthless after it. The caller sets the cookie
 * once its transaction has committed. A sign-in never counts as a recent re-authentication; a
 * session that replaces one after a two-factor change keeps that session's (`reauthenticatedAt`).
 */
export async function issueSession(
  db: Db,
  client: SessionClient,
  input: {
    userId: string;
    workspaceId: string;
    twoFactorVerified: boolean;
    reauthenticatedAt?: Date | null;
  },
): Promise<IssuedSession> {
  if (client.sessionId) await deleteSession(db, client.sessionId);
  const token = generateSessionToken();
  const { expiresAt } = await createSession(db, {
    token,
    userId: input.userId,
    workspaceId: input.workspaceId,
    twoFactorVerified: input.twoFactorVerified,
    reauthenticatedAt: input.reauthenticatedAt ?? null,
    userAgent: client.userAgent,
    ttlDays: client.sessionTtlDays,
  });
  return { token, expiresAt };
}
