import type { Db } from "../tables/database.ts";

export interface UserSession {
  id: string;
  createdAt: Date;
  expiresAt: Date;
  userAgent: string | null;
  twoFactorVerified: boolean;
}

/** A user's live sessions in a workspace, newest first (ids are token hashes, safe to show). */
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
export async function deleteUserSession(db: Db, userId: string, sessionId: string): Promise<boolean> {
  const r = await db
    .deleteFrom("sessions")
    .where("user_id", "=", userId)
    .where("id", "=", sessionId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Ends every session of a user except `keepSessionId`; returns how many ended. */
export async function deleteOtherSessions(
  db: Db,
  userId: string,
  keepSessionId: string | null,
): Promise<number> {
  let q = db.deleteFrom("sessions").where("user_id", "=", userId);
  if (keepSessionId) q = q.where("id", "!=", keepSessionId);
  const r = await q.executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function setUserPasswordHash(db: Db, userId: string, passwordHash: string): Promise<void> {
  await db.updateTable("users").set({ password_hash: passwordHash }).where("id", "=", userId).execute();
}

export async function userPasswordHash(db: Db, userId: string): Promise<string | null> {
  const r = await db.selectFrom("users").select("password_hash").where("id", "=", userId).executeTakeFirst();
  return r?.password_hash ?? null;
}
