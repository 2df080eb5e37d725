import type { Role } from "@benteng/shared";
import { jsonb } from "../json.ts";
import type { Db } from "../tables/database.ts";

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

/** The other members of the workspace holding `role` (used to keep at least one admin). */
export async function countMembersWithRole(
  db: Db,
  workspaceId: string,
  role: Role,
  exceptUserId: string,
): Promise<number> {
  const rows = await db
    .selectFrom("memberships")
    .select("roles")
    .where("workspace_id", "=", workspaceId)
    .where("user_id", "!=", exceptUserId)
    .execute();
  return rows.filter((r) => r.roles.includes(role)).length;
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

/** Removes a member and ends every session they have in the workspace, in one transaction. */
export async function removeMember(db: Db, workspaceId: string, userId: string): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const r = await tx
      .deleteFrom("memberships")
      .where("workspace_id", "=", workspaceId)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    await tx
      .deleteFrom("sessions")
      .where("workspace_id", "=", workspaceId)
      .where("user_id", "=", userId)
      .execute();
    return Number(r.numDeletedRows) > 0;
  });
}
