import { z } from "zod";
import { passwordSchema } from "../../auth/password.ts";
import { changePassword, completeSecondFactor, login, logout } from "../../services/auth.ts";
import { reauthenticate, sensitiveActionSchema } from "../../services/reauthentication.ts";
import { rolesNeedTwoFactor } from "../../services/twoFactor.ts";
import { authedProcedure, publicProcedure, router } from "../init.ts";
import { clientOf, memberOf, setSignInCookies } from "../requestActor.ts";

const secondFactorCode = z.string().trim().min(1, "Enter the code.").max(32);

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
          twoFactorEnabled: ctx.session.twoFactorEnabled,
          /** Their role needs two-factor and it is off (never set up, or reset by an admin). */
          twoFactorSetupRequired: rolesNeedTwoFactor(ctx.session.roles) && !ctx.session.twoFactorEnabled,
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
        const outcome = await login(ctx, clientOf(ctx), ctx.installationWorkspaceId, input);
        if (!outcome.secondFactor) {
          setSignInCookies(ctx, outcome.userId, outcome.session);
          return { secondFactor: false };
        }
        if (outcome.endedSession) ctx.cookies.clearSession();
        return { secondFactor: true, challenge: outcome.challenge };
      },
    ),

  /** The second step of a two-factor login: an authenticator code or a recovery code. */
  verifySecondFactor: publicProcedure
    .input(z.object({ challenge: z.string().max(64), code: z.string().trim().min(1).max(32) }))
    .mutation(async ({ ctx, input }) => {
      const { userId, session } = await completeSecondFactor(ctx, clientOf(ctx), input);
      setSignInCookies(ctx, userId, session);
      return { ok: true };
    }),

  /**
   * The person shows it is them again (password, and a code when two-factor is on), throttled like a
   * sign-in, for one sensitive act: the answer is a single-use proof that act's request carries.
   */
  reauthenticate: authedProcedure
    .input(
      z.object({
        password: z.string().max(256),
        code: secondFactorCode.optional(),
        action: sensitiveActionSchema,
      }),
    )
    .mutation(({ ctx, input }) => reauthenticate(ctx, clientOf(ctx), memberOf(ctx), input)),

  /**
   * Changes the password, given the current one (and a code when two-factor is on), throttled like a
   * sign-in; every other session and every pending sign-in ends.
   */
  changePassword: authedProcedure
    .input(
      z.object({
        currentPassword: z.string().max(256),
        code: secondFactorCode.optional(),
        newPassword: passwordSchema,
      }),
    )
    .mutation(({ ctx, input }) => changePassword(ctx, clientOf(ctx), memberOf(ctx), input)),

  logout: authedProcedure.mutation(async ({ ctx }) => {
    await logout(ctx.db, memberOf(ctx));
    ctx.cookies.clearSession();
    return { ok: true };
  }),
});
