import { flowInsights } from "@benteng/db/queries/flowInsights";
import {
  createFlow,
  flowById,
  listFlows,
  renameFlow,
  saveDraft,
  softDeleteFlow,
} from "@benteng/db/queries/flows";
import { linkAllowlist } from "@benteng/db/queries/workspaces";
import {
  can,
  emptyFlow,
  type Flow,
  flowSchema,
  flowTemplateIds,
  flowTemplates,
  lintFlow,
  migrateFlow,
  privilegedScriptChanges,
  type Role,
} from "@benteng/shared";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { permittedProcedure, router } from "../init.ts";

const flowId = z.object({ flowId: z.uuid() });
const flowName = z.string().trim().min(1, "Give the flow a name.").max(120);

/**
 * Refuses a document that changes script code, hosts or secrets unless the member is a developer:
 * enforced here, not just by a read-only field in the editor.
 */
function assertScriptPrivilege(session: { roles: readonly Role[] }, before: Flow | null, after: Flow): void {
  if (can(session.roles, "script.edit")) return;
  const changed = privilegedScriptChanges(before, after);
  if (changed.length > 0) {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: `Only developers can change a script's code, allowed hosts or secrets (script block ${changed.join(", ")}).`,
    });
  }
}

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

  /** A new flow: empty, from a starter template, or from a given document (e.g. "keep mine as a copy"). */
  create: permittedProcedure("flow.edit")
    .input(
      z.object({
        name: flowName,
        template: z.enum(flowTemplateIds).optional(),
        draft: flowSchema.optional(),
      }),
    )
    .mutation(({ ctx, input }) => {
      const draft = input.draft ?? (input.template ? flowTemplates[input.template].build() : emptyFlow());
      assertScriptPrivilege(ctx.session, null, draft);
      return createFlow(ctx.db, {
        workspaceId: ctx.session.workspaceId,
        name: input.name,
        draft,
        userId: ctx.session.userId,
      });
    }),

  /** Imports an exported flow of any known document version; a bad file changes nothing. */
  import: permittedProcedure("flow.edit")
    .input(z.object({ name: flowName, document: z.unknown() }))
    .mutation(async ({ ctx, input }) => {
      const migrated = migrateFlow(input.document);
      if (!migrated.ok) {
        const detail = migrated.issues.length ? ` ${migrated.issues.slice(0, 5).join("; ")}` : "";
        throw new TRPCError({ code: "BAD_REQUEST", message: `${migrated.error}${detail}` });
      }
      assertScriptPrivilege(ctx.session, null, migrated.flow);
      return createFlow(ctx.db, {
        workspaceId: ctx.session.workspaceId,
        name: input.name,
        draft: migrated.flow,
        userId: ctx.session.userId,
      });
    }),

  duplicate: permittedProcedure("flow.edit")
    .input(flowId)
    .mutation(async ({ ctx, input }) => {
      const flow = (await flowById(ctx.db, ctx.session.workspaceId, input.flowId)) ?? notFound(input.flowId);
      return createFlow(ctx.db, {
        workspaceId: ctx.session.workspaceId,
        name: `${flow.name} (copy)`.slice(0, 120),
        draft: flow.draft,
        userId: ctx.session.userId,
      });
    }),

  /** Saves the draft if nobody saved since baseRevision; otherwise tells who did (never overwrites). */
  save: permittedProcedure("flow.edit")
    .input(flowId.extend({ baseRevision: z.number().int().positive(), draft: flowSchema }))
    .mutation(async ({ ctx, input }) => {
      const saved = await flowById(ctx.db, ctx.session.workspaceId, input.flowId);
      if (!saved) notFound(input.flowId);
      // Compare script changes against the very revision being replaced, not whatever comes next.
      if (saved.revision !== input.baseRevision) {
        return {
          ok: false as const,
          reason: "conflict" as const,
          currentRevision: saved.revision,
          updatedBy: saved.updatedBy,
          updatedAt: saved.updatedAt,
        };
      }
      assertScriptPrivilege(ctx.session, saved.draft, input.draft);
      const result = await saveDraft(ctx.db, {
        workspaceId: ctx.session.workspaceId,
        flowId: input.flowId,
        baseRevision: input.baseRevision,
        draft: input.draft,
        userId: ctx.session.userId,
      });
      if (!result.ok && result.reason === "not-found") notFound(input.flowId);
      // The same checks the editor shows live, run on the server on every save.
      const allowlist = await linkAllowlist(ctx.db, ctx.session.workspaceId);
      return result.ok
        ? { ...result, findings: lintFlow(input.draft, { linkAllowlist: allowlist }) }
        : result;
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

  /** Per-block visits and where active conversations wait, drawn on the canvas. */
  insights: permittedProcedure("transcript.read")
    .input(flowId)
    .query(({ ctx, input }) => flowInsights(ctx.db, ctx.session.workspaceId, input.flowId)),
  // Versions, and publishing through review: versions.list / submit → approve → publish (routers/versions.ts).
});
