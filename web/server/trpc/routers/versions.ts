import { z } from "zod";
import {
  approveInput,
  approveVersion,
  draftStatus,
  listVersions,
  publishApprovedVersion,
  rejectInput,
  rejectVersion,
  reviewQueue,
  rollBackToVersion,
  submitInput,
  submitVersion,
  versionView,
} from "../../services/versions.ts";
import { permittedProcedure, router } from "../init.ts";
import { memberOf } from "../requestActor.ts";

const versionId = z.object({ versionId: z.uuid() });
// Approving, rejecting, publishing and rolling back all need a reviewer who passed the second factor.
const review = permittedProcedure("version.review", { twoFactor: true });

export const versionsRouter = router({
  /** A flow's versions with their state and the latest reviewer comment (authors follow their submission). */
  list: permittedProcedure("flow.read")
    .input(z.object({ flowId: z.uuid() }))
    .query(({ ctx, input }) => listVersions(ctx.db, memberOf(ctx), input.flowId)),

  /** Which version is live and whether the saved draft has unpublished changes. */
  draftStatus: permittedProcedure("flow.read")
    .input(z.object({ flowId: z.uuid() }))
    .query(({ ctx, input }) => draftStatus(ctx.db, memberOf(ctx), input.flowId)),

  /** Versions waiting for a decision or for publishing, across the workspace. */
  queue: permittedProcedure("flow.read").query(({ ctx }) => reviewQueue(ctx.db, memberOf(ctx))),

  /** One version with the live document it is compared against, and whether the caller may decide on it. */
  byId: permittedProcedure("flow.read")
    .input(versionId)
    .query(({ ctx, input }) => versionView(ctx.db, memberOf(ctx), input.versionId)),

  /**
   * Freezes the saved draft into an immutable version with its lint report and the author's note.
   * Lint errors refuse the submission: nobody can waive them.
   */
  submit: permittedProcedure("flow.edit")
    .input(submitInput)
    .mutation(({ ctx, input }) => submitVersion(ctx.db, memberOf(ctx), input)),

  /** Approves exactly the content the reviewer saw (its hash); never by an author of the change. */
  approve: review.input(approveInput).mutation(async ({ ctx, input }) => {
    await approveVersion(ctx.db, memberOf(ctx), input);
    return { ok: true };
  }),

  reject: review.input(rejectInput).mutation(async ({ ctx, input }) => {
    await rejectVersion(ctx.db, memberOf(ctx), input);
    return { ok: true };
  }),

  /**
   * Makes an approved version live, atomically. Conversations already running stay on the version
   * they started with (they are pinned to it); new ones use this one.
   */
  publish: review
    .input(versionId)
    .mutation(({ ctx, input }) => publishApprovedVersion(ctx.db, memberOf(ctx), input.versionId)),

  /** Republishes an earlier approved version (a bad release is undone by a reviewer, not by editing). */
  rollback: review
    .input(versionId)
    .mutation(({ ctx, input }) => rollBackToVersion(ctx.db, memberOf(ctx), input.versionId)),
});
