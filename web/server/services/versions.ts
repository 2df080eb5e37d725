import type { Db } from "@benteng/db";
import { flowById, flowHeader } from "@benteng/db/queries/flows";
import {
  contentHash,
  createVersion,
  lastRejectedBefore,
  publishVersion,
  versionDocument,
} from "@benteng/db/queries/flowVersions";
import {
  approvalFor,
  authorNames,
  decideVersion,
  listReviewQueue,
  listVersionsWithReviews,
  type PendingReview,
  recordSubmission,
  type VersionForReview,
  type VersionSummary,
  versionForReview,
} from "@benteng/db/queries/reviews";
import { linkAllowlist } from "@benteng/db/queries/workspaces";
import type { Flow } from "@benteng/shared";
import { z } from "zod";
import { lintOffThread } from "../lint/lintThread.ts";
import type { Actor, Member } from "./actor.ts";
import { auditTarget, recordAudit } from "./audit.ts";
import { recordVersionMedia } from "./flowMedia.ts";
import { inTransaction } from "./inTransaction.ts";
import { versionAuthors } from "./provenance.ts";
import { type ScriptInputChange, scriptInputChanges } from "./scriptInputChanges.ts";
import { notFound, ServiceError } from "./serviceError.ts";
import { typedText } from "./typedText.ts";

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

export const submitInput = z.object({ flowId: z.uuid(), note: typedText(1000).default("") });

export const approveInput = z.object({
  versionId: z.uuid(),
  contentHash: sha256Hex,
  comment: typedText(2000).default(""),
  /** Policy warnings need the reviewer's explicit acknowledgement (errors cannot be waived at all). */
  warningsAcknowledged: z.boolean().default(false),
});

export const rejectInput = z.object({
  versionId: z.uuid(),
  contentHash: sha256Hex,
  comment: typedText(2000).min(1, "Tell the author what to change."),
});

/** A flow's versions with their state and the latest reviewer comment. */
export function listVersions(db: Db, actor: Actor, flowId: string): Promise<VersionSummary[]> {
  return listVersionsWithReviews(db, actor.workspaceId, flowId);
}

/**
 * What is live for a flow and whether the saved draft differs from it ("unpublished changes"): the
 * editor's header says so after every save.
 */
export async function draftStatus(
  db: Db,
  actor: Actor,
  flowId: string,
): Promise<{ liveNumber: number | null; unpublishedChanges: boolean }> {
  const flow = (await flowById(db, actor.workspaceId, flowId)) ?? throwNotFound("Flow", flowId);
  if (!flow.publishedVersionId) return { liveNumber: null, unpublishedChanges: false };
  const live = await versionForReview(db, actor.workspaceId, flow.publishedVersionId);
  if (!live) return { liveNumber: null, unpublishedChanges: false };
  return { liveNumber: live.number, unpublishedChanges: contentHash(flow.draft) !== live.contentHash };
}

/** Versions waiting for a decision or for publishing, across the workspace. */
export function reviewQueue(db: Db, actor: Actor): Promise<PendingReview[]> {
  return listReviewQueue(db, actor.workspaceId);
}

export type VersionView = Omit<VersionForReview, "authors"> & {
  /** The live document it is compared against (null when it is the live one, or nothing is live). */
  live: Flow | null;
  /** Whether this version is the one customers get now. */
  isLive: boolean;
  /** The version sent back just before this one (a resubmission is read against it), if any. */
  rejected: { number: number; document: Flow } | null;
  youAreAuthor: boolean;
  /** Everyone who wrote any part of it since the live version: none of them may approve it. */
  authors: Array<{ id: string; name: string }>;
  /** Blocks new or changed since the live version that write a variable a script reads. */
  scriptInputChanges: ScriptInputChange[];
  approved: boolean;
};

/** One version with the live document it is compared against, and whether the member may decide on it. */
export async function versionView(db: Db, member: Member, versionId: string): Promise<VersionView> {
  const v = await loadVersion(db, member, versionId);
  const live =
    v.publishedVersionId && v.publishedVersionId !== v.id
      ? await versionDocument(db, member.workspaceId, v.publishedVersionId)
      : null;
  const rejected = await lastRejectedBefore(db, member.workspaceId, v.flowId, v.number);
  const { authors, ...rest } = v;
  return {
    ...rest,
    live,
    isLive: v.publishedVersionId === v.id,
    rejected: rejected ? { number: rejected.number, document: rejected.document } : null,
    youAreAuthor: authors.includes(member.userId),
    authors: await authorNames(db, authors),
    scriptInputChanges: scriptInputChanges(rest.document, live),
    approved: (await approvalFor(db, v.id, v.contentHash)) !== null,
  };
}

/**
 * Freezes the saved draft into an immutable version with its lint report and the author's note.
 * Lint errors refuse the submission: nobody can waive them. Its authors are the submitter and
 * everyone who wrote any part of it since the live version, wherever it was copied from
 * (versionAuthors). The version, its authors and the audit
 * row commit together: a version without its recorded authors could be approved by one of them.
 */
export async function submitVersion(
  db: Db,
  member: Member,
  input: z.infer<typeof submitInput>,
): Promise<{ id: string; number: number; contentHash: string }> {
  const flow = (await flowById(db, member.workspaceId, input.flowId)) ?? throwNotFound("Flow", input.flowId);
  const findings = await lintOffThread(flow.draft, {
    linkAllowlist: await linkAllowlist(db, member.workspaceId),
  });
  const errors = findings.filter((f) => f.severity === "error");
  if (errors.length > 0) {
    throw new ServiceError(
      "BAD_REQUEST",
      `Fix ${errors.length} problem${errors.length === 1 ? "" : "s"} before submitting: ${errors[0]?.message}`,
    );
  }
  return inTransaction(db, async (tx) => {
    // Provenance survives copying and editing: see versionAuthors.
    const authors = await versionAuthors(tx, member.workspaceId, flow);
    authors.add(member.userId);
    const version = await createVersion(tx, {
      workspaceId: member.workspaceId,
      flowId: flow.id,
      document: flow.draft,
      lintReport: findings,
      status: "submitted",
      note: input.note,
      userId: member.userId,
    });
    await recordVersionMedia(tx, {
      workspaceId: member.workspaceId,
      flowId: flow.id,
      versionId: version.id,
      document: flow.draft,
    });
    await recordSubmission(tx, {
      versionId: version.id,
      flowId: flow.id,
      sourceRevision: flow.revision,
      authors: [...authors],
    });
    await recordAudit(
      tx,
      member,
      "version.submitted",
      auditTarget.version({ id: version.id, flowName: flow.name, number: version.number }),
      { flowId: flow.id, versionId: version.id, number: version.number, contentHash: version.contentHash },
    );
    return version;
  });
}

/** Approves exactly the content the reviewer saw (its hash); never by an author of the change. */
export async function approveVersion(
  db: Db,
  member: Member,
  input: z.infer<typeof approveInput>,
): Promise<void> {
  const v = await loadVersion(db, member, input.versionId);
  refuseAuthor(member, v, "approve");
  if (v.contentHash !== input.contentHash) {
    throw new ServiceError("CONFLICT", "This is not the version you reviewed. Reload it.");
  }
  if (v.lintReport.some((f) => f.severity === "error")) {
    throw new ServiceError("BAD_REQUEST", "This version has policy errors; it cannot be approved.");
  }
  const warnings = v.lintReport.filter((f) => f.severity === "warning").length;
  if (warnings > 0 && !input.warningsAcknowledged) {
    throw new ServiceError(
      "BAD_REQUEST",
      `Read and acknowledge the ${warnings} policy warning${warnings === 1 ? "" : "s"} before approving.`,
    );
  }
  await decide(db, member, v, "approved", input);
}

export async function rejectVersion(
  db: Db,
  member: Member,
  input: z.infer<typeof rejectInput>,
): Promise<void> {
  const v = await loadVersion(db, member, input.versionId);
  refuseAuthor(member, v, "reject");
  await decide(db, member, v, "rejected", input);
}

/**
 * Makes an approved version live, atomically. Conversations already running stay on the version
 * they started with (they are pinned to it); new ones use this one.
 */
export async function publishApprovedVersion(
  db: Db,
  member: Member,
  versionId: string,
): Promise<{ number: number }> {
  const v = await loadVersion(db, member, versionId);
  if (v.status !== "approved") {
    throw new ServiceError(
      "CONFLICT",
      `Version ${v.number} is ${v.status}; only an approved version can be published.`,
    );
  }
  await assertPublishable(db, member, v);
  await inTransaction(db, async (tx) => {
    await publishVersion(tx, member.workspaceId, v.flowId, v.id);
    await auditVersion(tx, member, "version.published", v, { fromVersionId: v.publishedVersionId });
  });
  return { number: v.number };
}

/** Republishes an earlier approved version (a bad release is undone by a reviewer, not by editing). */
export async function rollBackToVersion(
  db: Db,
  member: Member,
  versionId: string,
): Promise<{ number: number }> {
  const v = await loadVersion(db, member, versionId);
  if (v.status !== "retired" || v.publishedVersionId === v.id) {
    throw new ServiceError("CONFLICT", `Version ${v.number} was never live; approve and publish it instead.`);
  }
  await assertPublishable(db, member, v);
  await inTransaction(db, async (tx) => {
    await publishVersion(tx, member.workspaceId, v.flowId, v.id);
    await auditVersion(tx, member, "version.rolled_back", v, { fromVersionId: v.publishedVersionId });
  });
  return { number: v.number };
}

/** Records a reviewer's decision on the exact content they saw, or says why it no longer applies. */
function decide(
  db: Db,
  member: Member,
  v: VersionForReview,
  decision: "approved" | "rejected",
  input: { comment: string; contentHash: string },
): Promise<void> {
  return inTransaction(db, async (tx) => {
    const ok = await decideVersion(tx, {
      workspaceId: member.workspaceId,
      versionId: v.id,
      reviewerId: member.userId,
      decision,
      comment: input.comment,
      contentHash: input.contentHash,
    });
    if (!ok)
      throw new ServiceError("CONFLICT", `Version ${v.number} is ${v.status}, not waiting for review.`);
    await auditVersion(tx, member, `version.${decision}`, v, { comment: input.comment });
  });
}

function auditVersion(
  tx: Db,
  member: Member,
  action: string,
  v: VersionForReview,
  details: Record<string, unknown>,
): Promise<void> {
  return recordAudit(
    tx,
    member,
    action,
    auditTarget.version({ id: v.id, flowName: v.flowName, number: v.number }),
    { flowId: v.flowId, versionId: v.id, number: v.number, contentHash: v.contentHash, ...details },
  );
}

async function loadVersion(db: Db, actor: Actor, id: string): Promise<VersionForReview> {
  return (await versionForReview(db, actor.workspaceId, id)) ?? throwNotFound("Version", id);
}

function refuseAuthor(member: Member, v: VersionForReview, what: string): void {
  if (v.authors.includes(member.userId)) {
    throw new ServiceError(
      "FORBIDDEN",
      `You changed this flow in version ${v.number}, so someone else must ${what} it.`,
    );
  }
}

/**
 * The flow is not deleted, the stored document still hashes to the approved hash, and today's
 * policy rules still pass it.
 */
async function assertPublishable(db: Db, actor: Actor, v: VersionForReview): Promise<void> {
  if (!(await flowHeader(db, actor.workspaceId, v.flowId))) {
    throw new ServiceError(
      "CONFLICT",
      `The flow of version ${v.number} was deleted; restore it from Recently deleted before publishing.`,
    );
  }
  if (contentHash(v.document) !== v.contentHash || !(await approvalFor(db, v.id, v.contentHash))) {
    throw new ServiceError("CONFLICT", `Version ${v.number} has no approval for its exact content.`);
  }
  const errors = (
    await lintOffThread(v.document, { linkAllowlist: await linkAllowlist(db, actor.workspaceId) })
  ).filter((f) => f.severity === "error");
  if (errors.length > 0) {
    throw new ServiceError("BAD_REQUEST", `Version ${v.number} breaks a policy rule: ${errors[0]?.message}`);
  }
}

function throwNotFound(what: string, id: string): never {
  throw notFound(what, id);
}
