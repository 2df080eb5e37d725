import type { Role } from "@benteng/shared";
import { jsonb } from "../json.ts";
import type { Db } from "../tables/database.ts";
import { normalizeEmail } from "./users.ts";

export interface Member {
  userId: string;
  email: string;
  displayName: string;
  roles: Role[];
  twoFactorEnabled: boolean;
  joinedAt: Date;
}

export async function listMembers(db: Db, workspaceId: string): Promise<Member[]> {
  const rows = await db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select([
      "users.id",
      "users.email",
      "users.display_name",
      "users.totp_secret_enc",
      "memberships.roles",
      "memberships.created_at",
    ])
    .where("memberships.workspace_id", "=", workspaceId)
    .orderBy("memberships.created_at")
    .execute();
  return rows.map((r) => ({
    userId: r.id,
    email: r.email,
    displayName: r.display_name,
    roles: r.roles,
    twoFactorEnabled: r.totp_secret_enc !== null,
    joinedAt: new Date(r.created_at),
  }));
}

/** One member of the workspace, or null. */
export async function memberById(
  db: Db,
  workspaceId: string,
  userId: string,
): Promise<{ userId: string; email: string; displayName: string; roles: Role[] } | null> {
  const r = await db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.id", "users.email", "users.display_name", "memberships.roles"])
    .where("memberships.workspace_id", "=", workspaceId)
    .where("memberships.user_id", "=", userId)
    .executeTakeFirst();
  return r ? { userId: r.id, email: r.email, displayName: r.display_name, roles: r.roles } : null;
}

/** Whether the person with this email is a member of the workspace now (a former member is not). */
export async function isMemberEmail(db: Db, workspaceId: string, email: string): Promise<boolean> {
  const r = await db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select("users.id")
    .where("memberships.workspace_id", "=", workspaceId)
    .where("users.email", "=", normalizeEmail(email))
    .executeTakeFirst();
  return r !== undefined;
}

/**
 * Every membership of the workspace, locked until the caller's transaction ends (in one order, so
 * two role changes queue instead of deadlocking): a rule over all members, such as "at least one
 * admin", is then checked against what commits.
 */
export async function lockMemberships(
  db: Db,
  workspaceId: string,
): Promise<Array<{ userId: string; roles: Role[] }>> {
  const rows = await db
    .selectFrom("memberships")
    .select(["user_id", "roles"])
    .where("workspace_id", "=", workspaceId)
    .orderBy("user_id")
    .forUpdate()
    .execute();
  return rows.map((r) => ({ userId: r.user_id, roles: r.roles }));
}

/** Replaces a member's roles; false when they are not a member. Takes effect on their next request. */
export async function setMemberRoles(
  db: Db,
  workspaceId: string,
  userId: string,
  roles: Role[],
): Promise<boolean> {
  const r = await db
    .updateTable("memberships")
    .set({ roles: jsonb(roles) })
    .where("workspace_id", "=", workspaceId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Removes a member and ends every session they have in the workspace (run in the caller's transaction). */
export async function removeMember(db: Db, workspaceId: string, userId: string): Promise<boolean> {
  const r = await db
    .deleteFrom("memberships")
    .where("workspace_id", "=", workspaceId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  await db
    .deleteFrom("sessions")
    .where("workspace_id", "=", workspaceId)
    .where("user_id", "=", userId)
    .execute();
  return Number(r.numDeletedRows) > 0;
}
