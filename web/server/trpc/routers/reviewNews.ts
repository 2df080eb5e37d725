import { listReviewNews, reviewNewsRead } from "../../services/reviewNews.ts";
import { authedProcedure, router } from "../init.ts";
import { memberOf } from "../requestActor.ts";

export const reviewNewsRouter = router({
  /** Review requests (for reviewers) and decisions on the member's own versions, newest first. */
  list: authedProcedure.query(({ ctx }) => listReviewNews(ctx.db, memberOf(ctx))),

  /** Marks all news up to now as read. */
  markRead: authedProcedure.mutation(async ({ ctx }) => {
    await reviewNewsRead(ctx.db, memberOf(ctx));
    return { ok: true };
  }),
});
