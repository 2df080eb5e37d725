import { sql } from "kysely";
import type { Db } from "../tables/database.ts";

export interface TwoFactorState {
  /** Encrypted enrolled secret, null when two-factor is off. */
  secretEnc: string | null;
  pendingSecretEnc: string | null;
  lastUsedStep: number | null;
}

export async function twoFactorState(db: Db, userId: string): Promise<TwoFactorState> {
  const r = await db
    .selectFrom("users")
    .leftJoin("two_factor", "two_factor.user_id", "users.id")
    .select(["users.totp_secret_enc", "two_factor.pending_secret_enc", "two_factor.last_used_step"])
    .where("users.id", "=", userId)
    .executeTakeFirst();
  return {
    secretEnc: r?.totp_secret_enc ?? null,
    pendingSecretEnc: r?.pending_secret_enc ?? null,
    lastUsedStep: r?.last_used_step == null ? null : Number(r.last_used_step),
  };
}

export async function setPendingSecret(db: Db, userId: string, secretEnc: string | null): Promise<void> {
  await db
    .insertInto("two_factor")
    .values({ user_id: userId, pending_secret_enc: secretEnc, last_used_step: null })
    .onConflict((oc) => oc.column("user_id").doUpdateSet({ pending_secret_enc: secretEnc }))
    .execute();
}

/**
 * Records that the TOTP code of `step` was used; false when a code of that step or a later one was
 * already accepted (a replayed code).
 */
export async function claimTotpStep(db: Db, userId: string, step: number): Promise<boolean> {
  const r = await db
    .insertInto("two_factor")
    .values({ user_id: userId, pending_secret_enc: null, last_used_step: step })
    .onConflict((oc) =>
      oc
        .column("user_id")
        .doUpdateSet({ last_used_step: step })
        .where(sql<boolean>`two_factor.last_used_step is null or two_factor.last_used_step < ${step}`),
    )
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** Turns two-factor on with a confirmed secret (or off with null); the pending secret is dropped. */
export async function setTotpSecret(db: Db, userId: string, secretEnc: string | null): Promise<void> {
  await db.updateTable("users").set({ totp_secret_enc: secretEnc }).where("id", "=", userId).execute();
  await db
    .updateTable("two_factor")
    .set({ pending_secret_enc: null })
    .where("user_id", "=", userId)
    .execute();
}
