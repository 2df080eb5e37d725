import type { Cipher, Db } from "@benteng/db";
import {
  attemptLoginChallenge,
  createLoginChallenge,
  deleteLoginChallenge,
  deleteUserLoginChallenges,
} from "@benteng/db/queries/loginAttempts";
import { deleteSession, deleteUserSessions } from "@benteng/db/queries/sessions";
import { membershipOf, setUserPasswordHash, userByEmail } from "@benteng/db/queries/users";
import { readDeviceCookie, trustedDeviceId } from "../auth/deviceCookie.ts";
import { type IssuedSession, issueSession, type SessionClient } from "../auth/issueSession.ts";
import { dummyPasswordHash, hashPassword, verifyPassword } from "../auth/password.ts";
import { verifySecondFactor } from "../auth/secondFactor.ts";
import { generateSessionToken, sessionIdFromToken } from "../auth/sessions.ts";
import { type AttemptSource, beginAttempt, forgiveFailures } from "../auth/throttle.ts";
import type { Actor, Member, ServiceDeps } from "./actor.ts";
import { auditTarget, recordAudit } from "./audit.ts";
import { inTransaction } from "./inTransaction.ts";
import { type IdentityProof, withIdentityProof } from "./reauthentication.ts";
import { ServiceError } from "./serviceError.ts";

const GENERIC_LOGIN_ERROR = "That email and password do not match an account.";
// Said whether or not the account exists, so throttling does not reveal which emails are real.
const THROTTLED_ERROR =
  "Too many sign-in attempts. Wait a while and try again, or sign in from a device you have used before.";
const SECOND_FACTOR_ERROR = "That code is not valid. Sign in again if this keeps happening.";
const CHALLENGE_TTL_MS = 5 * 60_000;
const CHALLENGE_MAX_ATTEMPTS = 5;

/**
 * A browser signing in: where from (throttling, the log), the session it may already have and its
 * device cookie (see deviceCookie.ts), as sent.
 */
export interface SignInClient extends SessionClient {
  ip: string;
  deviceCookie: string | null;
}

export type LoginOutcome =
  | { secondFactor: false; userId: string; session: IssuedSession }
  /** The password was right; the session (if any) ended and a short-lived challenge waits for a code. */
  | { secondFactor: true; challenge: string; endedSession: boolean };

/**
 * Checks the password. Without two-factor a new session starts now; with it, the browser gets a
 * short-lived challenge and no session exists until `completeSecondFactor` succeeds.
 */
export async function login(
  { db, cipher }: ServiceDeps,
  client: SignInClient,
  workspaceId: string,
  input: { email: string; password: string },
): Promise<LoginOutcome> {
  const anonymous: Actor = { workspaceId, userId: null, via: "web" };
  const user = await userByEmail(db, input.email);
  const membership = user ? await membershipOf(db, workspaceId, user.id) : null;
  const source = attemptSource(cipher, client, input.email, user, membership);
  const attempt = await beginAttempt(db, source);
  if (attempt.throttled) {
    await recordAudit(db, anonymous, "auth.login_throttled", auditTarget.account(input.email), {
      ip: client.ip,
      trustedDevice: source.trustedDeviceId !== null,
    });
    throw new ServiceError("TOO_MANY_REQUESTS", THROTTLED_ERROR);
  }
  const ok = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), input.password);
  if (!user || !ok || !membership) {
    // The attempt was counted as a failure when it began.
    await recordAudit(
      db,
      { ...anonymous, userId: user?.id ?? null },
      "auth.login_failed",
      user
        ? auditTarget.user({ userId: user.id, displayName: user.display_name, email: user.email })
        : auditTarget.account(input.email),
      { ip: client.ip },
    );
    throw new ServiceError("UNAUTHORIZED", GENERIC_LOGIN_ERROR);
  }
  await attempt.passed(db);
  // With two-factor on, the account's earlier failures are forgiven only once the code is right
  // too: otherwise a stolen password would buy unlimited fresh rounds of code guesses.
  if (user.totp_secret_enc) {
    const challenge = generateSessionToken();
    await inTransaction(db, async (tx) => {
      await createLoginChallenge(tx, {
        id: sessionIdFromToken(challenge),
        userId: user.id,
        workspaceId,
        expiresAt: new Date(Date.now() + CHALLENGE_TTL_MS),
      });
      // A session from before this login must not survive it, even before the second step.
      if (client.sessionId) await deleteSession(tx, client.sessionId);
    });
    return { secondFactor: true, challenge, endedSession: client.sessionId !== null };
  }
  const session = await finishLogin(db, client, source, {
    userId: user.id,
    workspaceId,
    email: user.email,
    displayName: user.display_name,
    secondFactor: null,
  });
  return { secondFactor: false, userId: user.id, session };
}

/** The second step of a two-factor login: an authenticator code or a recovery code. */
export async function completeSecondFactor(
  { db, cipher }: ServiceDeps,
  client: SignInClient,
  input: { challenge: string; code: string },
): Promise<{ userId: string; session: IssuedSession }> {
  const challengeId = sessionIdFromToken(input.challenge);
  const pending = await attemptLoginChallenge(db, challengeId, CHALLENGE_MAX_ATTEMPTS);
  if (!pending) throw new ServiceError("UNAUTHORIZED", SECOND_FACTOR_ERROR);
  const membership = await membershipOf(db, pending.workspaceId, pending.userId);
  const source = attemptSource(cipher, client, pending.email, { id: pending.userId }, membership);
  const attempt = await beginAttempt(db, source);
  if (attempt.throttled) {
    await deleteLoginChallenge(db, challengeId);
    throw new ServiceError("TOO_MANY_REQUESTS", "Too many attempts. Wait a while, then sign in again.");
  }
  const session = await inTransaction(db, async (tx) => {
    const passed = await verifySecondFactor(tx, cipher, pending.userId, input.code);
    if (!passed) return null;
    await deleteLoginChallenge(tx, challengeId);
    await attempt.passed(tx);
    return finishLogin(tx, client, source, { ...pending, secondFactor: passed });
  });
  if (!session) {
    // The attempt was counted as a failure when it began.
    await recordAudit(
      db,
      { workspaceId: pending.workspaceId, userId: pending.userId, via: "web" },
      "auth.second_factor_failed",
      auditTarget.user(pending),
      { ip: client.ip },
    );
    throw new ServiceError("UNAUTHORIZED", SECOND_FACTOR_ERROR);
  }
  return { userId: pending.userId, session };
}

/**
 * Changes the password, given the current one (and a second factor when two-factor is on),
 * throttled like a sign-in. Every other session ends (a thief's stolen cookie dies with it), and so
 * does every sign-in still waiting for its second step (it began with the old password).
 */
export function changePassword(
  deps: ServiceDeps,
  client: SignInClient,
  member: Member,
  input: { currentPassword: string; code?: string | undefined; newPassword: string },
): Promise<{ otherSessionsEnded: number }> {
  const proof: IdentityProof = { password: input.currentPassword, code: input.code };
  return withIdentityProof(deps, client, member, proof, {
    prepare: () => hashPassword(input.newPassword),
    change: async (tx, passwordHash) => {
      await setUserPasswordHash(tx, member.userId, passwordHash);
      const ended = await deleteUserSessions(tx, member.userId, member.sessionId);
      const voided = await deleteUserLoginChallenges(tx, member.userId);
      await recordAudit(tx, member, "auth.password_changed", auditTarget.user(member), {
        otherSessionsEnded: ended,
        pendingSignInsVoided: voided,
      });
      return { otherSessionsEnded: ended };
    },
  });
}

export function logout(db: Db, member: Member): Promise<void> {
  return deleteSession(db, member.sessionId);
}

/**
 * The end of every successful sign-in: the budget the attempt was throttled under is forgiven, a
 * brand-new session is issued (verified for two-factor when a second factor was given) and the
 * login is audited.
 */
function finishLogin(
  db: Db,
  client: SignInClient,
  source: AttemptSource,
  login: {
    userId: string;
    workspaceId: string;
    email: string;
    displayName: string;
    secondFactor: "totp" | "recovery_code" | null;
  },
): Promise<IssuedSession> {
  return inTransaction(db, async (tx) => {
    await forgiveFailures(tx, source);
    const session = await issueSession(tx, client, {
      userId: login.userId,
      workspaceId: login.workspaceId,
      twoFactorVerified: login.secondFactor !== null,
    });
    await recordAudit(
      tx,
      { workspaceId: login.workspaceId, userId: login.userId, via: "web" },
      "auth.login",
      auditTarget.user(login),
      { ip: client.ip, secondFactor: login.secondFactor, trustedDevice: source.trustedDeviceId !== null },
    );
    return session;
  });
}

/** Whom a sign-in attempt is throttled as: a trusted device of this member, or an untrusted source. */
function attemptSource(
  cipher: Cipher,
  client: SignInClient,
  email: string,
  user: { id: string } | undefined,
  membership: { since: Date } | null,
): AttemptSource {
  const account = user && membership ? { userId: user.id, memberSince: membership.since } : null;
  return {
    email,
    ip: client.ip,
    trustedDeviceId: trustedDeviceId(readDeviceCookie(cipher, client.deviceCookie), account),
  };
}
