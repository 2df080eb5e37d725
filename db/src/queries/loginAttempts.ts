import type { Db } from "../tables/database.ts";

/** Records a failed sign-in under each key ("account:<email>", "ip:<address>"). */
export async function recordLoginFailure(db: Db, keys: string[]): Promise<void> {
  await db
    .insertInto("login_failures")
    .values(keys.map((key) => ({ key })))
    .execute();
}

/**
 * Counts a sign-in attempt under each key BEFORE the password is checked (it stays as a failure
 * unless forgotten after a success), then reads each key's attempts since `since`, this one
 * included. Concurrent guesses cannot all slip under a limit: the k-th attempt to count sees at
 * least k attempts.
 */
export async function recordLoginAttempt(
  db: Db,
  keys: string[],
  since: Date,
): Promise<{ ids: string[]; counts: Map<string, number> }> {
  const rows = await db
    .insertInto("login_failures")
    .values(keys.map((key) => ({ key })))
    .returning("id")
    .execute();
  return { ids: rows.map((r) => String(r.id)), counts: await countLoginFailures(db, keys, since) };
}

/** Takes back attempts recorded by recordLoginAttempt (the password was right, or it was refused unchecked). */
export async function forgetLoginAttempt(db: Db, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.deleteFrom("login_failures").where("id", "in", ids).execute();
}

/** Failures per key since `since`. */
export async function countLoginFailures(db: Db, keys: string[], since: Date): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("login_failures")
    .select(["key", (eb) => eb.fn.countAll<string>().as("n")])
    .where("key", "in", keys)
    .where("failed_at", ">", since)
    .groupBy("key")
    .execute();
  return new Map(rows.map((r) => [r.key, Number(r.n)]));
}

/** Forgets an account's failures after it signs in successfully (the IP's count stays). */
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
): Promise<{ userId: string; workspaceId: string; email: string } | null> {
  const r = await db
    .updateTable("login_challenges")
    .set((eb) => ({ attempts: eb("attempts", "+", 1) }))
    .from("users")
    .whereRef("users.id", "=", "login_challenges.user_id")
    .where("login_challenges.id", "=", id)
    .where("login_challenges.expires_at", ">", new Date())
    .where("login_challenges.attempts", "<", maxAttempts)
    .returning(["login_challenges.user_id", "login_challenges.workspace_id", "users.email"])
    .executeTakeFirst();
  if (!r) {
    await deleteLoginChallenge(db, id);
    return null;
  }
  return { userId: r.user_id, workspaceId: r.workspace_id, email: r.email };
}

export async function deleteLoginChallenge(db: Db, id: string): Promise<void> {
  await db.deleteFrom("login_challenges").where("id", "=", id).execute();
}
