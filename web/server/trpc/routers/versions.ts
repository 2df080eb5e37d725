import { appendAudit } from "@benteng/db/queries/auditLog";
import { flowById } from "@benteng/db/queries/flows";
import {
  contentHash,
  createVersion,
  publishVersion,
  versionDocument,
} from "@benteng/db/queries/flowVersions";
import {
  approvalFor,
  decideVersion,
  draftAuthorsSinceLive,
  listReviewQueue,
  listVersionsWithReviews,
  recordSubmission,
  type VersionForReview,
  versionForReview,
} from "@benteng/db/queries/reviews";
import { linkAllowlist } from "@benteng/db/queries/workspaces";
import { lintFlow } from "@benteng/shared";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import type { Context } from "../context.ts";
import { permittedProcedure, router } from "../init.ts";

const versionId = z.object({ versionId: z.uuid() });
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
// Approving, rejecting, publishing and rolling back all need a reviewer who passed the second factor.
const review = permittedProcedure("version.review", { twoFactor: true });

type Authed = Context & { session: NonNullable<Context["session"]> };

async function loadVersion(ctx: Authed, id: string): Promise<VersionForReview> {
  const v = await versionForReview(ctx.db, ctx.session.workspaceId, id);
  if (!v) throw new TRPCError({ code: "NOT_FOUND", message: `Version ${id} was not found.` });
  return v;
}

function refuseAuthor(ctx: Authed, v: VersionForReview, what: string): void {
  if (v.authors.includes(ctx.session.userId)) {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: `You changed this flow in version ${v.number}, so someone else must ${what} it.`,
    });
  }
}

async function audit(
  ctx: Authed,
  action: string,
  v: VersionForReview,
  details: Record<string, unknown> = {},
) {
  await appendAudit(ctx.db, {
    workspaceId: ctx.session.workspaceId,
    actorUserId: ctx.session.userId,
    action,
    target: v.flowId,
    details: { versionId: v.id, number: v.number, contentHash: v.contentHash, ...details },
  });
}

/** Records a reviewer's decision on the exact content they saw, or says why it no longer applies. */
async function decide(
  ctx: Authed,
  v: VersionForReview,
  decision: "approved" | "rejected",
  input: { comment: string; contentHash: string },
): Promise<void> {
  const ok = await decideVersion(ctx.db, {
    workspaceId: ctx.session.workspaceId,
    versionId: v.id,
    reviewerId: ctx.session.userId,
    decision,
    comment: input.comment,
    contentHash: input.contentHash,
  });
  if (!ok)
    throw new TRPCError({
      code: "CONFLICT",
      message: `Version ${v.number} is ${v.status}, not waiting for review.`,
    });
  await audit(ctx, `version.${decision}`, v, { comment: input.comment });
}

export const versionsRouter = router({
  /** A flow's versions with their state and the latest reviewer comment (authors follow their submission). */
  list: permittedProcedure("flow.read")
    .input(z.object({ flowId: z.uuid() }))
    .query(({ ctx, input }) => listVersionsWithReviews(ctx.db, ctx.session.workspaceId, input.flowId)),

  /** Versions waiting for a decision or for publishing, across the workspace. */
  queue: permittedProcedure("flow.read").query(({ ctx }) => listReviewQueue(ctx.db, ctx.session.workspaceId)),

  /** One version with the live document it is compared against, and whether the caller may decide on it. */
  byId: permittedProcedure("flow.read")
    .input(versionId)
    .query(async ({ ctx, input }) => {
      const v = await loadVersion(ctx, input.versionId);
      const live =
        v.publishedVersionId && v.publishedVersionId !== v.id
          ? await versionDocument(ctx.db, ctx.session.workspaceId, v.publishedVersionId)
          : null;
      const { authors, ...rest } = v;
      return {
        ...rest,
        live,
        youAreAuthor: authors.includes(ctx.session.userId),
        approved: (await approvalFor(ctx.db, v.id, v.contentHash)) !== null,
      };
    }),

  /**
   * Freezes the saved draft into an immutable version with its lint report and the author's note.
   * Lint errors refuse the submission: nobody can waive them.
   */
  submit: permittedProcedure("flow.edit")
    .input(z.object({ flowId: z.uuid(), note: z.string().trim().max(1000).default("") }))
    .mutation(async ({ ctx, input }) => {
      const flow = await flowById(ctx.db, ctx.session.workspaceId, input.flowId);
      if (!flow) throw new TRPCError({ code: "NOT_FOUND", message: `Flow ${input.flowId} was not found.` });
      const findings = lintFlow(flow.draft, {
        linkAllowlist: await linkAllowlist(ctx.db, ctx.session.workspaceId),
      });
      const errors = findings.filter((f) => f.severity === "error");
      if (errors.length > 0) {
        throw new TRPCError({
          code: "BAD_REQUEST",
          message: `Fix ${errors.length} problem${errors.length === 1 ? "" : "s"} before submitting: ${errors[0]?.message}`,
        });
      }
      const authors = new Set(await draftAuthorsSinceLive(ctx.db, flow.id, flow.revision));
      authors.add(ctx.session.userId);
      const version = await createVersion(ctx.db, {
        workspaceId: ctx.session.workspaceId,
        flowId: flow.id,
        document: flow.draft,
        lintReport: findings,
        status: "submitted",
        note: input.note,
        userId: ctx.session.userId,
      });
      await recordSubmission(ctx.db, {
        versionId: version.id,
        flowId: flow.id,
        sourceRevision: flow.revision,
        authors: [...authors],
      });
      await appendAudit(ctx.db, {
        workspaceId: ctx.session.workspaceId,
        actorUserId: ctx.session.userId,
        action: "version.submitted",
        target: flow.id,
        details: { versionId: version.id, number: version.number, contentHash: version.contentHash },
      });
      return version;
    }),

  /** Approves exactly the content the reviewer saw (its hash); never by an author of the change. */
  approve: review
    .input(
      versionId.extend({
        contentHash: sha256Hex,
        comment: z.string().trim().max(2000).default(""),
        /** Policy warnings need the reviewer's explicit acknowledgement (errors cannot be waived at all). */
        warningsAcknowledged: z.boolean().default(false),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const v = await loadVersion(ctx, input.versionId);
      refuseAuthor(ctx, v, "approve");
      if (v.contentHash !== input.contentHash) {
        throw new TRPCError({
          code: "CONFLICT",
          message: "This is not the version you reviewed. Reload it.",
        });
      }
      if (v.lintReport.some((f) => f.severity === "error")) {
        throw new TRPCError({
          code: "BAD_REQUEST",
          message: "This version has policy errors; it cannot be approved.",
        });
      }
      const warnings = v.lintReport.filter((f) => f.severity === "warning").length;
      if (warnings > 0 && !input.warningsAcknowledged) {
        throw new TRPCError({
          code: "BAD_REQUEST",
          message: `Read and acknowledge the ${warnings} policy warning${warnings === 1 ? "" : "s"} before approving.`,
        });
      }
      await decide(ctx, v, "approved", input);
      return { ok: true };
    }),

  reject: review
    .input(
      versionId.extend({
        contentHash: sha256Hex,
        comment: z.string().trim().min(1, "Tell the author what to change.").max(2000),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const v = await loadVersion(ctx, input.versionId);
      refuseAuthor(ctx, v, "reject");
      await decide(ctx, v, "rejected", input);
      return { ok: true };
    }),

  /**
   * Makes an approved version live, atomically. Conversations already running stay on the version
   * they started with (they are pinned to it); new ones use this one.
   */
  publish: review.input(versionId).mutation(async ({ ctx, input }) => {
    const v = await loadVersion(ctx, input.versionId);
    if (v.status !== "approved") {
      throw new TRPCError({
        code: "CONFLICT",
        message: `Version ${v.number} is ${v.status}; only an approved version can be published.`,
      });
    }
    await assertPublishable(ctx, v);
    await publishVersion(ctx.db, ctx.session.workspaceId, v.flowId, v.id);
    await audit(ctx, "version.published", v);
    return { number: v.number };
  }),

  /** Republishes an earlier approved version (a bad release is undone by a reviewer, not by editing). */
  rollback: review.input(versionId).mutation(async ({ ctx, input }) => {
    const v = await loadVersion(ctx, input.versionId);
    if (v.status !== "retired" || v.publishedVersionId === v.id) {
      throw new TRPCError({
        code: "CONFLICT",
        message: `Version ${v.number} was never live; approve and publish it instead.`,
      });
    }
    await assertPublishable(ctx, v);
    await publishVersion(ctx.db, ctx.session.workspaceId, v.flowId, v.id);
    await audit(ctx, "version.rolled_back", v, { fromVersionId: v.publishedVersionId });
    return { number: v.number };
  }),
});

/** The stored document still hashes to the approved hash, and today's policy rules still pass it. */
async function assertPublishable(ctx: Authed, v: VersionForReview): Promise<void> {
  if (contentHash(v.document) !== v.contentHash || !(await approvalFor(ctx.db, v.id, v.contentHash))) {
    throw new TRPCError({
      code: "CONFLICT",
      message: `Version ${v.number} has no approval for its exact content.`,
    });
  }
  const errors = lintFlow(v.document, {
    linkAllowlist: await linkAllowlist(ctx.db, ctx.session.workspaceId),
  }).filter((f) => f.severity === "error");
  if (errors.length > 0) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `Version ${v.number} breaks a policy rule: ${errors[0]?.message}`,
    });
  }
}
