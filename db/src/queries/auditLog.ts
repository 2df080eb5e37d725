import { createHash } from "node:crypto";
import { sql } from "kysely";
import { jsonb } from "../json.ts";
import type { Db } from "../tables/database.ts";
import { canonicalJson } from "./canonicalJson.ts";

const auditTargetTypes = [
  "user",
  "account",
  "flow",
  "version",
  "channel",
  "secret",
  "invitation",
  "conversation",
  "workspace",
  "script",
] as const;
export type AuditTargetType = (typeof auditTargetTypes)[number];

/** What an action was on: its id, what kind of thing it is, and its name at the time, for readers. */
export interface AuditTarget {
  type: AuditTargetType;
  id: string;
  label: string;
}

export interface AuditEntry {
  workspaceId: string | null;
  actorUserId: string | null;
  action: string;
  /** A typed target; a bare id only where the caller has nothing to name it by. */
  target?: AuditTarget | string | null;
  details?: Record<string, unknown>;
}

const GENESIS = "genesis";

function rowHash(
  prevHash: string,
  e: {
    workspaceId: string | null;
    actorUserId: string | null;
    action: string;
    /** Rows from before targets were typed hash their bare id, as they did then. */
    target: AuditTarget | string | null;
    details: Record<string, unknown>;
    createdAt: string;
  },
) {
  return createHash("sha256").update(prevHash).update("\n").update(canonicalJson(e)).digest("hex");
}

/**
 * Appends to the hash-chained audit log: each row stores the previous row's hash, so editing or
 * deleting any row breaks every hash after it (see verifyAuditChain).
 *
 * Call it inside the transaction of the action it records, as that transaction's last write: the row
 * then commits with the action or not at all. The advisory lock it takes is held to commit, so
 * audited transactions append one at a time in every process (the chain stays linear); writing the
 * row last keeps that window short. The lock comes before reading the last hash, and under READ
 * COMMITTED that read sees the row the previous holder committed. An event that changes nothing
 * else (a refused sign-in) may pass a plain connection: the row is then its own transaction.
 */
export async function appendAudit(db: Db, entry: AuditEntry): Promise<void> {
  if (!db.isTransaction) {
    await db.transaction().execute((tx) => appendAudit(tx, entry));
    return;
  }
  await sql`select pg_advisory_xact_lock(7302)`.execute(db);
  const last = await db
    .selectFrom("audit_log")
    .select("hash")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  const prevHash = last?.hash ?? GENESIS;
  const createdAt = new Date();
  // Hashed exactly as stored: PostgreSQL stores text as UTF-8, where an unpaired surrogate cannot exist.
  const fields = wellFormed({
    workspaceId: entry.workspaceId,
    actorUserId: entry.actorUserId,
    action: entry.action,
    target: entry.target ?? null,
    details: entry.details ?? {},
    createdAt: createdAt.toISOString(),
  });
  const typed = typeof fields.target === "string" ? null : fields.target;
  const bareId = typeof fields.target === "string" ? fields.target : null;
  await db
    .insertInto("audit_log")
    .values({
      workspace_id: fields.workspaceId,
      actor_user_id: fields.actorUserId,
      action: fields.action,
      target: typed ? typed.id : bareId,
      target_type: typed?.type ?? null,
      target_label: typed?.label ?? null,
      details: jsonb(fields.details),
      created_at: createdAt,
      prev_hash: prevHash,
      hash: rowHash(prevHash, fields),
    })
    .execute();
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
      target:
        r.target_type !== null && r.target !== null
          ? { type: r.target_type as AuditTargetType, id: r.target, label: r.target_label ?? "" }
          : r.target,
      details: r.details,
      createdAt: new Date(r.created_at).toISOString(),
    });
    if (expected !== r.hash)
      return { ok: false, rows: rows.length, badRowId: String(r.id), reason: "its contents were edited" };
    prev = r.hash;
  }
  return { ok: true, rows: rows.length };
}

const LONE_SURROGATE = /\p{Cs}/gu;

/** The value with every unpaired surrogate in its strings replaced by U+FFFD, as UTF-8 storage does. */
function wellFormed<T>(value: T): T {
  if (typeof value === "string") return value.replace(LONE_SURROGATE, "\uFFFD") as T;
  if (Array.isArray(value)) return value.map(wellFormed) as T;
  if (value !== null && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k.replace(LONE_SURROGATE, "\uFFFD"), wellFormed(v)]),
    ) as T;
  }
  return value;
}
