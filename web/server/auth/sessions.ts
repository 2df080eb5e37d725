import type { Db } from "@benteng/db";
import {
  deleteSession,
  extendSession,
  insertSession,
  type SessionWithUser,
  sessionWithUser,
} from "@benteng/db/queries/sessions";
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";

// Lucia's session model: the cookie holds a random token; the database holds only its SHA-256,
// so a leaked sessions table cannot be replayed as cookies.

export const SESSION_COOKIE = "benteng_session";

export function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdFromToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function createSession(
  db: Db,
  input: {
    token: string;
    userId: string;
    workspaceId: string;
    twoFactorVerified: boolean;
    reauthenticatedAt: Date | null;
    userAgent: string | null;
    ttlDays: number;
  },
): Promise<{ expiresAt: Date }> {
  const expiresAt = new Date(Date.now() + input.ttlDays * 86_400_000);
  await insertSession(db, {
    id: sessionIdFromToken(input.token),
    userId: input.userId,
    workspaceId: input.workspaceId,
    expiresAt,
    twoFactorVerified: input.twoFactorVerified,
    reauthenticatedAt: input.reauthenticatedAt,
    userAgent: input.userAgent,
  });
  return { expiresAt };
}

/**
 * The session behind a token, or null. Expired sessions are deleted; a session used in the second
 * half of its lifetime is extended (sliding expiry) and `renewed` tells the caller to reset the cookie.
 */
export async function validateSessionToken(
  db: Db,
  token: string,
  ttlDays: number,
): Promise<{ session: SessionWithUser; renewed: boolean } | null> {
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  const id = sessionIdFromToken(token);
  const session = await sessionWithUser(db, id);
  if (!session) return null;
  const now = Date.now();
  if (now >= session.expiresAt.getTime()) {
    await deleteSession(db, id);
    return null;
  }
  const ttl = ttlDays * 86_400_000;
  if (now >= session.expiresAt.getTime() - ttl / 2) {
    session.expiresAt = new Date(now + ttl);
    await extendSession(db, id, session.expiresAt);
    return { session, renewed: true };
  }
  return { session, renewed: false };
}
