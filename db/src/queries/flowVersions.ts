import { createHash } from "node:crypto";
import { type Flow, flowSchema } from "@benteng/shared";
import { sql } from "kysely";
import { jsonb } from "../json.ts";
import type { Db } from "../tables/database.ts";
import type { FlowVersionStatus } from "../tables/flowVersions.ts";
import { canonicalJson } from "./canonicalJson.ts";

/** SHA-256 of the canonical JSON of a flow document: approvals are bound to it. */
export function contentHash(flow: Flow): string {
  return createHash("sha256").update(canonicalJson(flow)).digest("hex");
}

/** Freezes a document into a new immutable version (numbered per flow). */
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
  return db.transaction().execute(async (tx) => {
    // Serialise numbering per flow: the flow row lock makes concurrent submissions take turns.
    await tx.selectFrom("flows").select("id").where("id", "=", input.flowId).forUpdate().executeTakeFirst();
    const last = await tx
      .selectFrom("flow_versions")
      .select(sql<number>`coalesce(max(number), 0)`.as("n"))
      .where("flow_id", "=", input.flowId)
      .executeTakeFirstOrThrow();
    const hash = contentHash(input.document);
    const row = await tx
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
  });
}

/** Makes a version the live one of its flow, atomically; the previous live version is retired. */
export async function publishVersion(
  db: Db,
  workspaceId: string,
  flowId: string,
  versionId: string,
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable("flow_versions")
      .set({ status: "retired" })
      .where("flow_id", "=", flowId)
      .where("workspace_id", "=", workspaceId)
      .where("status", "=", "published")
      .execute();
    await tx
      .updateTable("flow_versions")
      .set({ status: "published" })
      .where("id", "=", versionId)
      .where("workspace_id", "=", workspaceId)
      .execute();
    await tx
      .updateTable("flows")
      .set({ published_version_id: versionId })
      .where("id", "=", flowId)
      .where("workspace_id", "=", workspaceId)
      .execute();
  });
}

export async function versionDocument(db: Db, workspaceId: string, versionId: string): Promise<Flow | null> {
  const r = await db
    .selectFrom("flow_versions")
    .select("document")
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", versionId)
    .executeTakeFirst();
  return r ? flowSchema.parse(r.document) : null;
}
