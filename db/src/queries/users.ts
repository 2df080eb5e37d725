import type { Role } from "@benteng/shared";
import { sql } from "kysely";
import { jsonb } from "../json.ts";
import type { Db } from "../tables/database.ts";

/** Emails are compared case-insensitively; stored lower-cased and trimmed. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function userByEmail(db: Db, email: string) {
  return db
    .selectFrom("users")
    .select(["id", "email", "display_name", "password_hash", "totp_secret_enc"])
    .where("email", "=", normalizeEmail(email))
    .executeTakeFirst();
}

/** Creates a user and their membership (two inserts: run them in the caller's transaction). */
export async function createMember(
  db: Db,
  input: { workspaceId: string; email: string; displayName: string; passwordHash: string; roles: Role[] },
): Promise<{ id: string }> {
  const user = await db
    .insertInto("users")
    .values({
      email: normalizeEmail(input.email),
      display_name: input.displayName,
      password_hash: input.passwordHash,
      totp_secret_enc: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("memberships")
    .values({ workspace_id: input.workspaceId, user_id: user.id, roles: jsonb(input.roles) })
    .execute();
  return user;
}

/**
 * Creates the installation's first admin, or returns null when someone already exists. Run it in
 * the caller's transaction: the advisory lock it takes lasts until that commits, so two
 * simultaneous setup requests cannot both become the first admin.
 */
export async function createFirstAdmin(
  db: Db,
  input: { workspaceId: string; email: string; displayName: string; passwordHash: string; roles: Role[] },
): Promise<{ id: string } | null> {
  await sql`select pg_advisory_xact_lock(7303)`.execute(db);
  if ((await countUsers(db)) > 0) return null;
  return createMember(db, input);
}

/** A user's membership of the workspace (roles, and since when), or null when they are not a member. */
export async function membershipOf(
  db: Db,
  workspaceId: string,
  userId: string,
): Promise<{ roles: Role[]; since: Date } | null> {
  const row = await db
    .selectFrom("memberships")
    .select(["roles", "created_at"])
    .where("workspace_id", "=", workspaceId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row ? { roles: row.roles, since: new Date(row.created_at) } : null;
}

/**
 * Gives a former member (a user with no membership left here) a fresh one: the password and name
 * they chose now, no second factor, no sessions and no pending sign-ins from before. Run it in the
 * caller's transaction. The user row stays, so what they authored is still theirs (four-eyes review).
 */
export async function restartMembership(
  db: Db,
  input: { userId: string; workspaceId: string; displayName: string; passwordHash: string; roles: Role[] },
): Promise<void> {
  await db
    .updateTable("users")
    .set({ display_name: input.displayName, password_hash: input.passwordHash, totp_secret_enc: null })
    .where("id", "=", input.userId)
    .execute();
  await db.deleteFrom("two_factor").where("user_id", "=", input.userId).execute();
  await db.deleteFrom("recovery_codes").where("user_id", "=", input.userId).execute();
  await db.deleteFrom("sessions").where("user_id", "=", input.userId).execute();
  await db.deleteFrom("login_challenges").where("user_id", "=", input.userId).execute();
  await db
    .insertInto("memberships")
    .values({ workspace_id: input.workspaceId, user_id: input.userId, roles: jsonb(input.roles) })
    .execute();
}

export async function setUserPasswordHash(db: Db, userId: string, passwordHash: string): Promise<void> {
  await db.updateTable("users").set({ password_hash: passwordHash }).where("id", "=", userId).execute();
}

export async function userPasswordHash(db: Db, userId: string): Promise<string | null> {
  const r = await db.selectFrom("users").select("password_hash").where("id", "=", userId).executeTakeFirst();
  return r?.password_hash ?? null;
}
