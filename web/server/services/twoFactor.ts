import type { Db } from "@benteng/db";
import { deleteUserLoginChallenges } from "@benteng/db/queries/loginAttempts";
import { countUnusedRecoveryCodes, replaceRecoveryCodes } from "@benteng/db/queries/recoveryCodes";
import { deleteUserSessions } from "@benteng/db/queries/sessions";
import {
  claimTotpStep,
  setPendingSecret,
  setTotpSecret,
  twoFactorState,
} from "@benteng/db/queries/twoFactor";
import { can, type Role } from "@benteng/shared";
import { readDeviceCookie, trustedDeviceId } from "../auth/deviceCookie.ts";
import { type IssuedSession, issueSession } from "../auth/issueSession.ts";
import { generateRecoveryCodes, hashRecoveryCode } from "../auth/recoveryCodes.ts";
import { TOTP_SECRET_PURPOSE } from "../auth/secondFactor.ts";
import { beginAttempt } from "../auth/throttle.ts";
import { generateTotpSecret, matchTotpStep, totpEnrolment } from "../auth/totp.ts";
import type { Member, ServiceDeps } from "./actor.ts";
import { auditTarget, recordAudit } from "./audit.ts";
import type { SignInClient } from "./auth.ts";
import { inTransaction } from "./inTransaction.ts";
import { spendProof } from "./reauthentication.ts";
import { ServiceError } from "./serviceError.ts";

// Every change to someone's second factor needs a proof made for that very act (password, and the
// current second factor when enrolled, in the same request: see reauthentication.ts), so a stolen
// cookie cannot enrol the thief's authenticator or turn two-factor off, even minutes after the owner
// proved it was them. Every change also ends the person's other
// sessions and any sign-in still waiting for its second step.

const ALREADY_ON = "Two-factor authentication is already on.";

/** Whether these roles may do something that needs a session that passed the second factor. */
export function rolesNeedTwoFactor(roles: readonly Role[]): boolean {
  return can(roles, "version.review") || can(roles, "workspace.manage");
}

export async function twoFactorStatus(db: Db, member: Member) {
  const state = await twoFactorState(db, member.userId);
  return {
    enabled: state.secretEnc !== null,
    sessionVerified: member.twoFactorVerified,
    recoveryCodesLeft: state.secretEnc ? await countUnusedRecoveryCodes(db, member.userId) : 0,
  };
}

/**
 * Starts enrolment (with a proof for "2fa.enrol"): a new secret, kept server-side (encrypted) until a
 * code proves the app has it. Only this answer holds the secret, so confirming needs no second proof.
 */
export async function beginEnrolment({ db, cipher }: ServiceDeps, member: Member, proof: string | undefined) {
  const secret = generateTotpSecret();
  await inTransaction(db, async (tx) => {
    const state = await twoFactorState(tx, member.userId);
    if (state.secretEnc) throw new ServiceError("CONFLICT", ALREADY_ON);
    await spendProof(tx, member, "2fa.enrol", proof);
    await setPendingSecret(tx, member.userId, cipher.encrypt(secret, TOTP_SECRET_PURPOSE));
  });
  return totpEnrolment(secret, member.email);
}

/**
 * Finishes enrolment with a code from the app (wrong codes are throttled like sign-in attempts):
 * two-factor is on, recovery codes are shown once, and a new (verified) session replaces every
 * session from before (possibly a stolen one).
 */
export async function confirmEnrolment(
  { db, cipher }: ServiceDeps,
  client: SignInClient,
  member: Member,
  code: string,
): Promise<{ recoveryCodes: string[]; session: IssuedSession }> {
  const attempt = await beginAttempt(db, {
    email: member.email,
    ip: client.ip,
    trustedDeviceId: trustedDeviceId(readDeviceCookie(cipher, client.deviceCookie), member),
  });
  if (attempt.throttled) {
    throw new ServiceError("TOO_MANY_REQUESTS", "Too many attempts. Wait a while, then try again.");
  }
  return inTransaction(db, async (tx) => {
    const state = await twoFactorState(tx, member.userId);
    if (state.secretEnc) throw new ServiceError("CONFLICT", ALREADY_ON);
    if (!state.pendingSecretEnc) {
      throw new ServiceError("BAD_REQUEST", "Start the set-up again: no QR code is pending.");
    }
    const step = matchTotpStep(cipher.decrypt(state.pendingSecretEnc, TOTP_SECRET_PURPOSE), code);
    // A wrong code leaves the attempt counted.
    if (step === null || !(await claimTotpStep(tx, member.userId, step))) wrongCode();
    await attempt.passed(tx);
    await setTotpSecret(tx, member.userId, state.pendingSecretEnc);
    const ended = await endEverythingElse(tx, member, null);
    const recoveryCodes = generateRecoveryCodes();
    await replaceRecoveryCodes(tx, member.userId, recoveryCodes.map(hashRecoveryCode));
    const session = await issueSession(tx, client, {
      userId: member.userId,
      workspaceId: member.workspaceId,
      twoFactorVerified: true,
      reauthenticatedAt: member.reauthenticatedAt,
    });
    await audit(tx, member, client, "2fa.enabled", ended);
    return { recoveryCodes, session };
  });
}

/** New recovery codes (the old ones stop working); ends the person's other sessions. */
export function regenerateRecoveryCodes(
  { db }: ServiceDeps,
  client: SignInClient,
  member: Member,
  proof: string | undefined,
): Promise<{ recoveryCodes: string[] }> {
  requireVerifiedSession(member);
  return inTransaction(db, async (tx) => {
    await requireEnrolled(tx, member);
    await spendProof(tx, member, "2fa.recovery_codes", proof);
    const recoveryCodes = generateRecoveryCodes();
    await replaceRecoveryCodes(tx, member.userId, recoveryCodes.map(hashRecoveryCode));
    const ended = await endEverythingElse(tx, member, member.sessionId);
    await audit(tx, member, client, "2fa.recovery_codes_regenerated", ended);
    return { recoveryCodes };
  });
}

/**
 * Turns two-factor off. No session stays verified: the others end, and this one is replaced by an
 * unverified one.
 */
export function disableTwoFactor(
  { db }: ServiceDeps,
  client: SignInClient,
  member: Member,
  proof: string | undefined,
): Promise<{ session: IssuedSession }> {
  requireVerifiedSession(member);
  return inTransaction(db, async (tx) => {
    await requireEnrolled(tx, member);
    await spendProof(tx, member, "2fa.disable", proof);
    await setTotpSecret(tx, member.userId, null);
    await replaceRecoveryCodes(tx, member.userId, []);
    const ended = await endEverythingElse(tx, member, null);
    const session = await issueSession(tx, client, {
      userId: member.userId,
      workspaceId: member.workspaceId,
      twoFactorVerified: false,
      reauthenticatedAt: member.reauthenticatedAt,
    });
    await audit(tx, member, client, "2fa.disabled", ended);
    return { session };
  });
}

/**
 * Ends every session of the person but `keep` (null: all, the caller issues a new one) and voids
 * any sign-in waiting for its second step: a change to the second factor applies everywhere now.
 */
async function endEverythingElse(
  tx: Db,
  member: Member,
  keep: string | null,
): Promise<{ otherSessionsEnded: number; pendingSignInsVoided: number }> {
  const ended = await deleteUserSessions(tx, member.userId, keep);
  return {
    // The current session is among those deleted when none is kept; it is replaced, not ended.
    otherSessionsEnded: keep ? ended : Math.max(0, ended - 1),
    pendingSignInsVoided: await deleteUserLoginChallenges(tx, member.userId),
  };
}

function requireVerifiedSession(member: Member): void {
  if (!member.twoFactorVerified) {
    throw new ServiceError("FORBIDDEN", "Sign in again with your second factor first.");
  }
}

async function requireEnrolled(tx: Db, member: Member): Promise<void> {
  if (!(await twoFactorState(tx, member.userId)).secretEnc) {
    throw new ServiceError("CONFLICT", "Two-factor authentication is off.");
  }
}

function audit(
  tx: Db,
  member: Member,
  client: SignInClient,
  action: string,
  details: Record<string, unknown>,
): Promise<void> {
  return recordAudit(tx, member, action, auditTarget.user(member), { ip: client.ip, ...details });
}

function wrongCode(): never {
  throw new ServiceError("BAD_REQUEST", "That code is not valid. Check your authenticator app.");
}
