import { sql } from "kysely";
import type { Db } from "../tables/database.ts";

/** A key's failures within the window, besides the attempt being decided, and the database's clock. */
export interface FailureHistory {
  count: number;
  latest: Date | null;
  now: Date;
}

/**
 * Counts an attempt under each key BEFORE the password or code is checked (it stays as a failure
 * unless forgotten after a success), then reads each key's other failures of the last `windowMs`,
 * by the database's clock. Concurrent guesses cannot all slip under a limit: each sees the others.
 */
export async function recordLoginAttempt(
  db: Db,
  keys: string[],
  windowMs: number,
): Promise<{ ids: string[]; history: Map<string, FailureHistory> }> {
  const rows = await db
    .insertInto("login_failures")
    .values(keys.map((key) => ({ key })))
    .returning("id")
    .execute();
  const ids = rows.map((r) => String(r.id));
  const counted = await db
    .selectFrom("login_failures")
    .select(["key", (eb) => eb.fn.countAll<string>().as("n"), (eb) => eb.fn.max("failed_at").as("latest")])
    .where("key", "in", keys)
    .where("id", "not in", ids)
    .where("failed_at", ">", sql<Date>`now() - ${windowMs} * interval '1 millisecond'`)
    .groupBy("key")
    .execute();
  const { now } = await sql<{ now: Date }>`select now() as now`
    .execute(db)
    .then((r) => r.rows[0] as { now: Date });
  const history = new Map<string, FailureHistory>(
    keys.map((key) => [key, { count: 0, latest: null, now: new Date(now) }]),
  );
  for (const r of counted) {
    history.set(r.key, { count: Number(r.n), latest: new Date(r.latest), now: new Date(now) });
  }
  return { ids, history };
}

/** Takes back attempts recorded by recordLoginAttempt (it succeeded, or it was refused unchecked). */
export async function forgetLoginAttempt(db: Db, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.deleteFrom("login_failures").where("id", "in", ids).execute();
}

/** Forgets a key's failures after a success there (an address's count stays: see the throttle). */
export async function clearLoginFailures(db: Db, key: string): Promise<void> {
  await db.deleteFrom("login_failures").where("key", "=", key).execute();
}

export async function createLoginChallenge(
  db: Db,
  input: { id: string; userId: string; workspaceId: string; expiresAt: Date },
): Promise<void> {
  // One pending second step per person: signing in again replaces it, so collecting many
  // challenges cannot multiply the code guesses a stolen password buys.
  await db.deleteFrom("login_challenges").where("user_id", "=", input.userId).execute();
  await db
    .insertInto("login_challenges")
    .values({
      id: input.id,
      user_id: input.userId,
      workspace_id: input.workspaceId,
      expires_at: input.expiresAt,
      attempts: 0,
    })
    .execute();
}

/**
 * Counts one attempt against a pending second-factor login and returns it, or null when it is
 * unknown, expired or out of attempts (then it is deleted: the person signs in again).
 */
export async function attemptLoginChallenge(
  db: Db,
  id: string,
  maxAttempts: number,
): Promise<{ userId: string; workspaceId: string; email: string; displayName: string } | null> {
  const r = await db
    .updateTable("login_challenges")
    .set((eb) => ({ attempts: eb("attempts", "+", 1) }))
    .from("users")
    .whereRef("users.id", "=", "login_challenges.user_id")
    .where("login_challenges.id", "=", id)
    .where("login_challenges.expires_at", ">", new Date())
    .where("login_challenges.attempts", "<", maxAttempts)
    .returning([
      "login_challenges.user_id",
      "login_challenges.workspace_id",
      "users.email",
      "users.display_name",
    ])
    .executeTakeFirst();
  if (!r) {
    await deleteLoginChallenge(db, id);
    return null;
  }
  return { userId: r.user_id, workspaceId: r.workspace_id, email: r.email, displayName: r.display_name };
}

export async function deleteLoginChallenge(db: Db, id: string): Promise<void> {
  await db.deleteFrom("login_challenges").where("id", "=", id).execute();
}

/** Voids a person's pending second step (their password or second factor just changed). */
export async function deleteUserLoginChallenges(db: Db, userId: string): Promise<number> {
  const r = await db.deleteFrom("login_challenges").where("user_id", "=", userId).executeTakeFirst();
  return Number(r.numDeletedRows);
}
