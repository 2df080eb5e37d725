import type { Db } from "../tables/database.ts";

/** Stores a proof for `action` on a session (by its token's hash), dropping that session's expired ones. */
export async function storeReauthenticationProof(
  db: Db,
  input: { tokenHash: string; sessionId: string; action: string; expiresAt: Date },
): Promise<void> {
  await db
    .deleteFrom("reauthentication_proofs")
    .where("session_id", "=", input.sessionId)
    .where("expires_at", "<", new Date())
    .execute();
  await db
    .insertInto("reauthentication_proofs")
    .values({
      token_hash: input.tokenHash,
      session_id: input.sessionId,
      action: input.action,
      expires_at: input.expiresAt,
    })
    .execute();
}

/**
 * Spends a proof: true once for a token minted on this session for this action and not expired.
 * Run it in the transaction of the act: the proof is spent only if the act commits.
 */
export async function spendReauthenticationProof(
  db: Db,
  input: { tokenHash: string; sessionId: string; action: string },
): Promise<boolean> {
  const spent = await db
    .deleteFrom("reauthentication_proofs")
    .where("token_hash", "=", input.tokenHash)
    .where("session_id", "=", input.sessionId)
    .where("action", "=", input.action)
    .where("expires_at", ">", new Date())
    .returning("token_hash")
    .executeTakeFirst();
  return spent !== undefined;
}
