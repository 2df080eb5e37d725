import { createHash } from "node:crypto";
import { sql } from "kysely";
import { jsonb } from "../json.ts";
import type { Db } from "../tables/database.ts";
import { canonicalJson } from "./canonicalJson.ts";

export interface AuditEntry {
  workspaceId: string | null;
  actorUserId: string | null;
  action: string;
  target?: string | null;
  details?: Record<string, unknown>;
}

const GENESIS = "genesis";

function rowHash(
  prevHash: string,
  e: {
    workspaceId: string | null;
    actorUserId: string | null;
    action: string;
    target: string | null;
    details: Record<string, unknown>;
    createdAt: string;
  },
) {
  return createHash("sha256").update(prevHash).update("\n").update(canonicalJson(e)).digest("hex");
}

/**
 * Appends to the hash-chained audit log: each row stores the previous row's hash, so editing or
 * deleting any row breaks every hash after it (see verifyAuditChain).
 */
export async function appendAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.transaction().execute(async (tx) => {
    // One writer at a time keeps the chain linear across processes.
    await sql`select pg_advisory_xact_lock(7302)`.execute(tx);
    const last = await tx
      .selectFrom("audit_log")
      .select("hash")
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirst();
    const prevHash = last?.hash ?? GENESIS;
    const createdAt = new Date();
    const fields = {
      workspaceId: entry.workspaceId,
      actorUserId: entry.actorUserId,
      action: entry.action,
      target: entry.target ?? null,
      details: entry.details ?? {},
      createdAt: createdAt.toISOString(),
    };
    await tx
      .insertInto("audit_log")
      .values({
        workspace_id: fields.workspaceId,
        actor_user_id: fields.actorUserId,
        action: fields.action,
        target: fields.target,
        details: jsonb(fields.details),
        created_at: createdAt,
        prev_hash: prevHash,
        hash: rowHash(prevHash, fields),
      })
      .execute();
  });
}

export type AuditVerification =
  | { ok: true; rows: number }
  | { ok: false; rows: number; badRowId: string; reason: string };

/** Re-computes the chain; names the first row that was edited, or that follows a deleted one. */
export async function verifyAuditChain(db: Db): Promise<AuditVerification> {
  const rows = await db.selectFrom("audit_log").selectAll().orderBy("id").execute();
  let prev = GENESIS;
  for (const r of rows) {
    if (r.prev_hash !== prev)
      return {
        ok: false,
        rows: rows.length,
        badRowId: String(r.id),
        reason: "the row before it was deleted or edited",
      };
    const expected = rowHash(prev, {
      workspaceId: r.workspace_id,
      actorUserId: r.actor_user_id,
      action: r.action,
      target: r.target,
      details: r.details,
      createdAt: new Date(r.created_at).toISOString(),
    });
    if (expected !== r.hash)
      return { ok: false, rows: rows.length, badRowId: String(r.id), reason: "its contents were edited" };
    prev = r.hash;
  }
  return { ok: true, rows: rows.length };
}
