import { appendAudit } from "@benteng/db/queries/auditLog";
import {
  attemptLoginChallenge,
  clearLoginFailures,
  createLoginChallenge,
  deleteLoginChallenge,
} from "@benteng/db/queries/loginAttempts";
import { deleteSession } from "@benteng/db/queries/sessions";
import { deleteOtherSessions, setUserPasswordHash, userPasswordHash } from "@benteng/db/queries/userSessions";
import { membershipRoles, userByEmail } from "@benteng/db/queries/users";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { issueSession } from "../../auth/issueSession.ts";
import { dummyPasswordHash, hashPassword, passwordSchema, verifyPassword } from "../../auth/password.ts";
import { verifySecondFactor } from "../../auth/secondFactor.ts";
import { generateSessionToken, sessionIdFromToken } from "../../auth/sessions.ts";
import { beginLoginAttempt, isLoginThrottled, recordFailedLogin, throttleKeys } from "../../auth/throttle.ts";
import type { Context } from "../context.ts";
import { authedProcedure, publicProcedure, router } from "../init.ts";

const GENERIC_LOGIN_ERROR = "That email and password do not match an account.";
// Said whether or not the account exists, so throttling does not reveal which emails are real.
const THROTTLED_ERROR = "Too many sign-in attempts. Wait 15 minutes, then try again.";
const SECOND_FACTOR_ERROR = "That code is not valid. Sign in again if this keeps happening.";
const CHALLENGE_TTL_MS = 5 * 60_000;
const CHALLENGE_MAX_ATTEMPTS = 5;

/**
 * The end of every successful sign-in: the account's failures are forgiven, a brand-new session is
 * issued (verified for two-factor when a second factor was given) and the login is audited.
 */
async function finishLogin(
  ctx: Context,
  login: {
    userId: string;
    workspaceId: string;
    email: string;
    secondFactor: "totp" | "recovery_code" | null;
  },
): Promise<void> {
  await clearLoginFailures(ctx.db, throttleKeys(login.email, ctx.ip).account);
  await issueSession(ctx, {
    userId: login.userId,
    workspaceId: login.workspaceId,
    twoFactorVerified: login.secondFactor !== null,
  });
  await appendAudit(ctx.db, {
    workspaceId: login.workspaceId,
    actorUserId: login.userId,
    action: "auth.login",
    details: { ip: ctx.ip, secondFactor: login.secondFactor },
  });
}

export const authRouter = router({
  me: publicProcedure.query(({ ctx }) =>
    ctx.session
      ? {
          userId: ctx.session.userId,
          email: ctx.session.email,
          displayName: ctx.session.displayName,
          roles: ctx.session.roles,
          workspaceId: ctx.session.workspaceId,
          twoFactorVerified: ctx.session.twoFactorVerified,
        }
      : null,
  ),

  /**
   * Checks the password. Without two-factor a new session starts now; with it, the browser gets a
   * short-lived challenge and no session exists until `verifySecondFactor` succeeds.
   */
  login: publicProcedure
    .input(z.object({ email: z.string().max(254), password: z.string().max(256) }))
    .mutation(
      async ({
        ctx,
        input,
      }): Promise<{ secondFactor: false } | { secondFactor: true; challenge: string }> => {
        const attempt = await beginLoginAttempt(ctx.db, input.email, ctx.ip);
        if (attempt.throttled) {
          await appendAudit(ctx.db, {
            workspaceId: ctx.installationWorkspaceId,
            actorUserId: null,
            action: "auth.login_throttled",
            details: { ip: ctx.ip },
          });
          throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: THROTTLED_ERROR });
        }
        const user = await userByEmail(ctx.db, input.email);
        const ok = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), input.password);
        const roles = user && ok ? await membershipRoles(ctx.db, ctx.installationWorkspaceId, user.id) : null;
        if (!user || !ok || !roles) {
          // The attempt was counted as a failure when it began.
          await appendAudit(ctx.db, {
            workspaceId: ctx.installationWorkspaceId,
            actorUserId: user?.id ?? null,
            action: "auth.login_failed",
            details: { ip: ctx.ip },
          });
          throw new TRPCError({ code: "UNAUTHORIZED", message: GENERIC_LOGIN_ERROR });
        }
        await attempt.succeeded();
        // With two-factor on, the account's earlier failures are forgiven only once the code is right
        // too: otherwise a stolen password would buy unlimited fresh rounds of code guesses.
        if (user.totp_secret_enc) {
          const challenge = generateSessionToken();
          await createLoginChallenge(ctx.db, {
            id: sessionIdFromToken(challenge),
            userId: user.id,
            workspaceId: ctx.installationWorkspaceId,
            expiresAt: new Date(Date.now() + CHALLENGE_TTL_MS),
          });
          // A session from before this login must not survive it, even before the second step.
          if (ctx.session) {
            await deleteSession(ctx.db, ctx.session.id);
            ctx.cookies.clearSession();
          }
          return { secondFactor: true, challenge };
        }
        await finishLogin(ctx, {
          userId: user.id,
          workspaceId: ctx.installationWorkspaceId,
          email: input.email,
          secondFactor: null,
        });
        return { secondFactor: false };
      },
    ),

  /** The second step of a two-factor login: an authenticator code or a recovery code. */
  verifySecondFactor: publicProcedure
    .input(z.object({ challenge: z.string().max(64), code: z.string().trim().min(1).max(32) }))
    .mutation(async ({ ctx, input }) => {
      const challengeId = sessionIdFromToken(input.challenge);
      const pending = await attemptLoginChallenge(ctx.db, challengeId, CHALLENGE_MAX_ATTEMPTS);
      if (!pending) throw new TRPCError({ code: "UNAUTHORIZED", message: SECOND_FACTOR_ERROR });
      if (await isLoginThrottled(ctx.db, pending.email, ctx.ip)) {
        await deleteLoginChallenge(ctx.db, challengeId);
        throw new TRPCError({
          code: "TOO_MANY_REQUESTS",
          message: "Too many attempts. Wait a few minutes, then sign in again.",
        });
      }
      const passed = await verifySecondFactor(ctx.db, ctx.cipher, pending.userId, input.code);
      if (!passed) {
        await recordFailedLogin(ctx.db, pending.email, ctx.ip);
        await appendAudit(ctx.db, {
          workspaceId: pending.workspaceId,
          actorUserId: pending.userId,
          action: "auth.second_factor_failed",
          details: { ip: ctx.ip },
        });
        throw new TRPCError({ code: "UNAUTHORIZED", message: SECOND_FACTOR_ERROR });
      }
      await deleteLoginChallenge(ctx.db, challengeId);
      await finishLogin(ctx, { ...pending, secondFactor: passed });
      return { ok: true };
    }),

  /** Changes the password and ends every other session (a thief's stolen cookie dies with it). */
  changePassword: authedProcedure
    .input(z.object({ currentPassword: z.string().max(256), newPassword: passwordSchema }))
    .mutation(async ({ ctx, input }) => {
      const current = await userPasswordHash(ctx.db, ctx.session.userId);
      if (!current || !(await verifyPassword(current, input.currentPassword))) {
        throw new TRPCError({ code: "BAD_REQUEST", message: "Your current password is not right." });
      }
      await setUserPasswordHash(ctx.db, ctx.session.userId, await hashPassword(input.newPassword));
      const ended = await deleteOtherSessions(ctx.db, ctx.session.userId, ctx.session.id);
      await appendAudit(ctx.db, {
        workspaceId: ctx.session.workspaceId,
        actorUserId: ctx.session.userId,
        action: "auth.password_changed",
        target: ctx.session.userId,
        details: { otherSessionsEnded: ended },
      });
      return { otherSessionsEnded: ended };
    }),

  logout: authedProcedure.mutation(async ({ ctx }) => {
    await deleteSession(ctx.db, ctx.session.id);
    ctx.cookies.clearSession();
    return { ok: true };
  }),
});
