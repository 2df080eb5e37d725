import type { Db } from "@benteng/db";
import { type FlowInsights, flowInsights } from "@benteng/db/queries/flowInsights";
import {
  channelsUsingFlow,
  type DeletedFlow,
  type FlowDetail,
  type FlowSummary,
  flowById,
  flowHeader,
  createFlow as insertFlow,
  listDeletedFlows,
  listFlows as listFlowSummaries,
  lockFlow,
  purgeDeletedFlows,
  RESTORABLE_DAYS,
  renameFlow as renameFlowRow,
  restorableSince,
  restoreDeletedFlow,
  type SaveDraftResult,
  saveDraft as saveDraftRow,
  softDeleteFlow,
} from "@benteng/db/queries/flows";
import { linkAllowlist } from "@benteng/db/queries/workspaces";
import {
  can,
  emptyFlow,
  type Finding,
  type Flow,
  flowSchema,
  flowTemplateIds,
  flowTemplates,
  type InsightRange,
  insightRangeStart,
  migrateFlow,
  scriptPrivilegeRefusal,
} from "@benteng/shared";
import { z } from "zod";
import { lintOffThread } from "../lint/lintThread.ts";
import type { Actor, Member } from "./actor.ts";
import { auditTarget, recordAudit } from "./audit.ts";
import { recordDraftMedia } from "./flowMedia.ts";
import { inTransaction } from "./inTransaction.ts";
import { recordDraftProvenance } from "./provenance.ts";
import { notFound, ServiceError } from "./serviceError.ts";
import { nameText } from "./typedText.ts";

export const flowNameSchema = nameText(120).min(1, "Give the flow a name.");

export const createFlowInput = z.object({
  name: flowNameSchema,
  template: z.enum(flowTemplateIds).optional(),
  draft: flowSchema.optional(),
  /**
   * The flow the draft was copied from ("keep mine as a copy"): script blocks it has unchanged are
   * not the copier's writing, so someone who is not a developer may keep them.
   */
  copyOf: z.uuid().optional(),
});

/** An exported flow of any known document version (checked by migrateFlow, not by the input schema). */
export const importFlowInput = z.object({ name: flowNameSchema, document: z.unknown() });

export const saveDraftInput = z.object({
  flowId: z.uuid(),
  baseRevision: z.number().int().positive(),
  draft: flowSchema,
});

export function listFlows(db: Db, actor: Actor): Promise<FlowSummary[]> {
  return listFlowSummaries(db, actor.workspaceId);
}

/** One flow with its draft (read the way every stored flow is: upgraded, then parsed). */
export async function flowDetail(db: Db, actor: Actor, flowId: string): Promise<FlowDetail> {
  return (await flowById(db, actor.workspaceId, flowId)) ?? throwNotFound(flowId);
}

/** A new flow: empty, from a starter template, or from a given document (e.g. "keep mine as a copy"). */
export async function createFlow(
  db: Db,
  member: Member,
  input: z.infer<typeof createFlowInput>,
): Promise<{ id: string; revision: number }> {
  const draft = input.draft ?? (input.template ? flowTemplates[input.template].build() : emptyFlow());
  const source = input.draft && input.copyOf ? (await flowDetail(db, member, input.copyOf)).draft : null;
  assertScriptPrivilege(member, source, draft, { removalAllowed: source !== null });
  return inTransaction(db, async (tx) => {
    const flow = await insertFlow(tx, {
      workspaceId: member.workspaceId,
      name: input.name,
      draft,
      userId: member.userId,
    });
    await recordDraftProvenance(tx, {
      workspaceId: member.workspaceId,
      userId: member.userId,
      flowId: flow.id,
      revision: flow.revision,
      before: null,
      after: draft,
      copiedFrom: source ? input.copyOf : null,
    });
    await recordDraftMedia(tx, member.workspaceId, flow.id, draft);
    await recordAudit(tx, member, "flow.created", auditTarget.flow({ id: flow.id, name: input.name }), {
      ...(input.template ? { template: input.template } : {}),
    });
    return flow;
  });
}

/**
 * Imports an exported flow of any known document version as a new draft, from the web app or the
 * CLI alike; a bad document changes nothing. Publishing it still goes through review.
 */
export async function importFlow(
  db: Db,
  actor: Actor | Member,
  input: z.infer<typeof importFlowInput>,
): Promise<{ id: string; revision: number }> {
  const migrated = migrateFlow(input.document);
  if (!migrated.ok) {
    const detail = migrated.issues.length ? ` ${migrated.issues.slice(0, 5).join("; ")}` : "";
    throw new ServiceError("BAD_REQUEST", `${migrated.error}${detail}`);
  }
  assertScriptPrivilege(actor, null, migrated.flow);
  return inTransaction(db, async (tx) => {
    const flow = await insertFlow(tx, {
      workspaceId: actor.workspaceId,
      name: input.name,
      draft: migrated.flow,
      userId: actor.userId,
    });
    // Blocks someone here already wrote keep that writer as their author (an export re-imported).
    await recordDraftProvenance(tx, {
      workspaceId: actor.workspaceId,
      userId: actor.userId,
      flowId: flow.id,
      revision: flow.revision,
      before: null,
      after: migrated.flow,
    });
    await recordDraftMedia(tx, actor.workspaceId, flow.id, migrated.flow);
    await recordAudit(tx, actor, "flow.imported", auditTarget.flow({ id: flow.id, name: input.name }));
    return flow;
  });
}

export async function duplicateFlow(
  db: Db,
  member: Member,
  flowId: string,
): Promise<{ id: string; revision: number }> {
  const source = await flowDetail(db, member, flowId);
  const name = `${source.name} (copy)`.slice(0, 120);
  return inTransaction(db, async (tx) => {
    const flow = await insertFlow(tx, {
      workspaceId: member.workspaceId,
      name,
      draft: source.draft,
      userId: member.userId,
    });
    // The copy keeps its writers as authors: a duplicate launders nobody's authorship.
    await recordDraftProvenance(tx, {
      workspaceId: member.workspaceId,
      userId: member.userId,
      flowId: flow.id,
      revision: flow.revision,
      before: null,
      after: source.draft,
      copiedFrom: source.id,
    });
    await recordDraftMedia(tx, member.workspaceId, flow.id, source.draft);
    await recordAudit(tx, member, "flow.duplicated", auditTarget.flow({ id: flow.id, name }), {
      sourceFlowId: source.id,
    });
    return flow;
  });
}

export type SaveResult =
  | { ok: true; revision: number; findings: Finding[] }
  | Extract<SaveDraftResult, { ok: false; reason: "conflict" }>;

/**
 * Saves the draft if nobody saved since baseRevision; otherwise tells who did (never overwrites).
 * Returns the policy findings of the saved draft: the same checks the editor shows live.
 */
export async function saveDraft(
  db: Db,
  member: Member,
  input: z.infer<typeof saveDraftInput>,
): Promise<SaveResult> {
  const saved = await flowDetail(db, member, input.flowId);
  // Compare script changes against the very revision being replaced, not whatever comes next.
  if (saved.revision !== input.baseRevision) {
    return {
      ok: false,
      reason: "conflict",
      currentRevision: saved.revision,
      updatedBy: saved.updatedBy,
      updatedAt: saved.updatedAt,
    };
  }
  assertScriptPrivilege(member, saved.draft, input.draft);
  const result = await inTransaction(db, async (tx) => {
    const stored = await saveDraftRow(tx, {
      workspaceId: member.workspaceId,
      flowId: input.flowId,
      baseRevision: input.baseRevision,
      draft: input.draft,
      userId: member.userId,
    });
    // Parts pasted from another flow keep their first writers; parts written or edited here add the saver.
    if (stored.ok) {
      await recordDraftProvenance(tx, {
        workspaceId: member.workspaceId,
        userId: member.userId,
        flowId: input.flowId,
        revision: stored.revision,
        before: saved.draft,
        after: input.draft,
      });
      await recordDraftMedia(tx, member.workspaceId, input.flowId, input.draft);
      await recordAudit(tx, member, "flow.draft_saved", auditTarget.flow(saved), {
        revision: stored.revision,
        blocks: input.draft.nodes.length,
        edges: input.draft.edges.length,
      });
    }
    return stored;
  });
  if (!result.ok) return result.reason === "not-found" ? throwNotFound(input.flowId) : result;
  const findings = await lintOffThread(input.draft, {
    linkAllowlist: await linkAllowlist(db, member.workspaceId),
  });
  return { ...result, findings };
}

export function renameFlow(db: Db, member: Member, input: { flowId: string; name: string }): Promise<void> {
  return inTransaction(db, async (tx) => {
    const before = (await flowHeader(tx, member.workspaceId, input.flowId)) ?? throwNotFound(input.flowId);
    if (!(await renameFlowRow(tx, member.workspaceId, input.flowId, input.name))) throwNotFound(input.flowId);
    await recordAudit(tx, member, "flow.renamed", auditTarget.flow({ id: before.id, name: input.name }), {
      from: before.name,
    });
  });
}

export interface DeleteImpact {
  /** Channels this flow answers: while any does, the flow cannot be deleted. */
  channels: Array<{ id: string; name: string; phoneNumberId: string }>;
  /** It has a live version: deleting it is reviewed like publishing (reviewer, second factor). */
  live: boolean;
  /** Whether the asking member may delete it now; when not, `reason` says what to do. */
  allowed: boolean;
  reason: string | null;
}

/** What deleting a flow would affect and whether the member may do it: the delete dialog shows this. */
export async function flowDeleteImpact(db: Db, actor: Actor | Member, flowId: string): Promise<DeleteImpact> {
  const flow = (await flowById(db, actor.workspaceId, flowId)) ?? throwNotFound(flowId);
  const channels = await channelsUsingFlow(db, actor.workspaceId, flowId);
  const reason = deleteRefusal(
    actor,
    { name: flow.name, publishedVersionId: flow.publishedVersionId },
    channels,
  );
  return { channels, live: flow.publishedVersionId !== null, allowed: reason === null, reason };
}

/**
 * Moves a flow to "recently deleted" (restorable for RESTORABLE_DAYS days): versions and
 * conversations stay. Refused while a channel uses it; a flow with a live version needs a reviewer
 * who passed the second factor, as publishing does. Audited in the same transaction.
 */
export function deleteFlow(db: Db, actor: Actor | Member, flowId: string): Promise<void> {
  return inTransaction(db, async (tx) => {
    const flow = (await lockFlow(tx, actor.workspaceId, flowId)) ?? throwNotFound(flowId);
    const channels = await channelsUsingFlow(tx, actor.workspaceId, flowId);
    const reason = deleteRefusal(actor, flow, channels);
    if (reason) throw new ServiceError(channels.length > 0 ? "CONFLICT" : "FORBIDDEN", reason);
    if (!(await softDeleteFlow(tx, actor.workspaceId, flowId))) throwNotFound(flowId);
    await recordAudit(tx, actor, "flow.deleted", auditTarget.flow(flow), {
      live: flow.publishedVersionId !== null,
      ...(flow.publishedVersionId ? { publishedVersionId: flow.publishedVersionId } : {}),
    });
  });
}

function deleteRefusal(
  actor: Actor | Member,
  flow: { name: string; publishedVersionId: string | null },
  channels: Array<{ name: string; phoneNumberId: string }>,
): string | null {
  if (channels.length > 0) {
    const names = channels.map((c) => `“${c.name}” (${c.phoneNumberId})`).join(", ");
    const one = channels.length === 1;
    return `“${flow.name}” answers the WhatsApp channel${one ? "" : "s"} ${names}. Point ${one ? "that channel" : "those channels"} at another flow on the Channels page first, then delete it.`;
  }
  if (flow.publishedVersionId && "roles" in actor) {
    if (!can(actor.roles, "version.review") || !actor.twoFactorVerified) {
      return `“${flow.name}” has a live version, so deleting it is reviewed like publishing: a reviewer signed in with two-factor authentication must delete it.`;
    }
  } else if ("roles" in actor && !can(actor.roles, "flow.edit")) {
    return "Your role does not allow deleting flows.";
  }
  return null;
}

/** Flows deleted in the last RESTORABLE_DAYS days, which can still be restored. */
export function listRecentlyDeleted(db: Db, actor: Actor, now = new Date()): Promise<DeletedFlow[]> {
  return listDeletedFlows(db, actor.workspaceId, restorableSince(now));
}

/** Brings a recently deleted flow back to the Flows list (it answers no channel until one is pointed at it). */
export function restoreFlow(
  db: Db,
  actor: Actor,
  flowId: string,
  now = new Date(),
): Promise<{ name: string }> {
  return inTransaction(db, async (tx) => {
    const flow = await restoreDeletedFlow(tx, actor.workspaceId, flowId, restorableSince(now));
    if (!flow) {
      throw new ServiceError(
        "NOT_FOUND",
        `That flow is not among the recently deleted ones (flows can be restored for ${RESTORABLE_DAYS} days).`,
      );
    }
    await recordAudit(tx, actor, "flow.restored", auditTarget.flow(flow));
    return { name: flow.name };
  });
}

/**
 * Removes flows deleted more than RESTORABLE_DAYS days ago, across workspaces (the server runs this
 * periodically; `benteng flow purge` runs it once). Each purge is audited in its workspace.
 */
export function purgeExpiredFlows(
  db: Db,
  now = new Date(),
  via: Actor["via"] = "web",
): Promise<Array<{ id: string; name: string }>> {
  return inTransaction(db, async (tx) => {
    const purged = await purgeDeletedFlows(tx, restorableSince(now));
    for (const f of purged) {
      // Nobody asked for it: the installation itself (the server's hourly run, or `benteng flow purge`).
      const installation: Actor = { workspaceId: f.workspaceId, userId: null, via };
      await recordAudit(tx, installation, "flow.purged", auditTarget.flow(f), {
        restorableDays: RESTORABLE_DAYS,
      });
    }
    return purged.map(({ id, name }) => ({ id, name }));
  });
}

/**
 * Per-block visits, exits, drop-off, conversations waiting (for an answer, or for a person at a
 * handoff) and script errors over a range, from the conversation trace; a daily series for the chart.
 * `idleAfterMs`: the runtime's session timeout (an active conversation idle longer has dropped off).
 */
export async function flowBlockInsights(
  db: Db,
  actor: Actor,
  input: { flowId: string; range: InsightRange },
  idleAfterMs: number,
): Promise<FlowInsights> {
  if (!(await flowHeader(db, actor.workspaceId, input.flowId))) throwNotFound(input.flowId);
  return flowInsights(db, actor.workspaceId, input.flowId, {
    since: insightRangeStart(input.range),
    idleAfterMs,
  });
}

/**
 * Refuses a document that changes what only developers decide about a script block (its code, input
 * and output mappings and schemas, hosts, secrets, limits; adding one that is not an empty "script
 * needed" placeholder; removing a developer's one) unless the member is a developer: enforced here
 * field by field, and offered by the editor in the same words (scriptPrivilegeRefusal). The operator
 * at the CLI has the installation's shell, so no role applies to them.
 */
function assertScriptPrivilege(
  actor: Actor | Member,
  before: Flow | null,
  after: Flow,
  options: { removalAllowed?: boolean } = {},
): void {
  if (!("roles" in actor) || can(actor.roles, "script.edit")) return;
  const refusal = scriptPrivilegeRefusal(before, after, options);
  if (refusal) throw new ServiceError("FORBIDDEN", refusal);
}

function throwNotFound(flowId: string): never {
  throw notFound("Flow", flowId);
}
