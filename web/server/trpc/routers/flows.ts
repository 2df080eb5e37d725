import { appendAudit } from "@benteng/db/queries/auditLog";
import {
  createFlow,
  flowById,
  listFlows,
  renameFlow,
  saveDraft,
  softDeleteFlow,
} from "@benteng/db/queries/flows";
import { createVersion, listVersions, publishVersion } from "@benteng/db/queries/flowVersions";
import { emptyFlow, flowSchema } from "@benteng/shared";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { permittedProcedure, router } from "../init.ts";

const flowId = z.object({ flowId: z.uuid() });
const flowName = z.string().trim().min(1, "Give the flow a name.").max(120);

function notFound(id: string): never {
  throw new TRPCError({ code: "NOT_FOUND", message: `Flow ${id} was not found.` });
}

export const flowsRouter = router({
  list: permittedProcedure("flow.read").query(({ ctx }) => listFlows(ctx.db, ctx.session.workspaceId)),

  byId: permittedProcedure("flow.read")
    .input(flowId)
    .query(
      async ({ ctx, input }) =>
        (await flowById(ctx.db, ctx.session.workspaceId, input.flowId)) ?? notFound(input.flowId),
    ),

  create: permittedProcedure("flow.edit")
    .input(z.object({ name: flowName, draft: flowSchema.optional() }))
    .mutation(({ ctx, input }) =>
      createFlow(ctx.db, {
        workspaceId: ctx.session.workspaceId,
        name: input.name,
        draft: input.draft ?? emptyFlow(),
        userId: ctx.session.userId,
      }),
    ),

  /** Saves the draft if nobody saved since baseRevision; otherwise tells who did (never overwrites). */
  save: permittedProcedure("flow.edit")
    .input(flowId.extend({ baseRevision: z.number().int().positive(), draft: flowSchema }))
    .mutation(async ({ ctx, input }) => {
      const result = await saveDraft(ctx.db, {
        workspaceId: ctx.session.workspaceId,
        flowId: input.flowId,
        baseRevision: input.baseRevision,
        draft: input.draft,
        userId: ctx.session.userId,
      });
      if (!result.ok && result.reason === "not-found") notFound(input.flowId);
      return result;
    }),

  rename: permittedProcedure("flow.edit")
    .input(flowId.extend({ name: flowName }))
    .mutation(async ({ ctx, input }) => {
      if (!(await renameFlow(ctx.db, ctx.session.workspaceId, input.flowId, input.name)))
        notFound(input.flowId);
      return { ok: true };
    }),

  remove: permittedProcedure("flow.edit")
    .input(flowId)
    .mutation(async ({ ctx, input }) => {
      if (!(await softDeleteFlow(ctx.db, ctx.session.workspaceId, input.flowId))) notFound(input.flowId);
      return { ok: true };
    }),

  versions: permittedProcedure("flow.read")
    .input(flowId)
    .query(({ ctx, input }) => listVersions(ctx.db, ctx.session.workspaceId, input.flowId)),

  /** Freezes the saved draft into a version and makes it live. */
  publish: permittedProcedure("flow.edit")
    .input(flowId.extend({ note: z.string().max(500).default("") }))
    .mutation(async ({ ctx, input }) => {
      const flow = (await flowById(ctx.db, ctx.session.workspaceId, input.flowId)) ?? notFound(input.flowId);
      const version = await createVersion(ctx.db, {
        workspaceId: ctx.session.workspaceId,
        flowId: flow.id,
        document: flow.draft,
        lintReport: [],
        status: "approved",
        note: input.note,
        userId: ctx.session.userId,
      });
      await publishVersion(ctx.db, ctx.session.workspaceId, flow.id, version.id);
      await appendAudit(ctx.db, {
        workspaceId: ctx.session.workspaceId,
        actorUserId: ctx.session.userId,
        action: "flow.published",
        target: flow.id,
        details: { versionId: version.id, number: version.number, contentHash: version.contentHash },
      });
      return version;
    }),
});
