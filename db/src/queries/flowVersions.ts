import { createHash } from "node:crypto";
import { type Flow, readStoredFlow, type ScriptData } from "@benteng/shared";
import { sql } from "kysely";
import { jsonb } from "../json.ts";
import type { Db } from "../tables/database.ts";
import type { FlowVersionStatus } from "../tables/flowVersions.ts";
import { canonicalJson } from "./canonicalJson.ts";

/** SHA-256 of the canonical JSON of a flow document: approvals are bound to it. */
export function contentHash(flow: Flow): string {
  return createHash("sha256").update(canonicalJson(flow)).digest("hex");
}

/**
 * Freezes a document into a new immutable version (numbered per flow). Run it inside the caller's
 * transaction: the flow row lock it takes is what makes concurrent submissions number in turn.
 */
export async function createVersion(
  db: Db,
  input: {
    workspaceId: string;
    flowId: string;
    document: Flow;
    lintReport: unknown[];
    status: FlowVersionStatus;
    note: string;
    userId: string | null;
  },
): Promise<{ id: string; number: number; contentHash: string }> {
  await db.selectFrom("flows").select("id").where("id", "=", input.flowId).forUpdate().executeTakeFirst();
  const last = await db
    .selectFrom("flow_versions")
    .select(sql<number>`coalesce(max(number), 0)`.as("n"))
    .where("flow_id", "=", input.flowId)
    .executeTakeFirstOrThrow();
  const hash = contentHash(input.document);
  const row = await db
    .insertInto("flow_versions")
    .values({
      workspace_id: input.workspaceId,
      flow_id: input.flowId,
      number: Number(last.n) + 1,
      document: jsonb(input.document),
      content_hash: hash,
      lint_report: jsonb(input.lintReport),
      status: input.status,
      note: input.note,
      created_by: input.userId,
    })
    .returning(["id", "number"])
    .executeTakeFirstOrThrow();
  return { id: row.id, number: row.number, contentHash: hash };
}

/**
 * Makes a version the live one of its flow; the previous live version is retired. Three statements:
 * run them in the caller's transaction so customers never see a flow with no live version.
 */
export async function publishVersion(
  db: Db,
  workspaceId: string,
  flowId: string,
  versionId: string,
): Promise<void> {
  await db
    .updateTable("flow_versions")
    .set({ status: "retired" })
    .where("flow_id", "=", flowId)
    .where("workspace_id", "=", workspaceId)
    .where("status", "=", "published")
    .execute();
  await db
    .updateTable("flow_versions")
    .set({ status: "published" })
    .where("id", "=", versionId)
    .where("workspace_id", "=", workspaceId)
    .execute();
  await db
    .updateTable("flows")
    .set({ published_version_id: versionId })
    .where("id", "=", flowId)
    .where("workspace_id", "=", workspaceId)
    .execute();
}

export async function versionDocument(db: Db, workspaceId: string, versionId: string): Promise<Flow | null> {
  const r = await db
    .selectFrom("flow_versions")
    .select("document")
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", versionId)
    .executeTakeFirst();
  return r ? readStoredFlow(r.document, `flow version ${versionId}`) : null;
}

/**
 * SHA-256 of what decides where a script block's secrets can go: its code, the hosts it may call and
 * the secrets it declares. A stored secret is handed only to a block whose hash a reviewer approved.
 */
export function scriptContentHash(data: Pick<ScriptData, "code" | "allowedHosts" | "secrets">): string {
  return createHash("sha256")
    .update(canonicalJson({ code: data.code, allowedHosts: data.allowedHosts, secrets: data.secrets }))
    .digest("hex");
}

/** Statuses of versions that passed review (approved, live, or live before). */
const reviewedStatuses: FlowVersionStatus[] = ["approved", "published", "retired"];

/** The scriptContentHash of every script block in a reviewed version of the workspace. */
export async function reviewedScriptHashes(db: Db, workspaceId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom("flow_versions")
    .select(["id", "document"])
    .where("workspace_id", "=", workspaceId)
    .where("status", "in", reviewedStatuses)
    .execute();
  const hashes = new Set<string>();
  for (const r of rows)
    for (const node of readStoredFlow(r.document, `flow version ${r.id}`).nodes)
      if (node.type === "script") hashes.add(scriptContentHash(node.data));
  return hashes;
}

/**
 * The version sent back most recently before version `number` of a flow, when nothing was made live or
 * approved after it: a resubmission is read against what the reviewer asked to change.
 */
export async function lastRejectedBefore(
  db: Db,
  workspaceId: string,
  flowId: string,
  number: number,
): Promise<{ id: string; number: number; document: Flow } | null> {
  const r = await db
    .selectFrom("flow_versions")
    .select(["id", "number", "status", "document"])
    .where("workspace_id", "=", workspaceId)
    .where("flow_id", "=", flowId)
    .where("number", "<", number)
    .where("status", "!=", "submitted")
    .orderBy("number", "desc")
    .limit(1)
    .executeTakeFirst();
  if (r?.status !== "rejected") return null;
  return { id: r.id, number: r.number, document: readStoredFlow(r.document, `flow version ${r.id}`) };
}
