import { type Finding, type Flow, findingSchema, readStoredFlow } from "@benteng/shared";
import { sql } from "kysely";
import { jsonb } from "../json.ts";
import type { Db } from "../tables/database.ts";
import type { FlowVersionStatus } from "../tables/flowVersions.ts";
import type { ReviewDecision } from "../tables/reviews.ts";

/**
 * Everyone who changed the draft (draft_saves is filled by a trigger on flows) after the live
 * version was frozen and up to `revision`: the people who may not approve the version frozen at
 * `revision`.
 */
export async function draftAuthorsSinceLive(db: Db, flowId: string, revision: number): Promise<string[]> {
  const live = await db
    .selectFrom("flows")
    .leftJoin("version_submissions", "version_submissions.version_id", "flows.published_version_id")
    .select("version_submissions.source_revision")
    .where("flows.id", "=", flowId)
    .executeTakeFirst();
  const since = live?.source_revision ?? 0;
  const rows = await db
    .selectFrom("draft_saves")
    .select("user_id")
    .where("flow_id", "=", flowId)
    .where("revision", ">", since)
    .where("revision", "<=", revision)
    .union(
      db
        .selectFrom("copied_authors")
        .select("user_id")
        .where("flow_id", "=", flowId)
        .where("revision", ">", since)
        .where("revision", "<=", revision),
    )
    .execute();
  return rows.map((r) => r.user_id);
}

/**
 * Makes everyone who ever wrote `fromFlowId` (its savers and the writers it copied in turn) authors
 * of `toFlowId` at `revision`, the revision that copied it. Run it in the transaction that stores
 * the copy.
 */
export async function recordCopiedAuthors(
  db: Db,
  input: { fromFlowId: string; toFlowId: string; revision: number },
): Promise<void> {
  const flowId = sql<string>`cast(${input.toFlowId} as uuid)`;
  const revision = sql<number>`cast(${input.revision} as integer)`;
  await db
    .insertInto("copied_authors")
    .columns(["flow_id", "revision", "user_id"])
    .expression(
      db
        .selectFrom("draft_saves")
        .select([flowId.as("flow_id"), revision.as("revision"), "user_id"])
        .where("flow_id", "=", input.fromFlowId)
        .union(
          db
            .selectFrom("copied_authors")
            .select([flowId.as("flow_id"), revision.as("revision"), "user_id"])
            .where("flow_id", "=", input.fromFlowId),
        ),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Display names of members by id, in the order given (unknown ids are left out). */
export async function authorNames(db: Db, userIds: string[]): Promise<Array<{ id: string; name: string }>> {
  if (userIds.length === 0) return [];
  const rows = await db
    .selectFrom("users")
    .select(["id", "display_name", "email"])
    .where("id", "in", userIds)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r.display_name || r.email]));
  return userIds.flatMap((id) => {
    const name = byId.get(id);
    return name === undefined ? [] : [{ id, name }];
  });
}

/**
 * Links a new version to its source revision and authors; earlier pending submissions are
 * superseded. Run it in the transaction that created the version: a version without its authors
 * could be approved by one of them.
 */
export async function recordSubmission(
  db: Db,
  input: { versionId: string; flowId: string; sourceRevision: number; authors: string[] },
): Promise<void> {
  await db
    .insertInto("version_submissions")
    .values({
      version_id: input.versionId,
      source_revision: input.sourceRevision,
      authors: jsonb(input.authors),
    })
    .execute();
  await db
    .updateTable("flow_versions")
    .set({ status: "retired" })
    .where("flow_id", "=", input.flowId)
    .where("status", "=", "submitted")
    .where("id", "!=", input.versionId)
    .execute();
}

export interface VersionForReview {
  id: string;
  flowId: string;
  flowName: string;
  number: number;
  status: FlowVersionStatus;
  contentHash: string;
  note: string;
  document: Flow;
  lintReport: Finding[];
  authors: string[];
  createdBy: string | null;
  createdByName: string | null;
  createdAt: Date;
  publishedVersionId: string | null;
}

export async function versionForReview(
  db: Db,
  workspaceId: string,
  versionId: string,
): Promise<VersionForReview | null> {
  const r = await db
    .selectFrom("flow_versions as v")
    .innerJoin("flows as f", "f.id", "v.flow_id")
    .leftJoin("version_submissions as s", "s.version_id", "v.id")
    .leftJoin("users as u", "u.id", "v.created_by")
    .select([
      "v.id",
      "v.flow_id",
      "f.name",
      "v.number",
      "v.status",
      "v.content_hash",
      "v.note",
      "v.document",
      "v.lint_report",
      "s.authors",
      "v.created_by",
      "u.display_name",
      "v.created_at",
      "f.published_version_id",
    ])
    .where("v.workspace_id", "=", workspaceId)
    .where("v.id", "=", versionId)
    .executeTakeFirst();
  if (!r) return null;
  return {
    id: r.id,
    flowId: r.flow_id,
    flowName: r.name,
    number: r.number,
    status: r.status,
    contentHash: r.content_hash,
    note: r.note,
    document: readStoredFlow(r.document, `flow version ${r.id}`),
    lintReport: findingSchema.array().catch([]).parse(r.lint_report),
    // Versions made before review existed have no recorded authors: their creator is the author.
    authors: r.authors ?? (r.created_by ? [r.created_by] : []),
    createdBy: r.created_by,
    createdByName: r.display_name,
    createdAt: new Date(r.created_at),
    publishedVersionId: r.published_version_id,
  };
}

/**
 * Moves a submitted version to approved/rejected and records the decision; false if it was not
 * pending (nothing is written then). Run it in the caller's transaction with the audit row.
 */
export async function decideVersion(
  db: Db,
  input: {
    workspaceId: string;
    versionId: string;
    reviewerId: string;
    decision: ReviewDecision;
    comment: string;
    contentHash: string;
  },
): Promise<boolean> {
  const moved = await db
    .updateTable("flow_versions")
    .set({ status: input.decision })
    .where("workspace_id", "=", input.workspaceId)
    .where("id", "=", input.versionId)
    .where("status", "=", "submitted")
    .where("content_hash", "=", input.contentHash)
    .executeTakeFirst();
  if (Number(moved.numUpdatedRows) === 0) return false;
  await db
    .insertInto("reviews")
    .values({
      version_id: input.versionId,
      reviewer_id: input.reviewerId,
      decision: input.decision,
      comment: input.comment,
      content_hash: input.contentHash,
    })
    .execute();
  return true;
}

/** The approval a version holds for its exact content, if any (approval is bound to the hash). */
export async function approvalFor(
  db: Db,
  versionId: string,
  contentHash: string,
): Promise<{ reviewerId: string | null; createdAt: Date } | null> {
  const r = await db
    .selectFrom("reviews")
    .select(["reviewer_id", "created_at"])
    .where("version_id", "=", versionId)
    .where("decision", "=", "approved")
    .where("content_hash", "=", contentHash)
    .orderBy("created_at", "desc")
    .executeTakeFirst();
  return r ? { reviewerId: r.reviewer_id, createdAt: new Date(r.created_at) } : null;
}

export interface VersionSummary {
  id: string;
  number: number;
  status: FlowVersionStatus;
  contentHash: string;
  note: string;
  createdByName: string | null;
  createdAt: Date;
  review: { decision: ReviewDecision; comment: string; reviewerName: string | null; at: Date } | null;
  wasApproved: boolean;
}

/** A flow's versions, newest first, each with its latest review decision and comment. */
export async function listVersionsWithReviews(
  db: Db,
  workspaceId: string,
  flowId: string,
): Promise<VersionSummary[]> {
  const rows = await db
    .selectFrom("flow_versions as v")
    .leftJoin("users as u", "u.id", "v.created_by")
    .leftJoin(
      (eb) =>
        eb
          .selectFrom("reviews as r")
          .leftJoin("users as ru", "ru.id", "r.reviewer_id")
          .select([
            "r.version_id",
            "r.decision",
            "r.comment",
            "r.created_at",
            "ru.display_name as reviewer_name",
            sql<number>`row_number() over (partition by r.version_id order by r.created_at desc)`.as("rn"),
          ])
          .as("lr"),
      (j) => j.onRef("lr.version_id", "=", "v.id").on("lr.rn", "=", 1),
    )
    .select([
      "v.id",
      "v.number",
      "v.status",
      "v.content_hash",
      "v.note",
      "u.display_name",
      "v.created_at",
      "lr.decision",
      "lr.comment",
      "lr.reviewer_name",
      "lr.created_at as reviewed_at",
      (eb) =>
        eb
          .exists(
            eb
              .selectFrom("reviews as a")
              .select("a.id")
              .whereRef("a.version_id", "=", "v.id")
              .whereRef("a.content_hash", "=", "v.content_hash")
              .where("a.decision", "=", "approved"),
          )
          .as("was_approved"),
    ])
    .where("v.workspace_id", "=", workspaceId)
    .where("v.flow_id", "=", flowId)
    .orderBy("v.number", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    status: r.status,
    contentHash: r.content_hash,
    note: r.note,
    createdByName: r.display_name,
    createdAt: new Date(r.created_at),
    review:
      r.decision && r.reviewed_at
        ? {
            decision: r.decision,
            comment: r.comment ?? "",
            reviewerName: r.reviewer_name,
            at: new Date(r.reviewed_at),
          }
        : null,
    wasApproved: Boolean(r.was_approved),
  }));
}

export interface PendingReview {
  id: string;
  flowId: string;
  flowName: string;
  number: number;
  status: FlowVersionStatus;
  note: string;
  createdByName: string | null;
  createdAt: Date;
}

/** Versions waiting for a reviewer (submitted) or for publishing (approved), oldest first. */
export async function listReviewQueue(db: Db, workspaceId: string): Promise<PendingReview[]> {
  const rows = await db
    .selectFrom("flow_versions as v")
    .innerJoin("flows as f", "f.id", "v.flow_id")
    .leftJoin("users as u", "u.id", "v.created_by")
    .select([
      "v.id",
      "v.flow_id",
      "f.name",
      "v.number",
      "v.status",
      "v.note",
      "u.display_name",
      "v.created_at",
    ])
    .where("v.workspace_id", "=", workspaceId)
    .where("v.status", "in", ["submitted", "approved"])
    .where("f.deleted_at", "is", null)
    .orderBy("v.created_at")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    flowId: r.flow_id,
    flowName: r.name,
    number: r.number,
    status: r.status,
    note: r.note,
    createdByName: r.display_name,
    createdAt: new Date(r.created_at),
  }));
}
