import type { Role } from "@benteng/shared";
import { jsonb } from "../json.ts";
import type { Db } from "../tables/database.ts";
import { createMember, membershipOf, normalizeEmail, restartMembership } from "./users.ts";

export interface Invitation {
  id: string;
  email: string;
  roles: Role[];
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
}

export async function createInvitation(
  db: Db,
  input: {
    workspaceId: string;
    tokenHash: string;
    email: string;
    roles: Role[];
    createdBy: string;
    expiresAt: Date;
  },
): Promise<{ id: string }> {
  return db
    .insertInto("invitations")
    .values({
      workspace_id: input.workspaceId,
      token_hash: input.tokenHash,
      email: normalizeEmail(input.email),
      roles: jsonb(input.roles),
      created_by: input.createdBy,
      expires_at: input.expiresAt,
      used_at: null,
      revoked_at: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

export async function listInvitations(db: Db, workspaceId: string): Promise<Invitation[]> {
  const rows = await db
    .selectFrom("invitations")
    .select(["id", "email", "roles", "expires_at", "used_at", "revoked_at", "created_at"])
    .where("workspace_id", "=", workspaceId)
    .orderBy("created_at", "desc")
    .limit(100)
    .execute();
  return rows.map(toInvitation);
}

/** An invitation that can still be accepted (unused, not revoked, not expired), or null. */
export async function openInvitationByTokenHash(
  db: Db,
  tokenHash: string,
  now = new Date(),
): Promise<(Invitation & { workspaceId: string }) | null> {
  const r = await db
    .selectFrom("invitations")
    .select(["id", "workspace_id", "email", "roles", "expires_at", "used_at", "revoked_at", "created_at"])
    .where("token_hash", "=", tokenHash)
    .where("used_at", "is", null)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  return r ? { ...toInvitation(r), workspaceId: r.workspace_id } : null;
}

/**
 * Accepts an invitation: marks it used and creates the account and membership, or, for a former
 * member, a fresh membership (run it in the caller's transaction). Null when the link is not open or
 * the person is a member already. The conditional update makes the link single-use even when two
 * people click it at once.
 */
export async function acceptInvitation(
  db: Db,
  input: { tokenHash: string; displayName: string; passwordHash: string },
): Promise<{
  userId: string;
  workspaceId: string;
  email: string;
  roles: Role[];
  rejoined: boolean;
  /** Who invited them (null when that account is gone). */
  invitedBy: string | null;
} | null> {
  const inv = await db
    .updateTable("invitations")
    .set({ used_at: new Date() })
    .where("token_hash", "=", input.tokenHash)
    .where("used_at", "is", null)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", new Date())
    .returning(["workspace_id", "email", "roles", "created_by"])
    .executeTakeFirst();
  if (!inv) return null;
  const account = { workspaceId: inv.workspace_id, email: inv.email, roles: inv.roles };
  const invitedBy = inv.created_by;
  const chosen = { displayName: input.displayName, passwordHash: input.passwordHash };
  const existing = await db
    .selectFrom("users")
    .select("id")
    .where("email", "=", inv.email)
    .forUpdate()
    .executeTakeFirst();
  if (existing) {
    if (await membershipOf(db, inv.workspace_id, existing.id)) return null;
    await restartMembership(db, { ...account, ...chosen, userId: existing.id });
    return { ...account, userId: existing.id, rejoined: true, invitedBy };
  }
  const user = await createMember(db, { ...account, ...chosen });
  return { ...account, userId: user.id, rejoined: false, invitedBy };
}

/** Withdraws an invitation that is still open; returns whom it was for, or null when it was not open. */
export async function revokeInvitation(
  db: Db,
  workspaceId: string,
  id: string,
): Promise<{ id: string; email: string } | null> {
  const r = await db
    .updateTable("invitations")
    .set({ revoked_at: new Date() })
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", id)
    .where("used_at", "is", null)
    .where("revoked_at", "is", null)
    .returning(["id", "email"])
    .executeTakeFirst();
  return r ?? null;
}

function toInvitation(r: {
  id: string;
  email: string;
  roles: Role[];
  expires_at: Date;
  used_at: Date | null;
  revoked_at: Date | null;
  created_at: Date;
}): Invitation {
  return {
    id: r.id,
    email: r.email,
    roles: r.roles,
    expiresAt: new Date(r.expires_at),
    usedAt: r.used_at ? new Date(r.used_at) : null,
    revokedAt: r.revoked_at ? new Date(r.revoked_at) : null,
    createdAt: new Date(r.created_at),
  };
}
