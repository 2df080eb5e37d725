import { appendAudit } from "@benteng/db/queries/auditLog";
import { countUsers, createFirstAdmin } from "@benteng/db/queries/users";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { issueSession } from "../../auth/issueSession.ts";
import { hashPassword, passwordSchema } from "../../auth/password.ts";
import { publicProcedure, router } from "../init.ts";

export const setupRouter = router({
  /** Whether this installation still needs its first admin (the setup page shows then). */
  status: publicProcedure.query(async ({ ctx }) => ({ needsSetup: (await countUsers(ctx.db)) === 0 })),

  /** Creates the first admin. Works exactly once: there are no default credentials, ever. */
  createAdmin: publicProcedure
    .input(
      z.object({
        email: z.email("Enter a valid email address.").max(254),
        displayName: z.string().trim().min(1, "Enter your name.").max(100),
        password: passwordSchema,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const alreadySetUp = () =>
        new TRPCError({
          code: "FORBIDDEN",
          message: "This installation is already set up. Sign in instead.",
        });
      // Cheap check first (no password hashing for requests that cannot succeed); the locked check
      // inside createFirstAdmin settles races.
      if ((await countUsers(ctx.db)) > 0) throw alreadySetUp();
      const passwordHash = await hashPassword(input.password);
      const user = await createFirstAdmin(ctx.db, {
        workspaceId: ctx.installationWorkspaceId,
        email: input.email,
        displayName: input.displayName,
        passwordHash,
        // The first person can do everything a single-person installation needs; review rules
        // (nobody approves their own change) apply once there are more members.
        roles: ["admin", "developer"],
      });
      if (!user) throw alreadySetUp();
      await appendAudit(ctx.db, {
        workspaceId: ctx.installationWorkspaceId,
        actorUserId: user.id,
        action: "user.created",
        target: user.id,
        details: { via: "setup", roles: ["admin", "developer"] },
      });
      await issueSession(ctx, {
        userId: user.id,
        workspaceId: ctx.installationWorkspaceId,
        twoFactorVerified: false,
      });
      return { userId: user.id };
    }),
});
