import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@benteng/db";
import {
  spendReauthenticationProof,
  storeReauthenticationProof,
} from "@benteng/db/queries/reauthenticationProofs";
import { twoFactorState } from "@benteng/db/queries/twoFactor";
import { userPasswordHash } from "@benteng/db/queries/users";
import { z } from "zod";
import { readDeviceCookie, trustedDeviceId } from "../auth/deviceCookie.ts";
import { verifyPassword } from "../auth/password.ts";
import { verifySecondFactor } from "../auth/secondFactor.ts";
import { type AttemptSource, beginAttempt, forgiveFailures } from "../auth/throttle.ts";
import type { Actor, Member, ServiceDeps } from "./actor.ts";
import { auditTarget, recordAudit } from "./audit.ts";
import type { SignInClient } from "./auth.ts";
import { inTransaction } from "./inTransaction.ts";
import { ReauthenticationRequired, ServiceError } from "./serviceError.ts";

/**
 * The acts a stolen cookie must not be able to do: each needs a proof made for it alone (a
 * single-use token from `reauthenticate`, given to whoever typed the password) in the same request.
 * A proof is never a state of the session: the owner proving it is them gives nothing to someone
 * else holding the same cookie.
 */
export const sensitiveActions = [
  "2fa.enrol",
  "2fa.recovery_codes",
  "2fa.disable",
  "member.reset_2fa",
  // Who is a member and what they may do: a stolen admin cookie must not invite its thief as admin,
  // demote or remove the owner, or sign them out.
  "member.invite",
  "member.set_roles",
  "member.remove",
  "member.end_sessions",
  "session.revoke",
  "channel.secrets",
  "channel.remove",
  // Where a live number's customers go and whether it answers.
  "channel.flow",
  "channel.pause",
  "channel.business_account",
  // Replacing or removing a stored secret changes what reviewed, live code does.
  "secret.change",
] as const;
export const sensitiveActionSchema = z.enum(sensitiveActions);
export type SensitiveAction = z.infer<typeof sensitiveActionSchema>;

/** The proof token a sensitive mutation takes (optional: without it, the refusal asks for one). */
export const proofTokenSchema = z.string().min(20).max(100).optional();

/** How long a proof may wait to be spent: the time to finish the act it was made for. */
export const PROOF_LIFETIME_MS = 5 * 60_000;

/** What the person gives to show it is them: their password, and a code when two-factor is on. */
export interface IdentityProof {
  password: string;
  /** An authenticator code or an unused recovery code; required when two-factor is on. */
  code?: string | undefined;
}

export type SecondFactorUsed = "totp" | "recovery_code" | null;

/**
 * Spends the proof for `action` in the caller's transaction (so it is spent only if the act commits),
 * or refuses with the error the web app answers by asking for the password and retrying.
 */
export async function spendProof(
  tx: Db,
  member: Member,
  action: SensitiveAction,
  token: string | undefined,
): Promise<void> {
  const ok =
    token !== undefined &&
    (await spendReauthenticationProof(tx, {
      tokenHash: hashToken(token),
      sessionId: member.sessionId,
      action,
    }));
  if (!ok) throw new ReauthenticationRequired();
}

/**
 * A signed-in member's act needs its proof, spent in the act's transaction; the operator at the CLI
 * (no session) already holds the database and the master key.
 */
export async function requireProof(
  tx: Db,
  actor: Actor,
  action: SensitiveAction,
  token: string | undefined,
): Promise<void> {
  if (isMember(actor)) await spendProof(tx, actor, action, token);
}

function isMember(actor: Actor): actor is Member {
  return "sessionId" in actor;
}

/**
 * The person shows it is them again (throttled like a sign-in) for one act: the answer is a
 * single-use token for that act on this session, valid for PROOF_LIFETIME_MS.
 */
export function reauthenticate(
  deps: ServiceDeps,
  client: SignInClient,
  member: Member,
  proof: IdentityProof & { action: SensitiveAction },
): Promise<{ proof: string; expiresAt: Date }> {
  return withIdentityProof(deps, client, member, proof, {
    change: async (tx, _prepared, proved) => {
      const token = randomBytes(32).toString("base64url");
      const expiresAt = new Date(proved.at.getTime() + PROOF_LIFETIME_MS);
      await storeReauthenticationProof(tx, {
        tokenHash: hashToken(token),
        sessionId: member.sessionId,
        action: proof.action,
        expiresAt,
      });
      await recordAudit(tx, member, "auth.reauthenticated", auditTarget.user(member), {
        ip: client.ip,
        secondFactor: proved.secondFactor,
        for: proof.action,
      });
      return { proof: token, expiresAt };
    },
  });
}

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Runs `change` only when the proof holds, throttled like a sign-in (per account and address, or
 * per trusted device; see throttle.ts) and counted before anything is checked. The password is
 * checked first, outside any transaction (it is slow), then `prepare` runs (slow work the change
 * needs, such as hashing a new password); the second factor is spent and the change made in one
 * transaction.
 */
export async function withIdentityProof<T, P = undefined>(
  { db, cipher }: ServiceDeps,
  client: SignInClient,
  member: Member,
  proof: IdentityProof,
  steps: {
    prepare?: () => Promise<P>;
    change: (tx: Db, prepared: P, proved: { at: Date; secondFactor: SecondFactorUsed }) => Promise<T>;
  },
): Promise<T> {
  const source: AttemptSource = {
    email: member.email,
    ip: client.ip,
    trustedDeviceId: trustedDeviceId(readDeviceCookie(cipher, client.deviceCookie), member),
  };
  const attempt = await beginAttempt(db, source);
  if (attempt.throttled) {
    await recordAudit(db, member, "auth.reauthentication_throttled", auditTarget.user(member), {
      ip: client.ip,
    });
    throw new ServiceError("TOO_MANY_REQUESTS", "Too many attempts. Wait a while, then try again.");
  }
  const passwordHash = await userPasswordHash(db, member.userId);
  const passwordRight = passwordHash !== null && (await verifyPassword(passwordHash, proof.password));
  const outcome = passwordRight
    ? await (async () => {
        const prepared = (steps.prepare ? await steps.prepare() : undefined) as P;
        return inTransaction(db, async (tx) => {
          const enrolled = (await twoFactorState(tx, member.userId)).secretEnc !== null;
          const secondFactor = enrolled
            ? await verifySecondFactor(tx, cipher, member.userId, proof.code ?? "")
            : null;
          if (enrolled && !secondFactor) return null;
          const at = new Date();
          await attempt.passed(tx);
          await forgiveFailures(tx, source);
          return { value: await steps.change(tx, prepared, { at, secondFactor }) };
        });
      })()
    : null;
  if (!outcome) {
    // The attempt stays counted as a failure.
    await recordAudit(db, member, "auth.reauthentication_failed", auditTarget.user(member), {
      ip: client.ip,
    });
    throw new ServiceError(
      "BAD_REQUEST",
      member.twoFactorEnabled ? "That password or code is not right." : "That password is not right.",
    );
  }
  return outcome.value;
}
