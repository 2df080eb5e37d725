import type { Role } from "@benteng/shared";
import type { Db } from "../tables/database.ts";

// Session ids are SHA-256 hashes of the cookie's token (web/server/auth/sessions.ts): safe to list.

export interface SessionWithUser {
  id: string;
  userId: string;
  workspaceId: string;
  expiresAt: Date;
  twoFactorVerified: boolean;
  /** When the person last proved it was them on this session; null when never. */
  reauthenticatedAt: Date | null;
  email: string;
  displayName: string;
  roles: Role[];
  /** Whether the account has two-factor on (the session may not have passed it). */
  twoFactorEnabled: boolean;
  /** When the current membership began (a re-invited person's starts again). */
  memberSince: Date;
}

export async function insertSession(
  db: Db,
  s: {
    id: string;
    userId: string;
    workspaceId: string;
    expiresAt: Date;
    twoFactorVerified: boolean;
    reauthenticatedAt: Date | null;
    userAgent: string | null;
  },
): Promise<void> {
  await db
    .insertInto("sessions")
    .values({
      id: s.id,
      user_id: s.userId,
      workspace_id: s.workspaceId,
      expires_at: s.expiresAt,
      two_factor_verified: s.twoFactorVerified,
      reauthenticated_at: s.reauthenticatedAt,
      user_agent: s.userAgent,
    })
    .execute();
}

/** The session and its user's roles; null when unknown or when the membership is gone. */
export async function sessionWithUser(db: Db, sessionId: string): Promise<SessionWithUser | null> {
  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .innerJoin("memberships", (j) =>
      j
        .onRef("memberships.user_id", "=", "sessions.user_id")
        .onRef("memberships.workspace_id", "=", "sessions.workspace_id"),
    )
    .select([
      "sessions.id",
      "sessions.user_id",
      "sessions.workspace_id",
      "sessions.expires_at",
      "sessions.two_factor_verified",
      "sessions.reauthenticated_at",
      "users.email",
      "users.display_name",
      "users.totp_secret_enc",
      "memberships.roles",
      "memberships.created_at",
    ])
    .where("sessions.id", "=", sessionId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    userId: row.user_id,
    workspaceId: row.workspace_id,
    expiresAt: new Date(row.expires_at),
    twoFactorVerified: row.two_factor_verified,
    reauthenticatedAt: row.reauthenticated_at ? new Date(row.reauthenticated_at) : null,
    email: row.email,
    displayName: row.display_name,
    roles: row.roles,
    twoFactorEnabled: row.totp_secret_enc !== null,
    memberSince: new Date(row.created_at),
  };
}

export async function extendSession(db: Db, sessionId: string, expiresAt: Date): Promise<void> {
  await db.updateTable("sessions").set({ expires_at: expiresAt }).where("id", "=", sessionId).execute();
}

/** Records that the person behind this session just proved it was them. */
export async function markReauthenticated(db: Db, sessionId: string, at: Date): Promise<void> {
  await db.updateTable("sessions").set({ reauthenticated_at: at }).where("id", "=", sessionId).execute();
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", sessionId).execute();
}

export interface UserSession {
  id: string;
  createdAt: Date;
  expiresAt: Date;
  userAgent: string | null;
  twoFactorVerified: boolean;
}

/** A user's live sessions in a workspace, newest first. */
export async function listUserSessions(db: Db, workspaceId: string, userId: string): Promise<UserSession[]> {
  const rows = await db
    .selectFrom("sessions")
    .select(["id", "created_at", "expires_at", "user_agent", "two_factor_verified"])
    .where("workspace_id", "=", workspaceId)
    .where("user_id", "=", userId)
    .where("expires_at", ">", new Date())
    .orderBy("created_at", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    createdAt: new Date(r.created_at),
    expiresAt: new Date(r.expires_at),
    userAgent: r.user_agent,
    twoFactorVerified: r.two_factor_verified,
  }));
}

/** Ends one of a user's sessions; false when it is not theirs or already gone. */
export async function deleteSessionOfUser(db: Db, userId: string, sessionId: string): Promise<boolean> {
  const r = await db
    .deleteFrom("sessions")
    .where("user_id", "=", userId)
    .where("id", "=", sessionId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Ends every session of a user, except `keepSessionId` when given; returns how many ended. */
export async function deleteUserSessions(
  db: Db,
  userId: string,
  keepSessionId: string | null = null,
): Promise<number> {
  let q = db.deleteFrom("sessions").where("user_id", "=", userId);
  if (keepSessionId) q = q.where("id", "!=", keepSessionId);
  const r = await q.executeTakeFirst();
  return Number(r.numDeletedRows);
}
