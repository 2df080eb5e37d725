import { z } from "zod";
import { dismissNoticeFor, noticesFor } from "../../services/notices.ts";
import { authedProcedure, router } from "../init.ts";
import { memberOf } from "../requestActor.ts";

/** What the team should look at; each member sees the notices their roles can act on. */
export const noticesRouter = router({
  list: authedProcedure.query(({ ctx }) => noticesFor(ctx, memberOf(ctx))),

  dismiss: authedProcedure.input(z.object({ noticeId: z.uuid() })).mutation(async ({ ctx, input }) => {
    await dismissNoticeFor(ctx.db, memberOf(ctx), input.noticeId);
    return { ok: true };
  }),
});
