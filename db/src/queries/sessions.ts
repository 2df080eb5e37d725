import type { Role } from "@benteng/shared";
import type { Db } from "../tables/database.ts";

export interface SessionWithUser {
  id: string;
  userId: string;
  workspaceId: string;
  expiresAt: Date;
  twoFactorVerified: boolean;
  email: string;
  displayName: string;
  roles: Role[];
}

export async function insertSession(
  db: Db,
  s: {
    id: string;
    userId: string;
    workspaceId: string;
    expiresAt: Date;
    twoFactorVerified: boolean;
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
      "users.email",
      "users.display_name",
      "memberships.roles",
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
    email: row.email,
    displayName: row.display_name,
    roles: row.roles,
  };
}

export async function extendSession(db: Db, sessionId: string, expiresAt: Date): Promise<void> {
  await db.updateTable("sessions").set({ expires_at: expiresAt }).where("id", "=", sessionId).execute();
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", sessionId).execute();
}

export async function deleteUserSessions(db: Db, userId: string): Promise<void> {
  await db.deleteFrom("sessions").where("user_id", "=", userId).execute();
}
