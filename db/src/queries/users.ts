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

/** Creates a user and their membership in one transaction. */
export async function createMember(
  db: Db,
  input: { workspaceId: string; email: string; displayName: string; passwordHash: string; roles: Role[] },
): Promise<{ id: string }> {
  const write = async (tx: Db) => {
    const user = await tx
      .insertInto("users")
      .values({
        email: normalizeEmail(input.email),
        display_name: input.displayName,
        password_hash: input.passwordHash,
        totp_secret_enc: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await tx
      .insertInto("memberships")
      .values({ workspace_id: input.workspaceId, user_id: user.id, roles: jsonb(input.roles) })
      .execute();
    return user;
  };
  // Inside a caller's transaction (e.g. first-run setup) join it; otherwise open one.
  return db.isTransaction ? write(db) : db.transaction().execute(write);
}

/**
 * Creates the installation's first admin, or returns null when someone already exists. Serialised
 * with an advisory lock, so two simultaneous setup requests cannot both become the first admin.
 */
export async function createFirstAdmin(
  db: Db,
  input: { workspaceId: string; email: string; displayName: string; passwordHash: string; roles: Role[] },
): Promise<{ id: string } | null> {
  return db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(7303)`.execute(tx);
    if ((await countUsers(tx)) > 0) return null;
    return createMember(tx, input);
  });
}

export async function membershipRoles(db: Db, workspaceId: string, userId: string): Promise<Role[] | null> {
  const row = await db
    .selectFrom("memberships")
    .select("roles")
    .where("workspace_id", "=", workspaceId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row ? row.roles : null;
}
