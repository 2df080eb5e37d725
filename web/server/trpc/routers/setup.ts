import { z } from "zod";
import { passwordSchema } from "../../auth/password.ts";
import { displayNameInput, emailInput } from "../../services/members.ts";
import { createFirstAdmin, needsSetup } from "../../services/setup.ts";
import { publicProcedure, router } from "../init.ts";
import { clientOf, setSignInCookies } from "../requestActor.ts";

export const setupRouter = router({
  /** Whether this installation still needs its first admin (the setup page shows then). */
  status: publicProcedure.query(async ({ ctx }) => ({ needsSetup: await needsSetup(ctx.db) })),

  /** Creates the first admin. Works exactly once: there are no default credentials, ever. */
  createAdmin: publicProcedure
    .input(z.object({ email: emailInput, displayName: displayNameInput, password: passwordSchema }))
    .mutation(async ({ ctx, input }) => {
      const { userId, session } = await createFirstAdmin(
        ctx.db,
        clientOf(ctx),
        ctx.installationWorkspaceId,
        input,
      );
      setSignInCookies(ctx, userId, session);
      return { userId };
    }),
});
