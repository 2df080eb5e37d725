import { type Flow, flowSchema } from "@benteng/shared";
import { jsonb } from "../json.ts";
import type { Db } from "../tables/database.ts";

export interface FlowSummary {
  id: string;
  name: string;
  revision: number;
  publishedVersionId: string | null;
  updatedAt: Date;
  blockCount: number;
}

export async function listFlows(db: Db, workspaceId: string): Promise<FlowSummary[]> {
  const rows = await db
    .selectFrom("flows")
    .select(["id", "name", "revision", "published_version_id", "updated_at", "draft"])
    .where("workspace_id", "=", workspaceId)
    .where("deleted_at", "is", null)
    .orderBy("updated_at", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    revision: r.revision,
    publishedVersionId: r.published_version_id,
    updatedAt: new Date(r.updated_at),
    blockCount: Array.isArray(r.draft?.nodes) ? r.draft.nodes.length : 0,
  }));
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

/** One flow of the workspace with its draft parsed by the shared schema; null when not found. */
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
    draft: flowSchema.parse(r.draft),
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
