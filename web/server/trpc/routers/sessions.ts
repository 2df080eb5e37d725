import { z } from "zod";
import { proofTokenSchema } from "../../services/reauthentication.ts";
import { listOwnSessions, revokeOwnSession, signOutEverywhere } from "../../services/sessions.ts";
import { authedProcedure, router } from "../init.ts";
import { memberOf } from "../requestActor.ts";

export const sessionsRouter = router({
  /** The signed-in person's own sessions; the current one is marked. */
  list: authedProcedure.query(({ ctx }) => listOwnSessions(ctx.db, memberOf(ctx))),

  revoke: authedProcedure
    .input(z.object({ sessionId: z.string().regex(/^[0-9a-f]{64}$/), proof: proofTokenSchema }))
    .mutation(async ({ ctx, input }) => {
      await revokeOwnSession(ctx.db, memberOf(ctx), input.sessionId, input.proof);
      if (input.sessionId === ctx.session.id) ctx.cookies.clearSession();
      return { ok: true };
    }),

  /** Ends every session of this person, this one included (a lost laptop, a shared computer). */
  signOutEverywhere: authedProcedure.mutation(async ({ ctx }) => {
    const result = await signOutEverywhere(ctx.db, memberOf(ctx));
    ctx.cookies.clearSession();
    return result;
  }),
});
