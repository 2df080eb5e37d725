import { insightRangeSchema } from "@benteng/shared";
import { z } from "zod";
import { runtimeSettings } from "../../env.ts";
import {
  createFlow,
  createFlowInput,
  deleteFlow,
  duplicateFlow,
  flowBlockInsights,
  flowDeleteImpact,
  flowDetail,
  flowNameSchema,
  importFlow,
  importFlowInput,
  listFlows,
  listRecentlyDeleted,
  renameFlow,
  restoreFlow,
  saveDraft,
  saveDraftInput,
} from "../../services/flows.ts";
import { permittedProcedure, router } from "../init.ts";
import { memberOf } from "../requestActor.ts";

const flowId = z.object({ flowId: z.uuid() });

export const flowsRouter = router({
  list: permittedProcedure("flow.read").query(({ ctx }) => listFlows(ctx.db, memberOf(ctx))),

  byId: permittedProcedure("flow.read")
    .input(flowId)
    .query(({ ctx, input }) => flowDetail(ctx.db, memberOf(ctx), input.flowId)),

  /** A new flow: empty, from a starter template, or from a given document (e.g. "keep mine as a copy"). */
  create: permittedProcedure("flow.edit")
    .input(createFlowInput)
    .mutation(({ ctx, input }) => createFlow(ctx.db, memberOf(ctx), input)),

  /** Imports an exported flow of any known document version; a bad file changes nothing. */
  import: permittedProcedure("flow.edit")
    .input(importFlowInput)
    .mutation(({ ctx, input }) => importFlow(ctx.db, memberOf(ctx), input)),

  duplicate: permittedProcedure("flow.edit")
    .input(flowId)
    .mutation(({ ctx, input }) => duplicateFlow(ctx.db, memberOf(ctx), input.flowId)),

  /** Saves the draft if nobody saved since baseRevision; otherwise tells who did (never overwrites). */
  save: permittedProcedure("flow.edit")
    .input(saveDraftInput)
    .mutation(({ ctx, input }) => saveDraft(ctx.db, memberOf(ctx), input)),

  rename: permittedProcedure("flow.edit")
    .input(flowId.extend({ name: flowNameSchema }))
    .mutation(async ({ ctx, input }) => {
      await renameFlow(ctx.db, memberOf(ctx), input);
      return { ok: true };
    }),

  /** Channels the flow answers and whether the caller may delete it (the delete dialog shows this). */
  deleteImpact: permittedProcedure("flow.read")
    .input(flowId)
    .query(({ ctx, input }) => flowDeleteImpact(ctx.db, memberOf(ctx), input.flowId)),

  /** Moves a flow that no channel uses and that has nothing live to "recently deleted". */
  remove: permittedProcedure("flow.edit")
    .input(flowId)
    .mutation(async ({ ctx, input }) => {
      await deleteFlow(ctx.db, memberOf(ctx), input.flowId);
      return { ok: true };
    }),

  /** Deleting a flow with a live version is reviewed like publishing: a reviewer with the second factor. */
  removeLive: permittedProcedure("version.review", { twoFactor: true })
    .input(flowId)
    .mutation(async ({ ctx, input }) => {
      await deleteFlow(ctx.db, memberOf(ctx), input.flowId);
      return { ok: true };
    }),

  /** Flows deleted in the last 30 days, which can be restored. */
  recentlyDeleted: permittedProcedure("flow.read").query(({ ctx }) =>
    listRecentlyDeleted(ctx.db, memberOf(ctx)),
  ),

  restore: permittedProcedure("flow.edit")
    .input(flowId)
    .mutation(({ ctx, input }) => restoreFlow(ctx.db, memberOf(ctx), input.flowId)),

  /** Per-block visits, exits, drop-off, waiting and script errors over a range, from the trace. */
  insights: permittedProcedure("transcript.read")
    .input(flowId.extend({ range: insightRangeSchema.default("7d") }))
    .query(({ ctx, input }) =>
      flowBlockInsights(ctx.db, memberOf(ctx), input, runtimeSettings(ctx.env).sessionTimeoutMs),
    ),
  // Versions, and publishing through review: versions.list / submit → approve → publish (routers/versions.ts).
});
