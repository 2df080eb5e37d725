import { appendAudit } from "@benteng/db/queries/auditLog";
import { deleteSession } from "@benteng/db/queries/sessions";
import { membershipRoles, userByEmail } from "@benteng/db/queries/users";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { dummyPasswordHash, verifyPassword } from "../../auth/password.ts";
import { createSession, generateSessionToken } from "../../auth/sessions.ts";
import { authedProcedure, publicProcedure, router } from "../init.ts";

const GENERIC_LOGIN_ERROR = "That email and password do not match an account.";

export const authRouter = router({
  me: publicProcedure.query(({ ctx }) =>
    ctx.session
      ? {
          userId: ctx.session.userId,
          email: ctx.session.email,
          displayName: ctx.session.displayName,
          roles: ctx.session.roles,
          workspaceId: ctx.session.workspaceId,
        }
      : null,
  ),

  login: publicProcedure
    .input(z.object({ email: z.string().max(254), password: z.string().max(256) }))
    .mutation(async ({ ctx, input }) => {
      const user = await userByEmail(ctx.db, input.email);
      const ok = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), input.password);
      const roles = user && ok ? await membershipRoles(ctx.db, ctx.installationWorkspaceId, user.id) : null;
      if (!user || !ok || !roles) {
        await appendAudit(ctx.db, {
          workspaceId: ctx.installationWorkspaceId,
          actorUserId: user?.id ?? null,
          action: "auth.login_failed",
          details: { ip: ctx.ip },
        });
        throw new TRPCError({ code: "UNAUTHORIZED", message: GENERIC_LOGIN_ERROR });
      }
      // A brand-new session on every login: a cookie planted before login is worthless after it.
      if (ctx.session) await deleteSession(ctx.db, ctx.session.id);
      const token = generateSessionToken();
      const { expiresAt } = await createSession(ctx.db, {
        token,
        userId: user.id,
        workspaceId: ctx.installationWorkspaceId,
        twoFactorVerified: false,
        userAgent: ctx.userAgent,
        ttlDays: ctx.env.BENTENG_SESSION_TTL_DAYS,
      });
      ctx.cookies.setSession(token, expiresAt);
      await appendAudit(ctx.db, {
        workspaceId: ctx.installationWorkspaceId,
        actorUserId: user.id,
        action: "auth.login",
        details: { ip: ctx.ip },
      });
      return { userId: user.id };
    }),

  logout: authedProcedure.mutation(async ({ ctx }) => {
    await deleteSession(ctx.db, ctx.session.id);
    ctx.cookies.clearSession();
    return { ok: true };
  }),
});
