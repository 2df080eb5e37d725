import { type Flow, readStoredFlow } from "@benteng/shared";
import { jsonb } from "../json.ts";
import type { Db } from "../tables/database.ts";
import { contentHash } from "./flowVersions.ts";

export interface FlowSummary {
  id: string;
  name: string;
  revision: number;
  publishedVersionId: string | null;
  updatedAt: Date;
  blockCount: number;
  /** The saved draft differs from the live version (false when nothing is live). */
  unpublishedChanges: boolean;
}

export async function listFlows(db: Db, workspaceId: string): Promise<FlowSummary[]> {
  const rows = await db
    .selectFrom("flows")
    .leftJoin("flow_versions as live", "live.id", "flows.published_version_id")
    .select([
      "flows.id",
      "flows.name",
      "flows.revision",
      "flows.published_version_id",
      "flows.updated_at",
      "flows.draft",
      "live.content_hash as live_hash",
    ])
    .where("flows.workspace_id", "=", workspaceId)
    .where("flows.deleted_at", "is", null)
    .orderBy("flows.updated_at", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    revision: r.revision,
    publishedVersionId: r.published_version_id,
    updatedAt: new Date(r.updated_at),
    blockCount: Array.isArray(r.draft?.nodes) ? r.draft.nodes.length : 0,
    // Hashed as a submission hashes it, so an unchanged draft matches its live version exactly.
    unpublishedChanges:
      r.live_hash !== null &&
      contentHash(readStoredFlow(r.draft, `the draft of flow ${r.id}`)) !== r.live_hash,
  }));
}

/** A flow's id and name without its draft (checks and labels); null when not found or deleted. */
export async function flowHeader(
  db: Db,
  workspaceId: string,
  flowId: string,
): Promise<{ id: string; name: string } | null> {
  const r = await db
    .selectFrom("flows")
    .select(["id", "name"])
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", flowId)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  return r ?? null;
}

export interface FlowDetail {
  id: string;
  name: string;
  revision: number;
  draft: Flow;
  publishedVersionId: string | null;
  updatedAt: Date;
  updatedBy: string | null;
}

/**
 * One flow of the workspace, its draft read the way every stored flow is (upgraded, then parsed);
 * null when not found.
 */
export async function flowById(db: Db, workspaceId: string, flowId: string): Promise<FlowDetail | null> {
  const r = await db
    .selectFrom("flows")
    .select(["id", "name", "revision", "draft", "published_version_id", "updated_at", "updated_by"])
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", flowId)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  if (!r) return null;
  return {
    id: r.id,
    name: r.name,
    revision: r.revision,
    draft: readStoredFlow(r.draft, `the draft of flow ${r.id}`),
    publishedVersionId: r.published_version_id,
    updatedAt: new Date(r.updated_at),
    updatedBy: r.updated_by,
  };
}

export async function createFlow(
  db: Db,
  input: { workspaceId: string; name: string; draft: Flow; userId: string | null },
): Promise<{ id: string; revision: number }> {
  return db
    .insertInto("flows")
    .values({
      workspace_id: input.workspaceId,
      name: input.name,
      draft: jsonb(input.draft),
      updated_by: input.userId,
    })
    .returning(["id", "revision"])
    .executeTakeFirstOrThrow();
}

export type SaveDraftResult =
  | { ok: true; revision: number }
  | { ok: false; reason: "not-found" }
  | { ok: false; reason: "conflict"; currentRevision: number; updatedBy: string | null; updatedAt: Date };

/**
 * Saves a draft only if nobody saved since `baseRevision` (optimistic concurrency): two people
 * editing one flow never silently overwrite each other.
 */
export async function saveDraft(
  db: Db,
  input: {
    workspaceId: string;
    flowId: string;
    baseRevision: number;
    draft: Flow;
    name?: string;
    userId: string;
  },
): Promise<SaveDraftResult> {
  const updated = await db
    .updateTable("flows")
    .set({
      draft: jsonb(input.draft),
      ...(input.name !== undefined ? { name: input.name } : {}),
      revision: (eb) => eb("revision", "+", 1),
      updated_by: input.userId,
      updated_at: new Date(),
    })
    .where("workspace_id", "=", input.workspaceId)
    .where("id", "=", input.flowId)
    .where("revision", "=", input.baseRevision)
    .where("deleted_at", "is", null)
    .returning("revision")
    .executeTakeFirst();
  if (updated) return { ok: true, revision: updated.revision };
  const current = await db
    .selectFrom("flows")
    .select(["revision", "updated_by", "updated_at"])
    .where("workspace_id", "=", input.workspaceId)
    .where("id", "=", input.flowId)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  if (!current) return { ok: false, reason: "not-found" };
  return {
    ok: false,
    reason: "conflict",
    currentRevision: current.revision,
    updatedBy: current.updated_by,
    updatedAt: new Date(current.updated_at),
  };
}

export async function renameFlow(
  db: Db,
  workspaceId: string,
  flowId: string,
  name: string,
): Promise<boolean> {
  const r = await db
    .updateTable("flows")
    .set({ name, updated_at: new Date() })
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", flowId)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Soft delete: the row stays (versions and conversations refer to it) but leaves every list. */
export async function softDeleteFlow(db: Db, workspaceId: string, flowId: string): Promise<boolean> {
  const r = await db
    .updateTable("flows")
    .set({ deleted_at: new Date() })
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", flowId)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** How long a deleted flow can be restored; after that it is purged. */
export const RESTORABLE_DAYS = 30;

/** The earliest deletion time still restorable at `now`. */
export function restorableSince(now: Date): Date {
  return new Date(now.getTime() - RESTORABLE_DAYS * 24 * 60 * 60 * 1000);
}

/**
 * Locks a flow's row until the transaction ends (deleting it and pointing a channel at it take the
 * same lock, so a channel is never left on a flow deleted at the same moment). Null when not found
 * or deleted.
 */
export async function lockFlow(
  db: Db,
  workspaceId: string,
  flowId: string,
): Promise<{ id: string; name: string; publishedVersionId: string | null } | null> {
  const r = await db
    .selectFrom("flows")
    .select(["id", "name", "published_version_id"])
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", flowId)
    .where("deleted_at", "is", null)
    .forUpdate()
    .executeTakeFirst();
  return r ? { id: r.id, name: r.name, publishedVersionId: r.published_version_id } : null;
}

/** The channels of the workspace a flow answers (what deleting it would silence). */
export async function channelsUsingFlow(
  db: Db,
  workspaceId: string,
  flowId: string,
): Promise<Array<{ id: string; name: string; phoneNumberId: string }>> {
  return db
    .selectFrom("channels")
    .select(["id", "name", "phone_number_id as phoneNumberId"])
    .where("workspace_id", "=", workspaceId)
    .where("flow_id", "=", flowId)
    .orderBy("name")
    .execute();
}

/** Names and state of some flows, deleted ones included (labels for channels that point at them). */
export async function flowLabels(
  db: Db,
  workspaceId: string,
  flowIds: string[],
): Promise<Map<string, { name: string; published: boolean; deleted: boolean }>> {
  if (flowIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("flows")
    .select(["id", "name", "published_version_id", "deleted_at"])
    .where("workspace_id", "=", workspaceId)
    .where("id", "in", flowIds)
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      { name: r.name, published: r.published_version_id !== null, deleted: r.deleted_at !== null },
    ]),
  );
}

export interface DeletedFlow {
  id: string;
  name: string;
  deletedAt: Date;
  /** Whether it had a live version when it was deleted. */
  published: boolean;
}

/** Flows deleted at or after `since` (still restorable), most recently deleted first. */
export async function listDeletedFlows(db: Db, workspaceId: string, since: Date): Promise<DeletedFlow[]> {
  const rows = await db
    .selectFrom("flows")
    .select(["id", "name", "deleted_at", "published_version_id"])
    .where("workspace_id", "=", workspaceId)
    .where("deleted_at", ">=", since)
    .orderBy("deleted_at", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    deletedAt: new Date(r.deleted_at as Date),
    published: r.published_version_id !== null,
  }));
}

/** Brings back a flow deleted at or after `since`; null when there is no such flow. */
export async function restoreDeletedFlow(
  db: Db,
  workspaceId: string,
  flowId: string,
  since: Date,
): Promise<{ id: string; name: string } | null> {
  const r = await db
    .updateTable("flows")
    .set({ deleted_at: null, updated_at: new Date() })
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", flowId)
    .where("deleted_at", ">=", since)
    .returning(["id", "name"])
    .executeTakeFirst();
  return r ?? null;
}

/**
 * Removes flows deleted before `before` for good, with their versions and draft history. A flow
 * whose versions conversations were held on stays (hidden and no longer restorable): transcripts
 * name the version they ran.
 */
export async function purgeDeletedFlows(
  db: Db,
  before: Date,
): Promise<Array<{ id: string; name: string; workspaceId: string }>> {
  const rows = await db
    .deleteFrom("flows")
    .where("deleted_at", "<", before)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("conversations")
            .innerJoin("flow_versions", "flow_versions.id", "conversations.flow_version_id")
            .select("conversations.id")
            .whereRef("flow_versions.flow_id", "=", "flows.id"),
        ),
      ),
    )
    .returning(["id", "name", "workspace_id"])
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, workspaceId: r.workspace_id }));
}
