import { type TraceEntry, traceEntrySchema } from "@benteng/shared";
import type { Cipher } from "../crypto/cipher.ts";
import type { Db } from "../tables/database.ts";
import type { OutboxStatus } from "../tables/outbox.ts";

export const TRACE_DETAIL_PURPOSE = "conversation_trace.detail";

/** What a trace row keeps encrypted: the parts of an entry that may hold customer data. */
export const traceDetailSchema = traceEntrySchema.pick({
  variables: true,
  script: true,
  guard: true,
  notes: true,
});
export type TraceDetail = Pick<TraceEntry, "variables" | "script" | "guard" | "notes">;

/** One trace entry as the runtime stores it (committed with its step, see commitInboxOutcomes). */
export interface NewTraceRow {
  conversationId: string;
  blockId: string;
  blockType: string | null;
  action: TraceEntry["action"];
  outcome: TraceEntry["outcome"];
  output: string | null;
  /** A failed script's error kind, in clear for the error counts. */
  errorKind: string | null;
  sent: number;
  guardBlocked: boolean;
  /** The entry's TraceDetail, already redacted, encrypted with TRACE_DETAIL_PURPOSE; null when empty. */
  detailEnc: string | null;
}

export type StoredTraceEntry = TraceEntry & { id: string; createdAt: Date };

/** A conversation's trace in order, scoped to the workspace, decrypted (at most the last `limit` entries). */
export async function traceForConversation(
  db: Db,
  cipher: Cipher,
  workspaceId: string,
  conversationId: string,
  limit = 2000,
): Promise<StoredTraceEntry[]> {
  const rows = await db
    .selectFrom("conversation_trace as t")
    .innerJoin("conversations as c", "c.id", "t.conversation_id")
    .select([
      "t.id",
      "t.block_id",
      "t.block_type",
      "t.action",
      "t.outcome",
      "t.output",
      "t.sent",
      "t.detail_enc",
      "t.created_at",
    ])
    .where("c.workspace_id", "=", workspaceId)
    .where("t.conversation_id", "=", conversationId)
    .orderBy("t.id", "desc")
    .limit(limit)
    .execute();
  return rows.reverse().map((r) => {
    const entry = traceEntrySchema.parse({
      blockId: r.block_id,
      blockType: r.block_type,
      action: r.action,
      outcome: r.outcome,
      ...(r.output !== null ? { output: r.output } : {}),
      ...(r.sent > 0 ? { sent: r.sent } : {}),
      ...(r.detail_enc
        ? traceDetailSchema.parse(cipher.decryptJson(r.detail_enc, TRACE_DETAIL_PURPOSE))
        : {}),
    });
    return { ...entry, id: String(r.id), createdAt: new Date(r.created_at) };
  });
}

export interface Delivery {
  id: string;
  status: OutboxStatus;
  createdAt: Date;
  statusAt: Date | null;
  errorCode: number | null;
  lastError: string | null;
}

/** What became of the messages the bot queued for a conversation (the send status in its trace). */
export async function deliveriesForConversation(
  db: Db,
  workspaceId: string,
  conversationId: string,
  limit = 500,
): Promise<Delivery[]> {
  const rows = await db
    .selectFrom("outbox as o")
    .innerJoin("conversations as c", "c.id", "o.conversation_id")
    .select(["o.id", "o.status", "o.created_at", "o.status_at", "o.error_code", "o.last_error"])
    .where("c.workspace_id", "=", workspaceId)
    .where("o.conversation_id", "=", conversationId)
    .orderBy("o.id")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: String(r.id),
    status: r.status,
    createdAt: new Date(r.created_at),
    statusAt: r.status_at ? new Date(r.status_at) : null,
    errorCode: r.error_code,
    lastError: r.last_error,
  }));
}

/** The flow a conversation of the workspace runs (any version); null for another workspace's. */
export async function conversationFlowId(db: Db, workspaceId: string, conversationId: string) {
  const row = await db
    .selectFrom("conversations as c")
    .innerJoin("flow_versions as v", "v.id", "c.flow_version_id")
    .select(["v.flow_id"])
    .where("c.id", "=", conversationId)
    .where("c.workspace_id", "=", workspaceId)
    .executeTakeFirst();
  return row?.flow_id ?? null;
}
