import { appendAudit } from "@benteng/db/queries/auditLog";
import { countUnusedRecoveryCodes, replaceRecoveryCodes } from "@benteng/db/queries/recoveryCodes";
import { deleteUserSessions } from "@benteng/db/queries/sessions";
import {
  claimTotpStep,
  setPendingSecret,
  setTotpSecret,
  twoFactorState,
} from "@benteng/db/queries/twoFactor";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { issueSession } from "../../auth/issueSession.ts";
import { generateRecoveryCodes, hashRecoveryCode } from "../../auth/recoveryCodes.ts";
import { TOTP_SECRET_PURPOSE, verifySecondFactor } from "../../auth/secondFactor.ts";
import { isLoginThrottled, recordFailedLogin } from "../../auth/throttle.ts";
import { generateTotpSecret, matchTotpStep, totpEnrolment } from "../../auth/totp.ts";
import type { Context } from "../context.ts";
import { authedProcedure, router } from "../init.ts";

const code = z.object({ code: z.string().trim().min(1, "Enter the code.").max(32) });

function wrongCode(): never {
  throw new TRPCError({
    code: "BAD_REQUEST",
    message: "That code is not valid. Check your authenticator app.",
  });
}

/**
 * A current code for a sensitive change (turning 2FA off, new recovery codes): only from a session
 * that passed the second factor, and wrong codes count toward the account's login throttle, so a
 * stolen cookie cannot guess its way through.
 */
async function checkCodeGuarded(
  ctx: Context & { session: NonNullable<Context["session"]> },
  given: string,
): Promise<void> {
  if (!ctx.session.twoFactorVerified) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Sign in again with your second factor first." });
  }
  if (await isLoginThrottled(ctx.db, ctx.session.email, ctx.ip)) {
    throw new TRPCError({
      code: "TOO_MANY_REQUESTS",
      message: "Too many attempts. Wait a few minutes, then try again.",
    });
  }
  if (!(await verifySecondFactor(ctx.db, ctx.cipher, ctx.session.userId, given))) {
    await recordFailedLogin(ctx.db, ctx.session.email, ctx.ip);
    wrongCode();
  }
}

async function audit(ctx: Context & { session: NonNullable<Context["session"]> }, action: string) {
  await appendAudit(ctx.db, {
    workspaceId: ctx.session.workspaceId,
    actorUserId: ctx.session.userId,
    action,
    target: ctx.session.userId,
    details: { ip: ctx.ip },
  });
}

export const twoFactorRouter = router({
  status: authedProcedure.query(async ({ ctx }) => {
    const state = await twoFactorState(ctx.db, ctx.session.userId);
    return {
      enabled: state.secretEnc !== null,
      sessionVerified: ctx.session.twoFactorVerified,
      recoveryCodesLeft: state.secretEnc ? await countUnusedRecoveryCodes(ctx.db, ctx.session.userId) : 0,
    };
  }),

  /** Starts enrolment: a new secret, kept server-side (encrypted) until a code proves the app has it. */
  begin: authedProcedure.mutation(async ({ ctx }) => {
    const state = await twoFactorState(ctx.db, ctx.session.userId);
    if (state.secretEnc) {
      throw new TRPCError({ code: "CONFLICT", message: "Two-factor authentication is already on." });
    }
    const secret = generateTotpSecret();
    await setPendingSecret(ctx.db, ctx.session.userId, ctx.cipher.encrypt(secret, TOTP_SECRET_PURPOSE));
    return totpEnrolment(secret, ctx.session.email);
  }),

  /**
   * Finishes enrolment with a code from the app: two-factor is on, recovery codes are shown once, and
   * a new (verified) session replaces the current one.
   */
  confirm: authedProcedure.input(code).mutation(async ({ ctx, input }) => {
    const state = await twoFactorState(ctx.db, ctx.session.userId);
    if (state.secretEnc)
      throw new TRPCError({ code: "CONFLICT", message: "Two-factor authentication is already on." });
    if (!state.pendingSecretEnc) {
      throw new TRPCError({ code: "BAD_REQUEST", message: "Start the set-up again: no QR code is pending." });
    }
    const step = matchTotpStep(ctx.cipher.decrypt(state.pendingSecretEnc, TOTP_SECRET_PURPOSE), input.code);
    if (step === null || !(await claimTotpStep(ctx.db, ctx.session.userId, step))) wrongCode();
    await setTotpSecret(ctx.db, ctx.session.userId, state.pendingSecretEnc);
    // Sessions from before enrolment (possibly a stolen one) end: only this verified one remains.
    await deleteUserSessions(ctx.db, ctx.session.userId);
    const recoveryCodes = generateRecoveryCodes();
    await replaceRecoveryCodes(ctx.db, ctx.session.userId, recoveryCodes.map(hashRecoveryCode));
    await issueSession(ctx, {
      userId: ctx.session.userId,
      workspaceId: ctx.session.workspaceId,
      twoFactorVerified: true,
    });
    await audit(ctx, "2fa.enabled");
    return { recoveryCodes };
  }),

  /** New recovery codes (the old ones stop working); needs a current code. */
  regenerateRecoveryCodes: authedProcedure.input(code).mutation(async ({ ctx, input }) => {
    await checkCodeGuarded(ctx, input.code);
    const recoveryCodes = generateRecoveryCodes();
    await replaceRecoveryCodes(ctx.db, ctx.session.userId, recoveryCodes.map(hashRecoveryCode));
    await audit(ctx, "2fa.recovery_codes_regenerated");
    return { recoveryCodes };
  }),

  /** Turns two-factor off (needs a code); the session loses its verified status with it. */
  disable: authedProcedure.input(code).mutation(async ({ ctx, input }) => {
    await checkCodeGuarded(ctx, input.code);
    await setTotpSecret(ctx.db, ctx.session.userId, null);
    await replaceRecoveryCodes(ctx.db, ctx.session.userId, []);
    await issueSession(ctx, {
      userId: ctx.session.userId,
      workspaceId: ctx.session.workspaceId,
      twoFactorVerified: false,
    });
    await audit(ctx, "2fa.disabled");
    return { ok: true };
  }),
});
