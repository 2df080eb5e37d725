import { randomUUID } from "node:crypto";
import type { Cipher, Db } from "@benteng/db";
import { CONVERSATION_STATE_PURPOSE, decryptConversationState } from "@benteng/db/queries/conversations";
import {
  claimInboxWithContext,
  completeInboxBatch,
  type InboxBatchCompletion,
} from "@benteng/db/queries/inbox";
import type { ClaimedOutboxRow } from "@benteng/db/queries/outbox";
import { TRANSCRIPT_PURPOSE } from "@benteng/db/queries/transcript";
import { type ConversationState, type Flow, migrateFlow } from "@benteng/shared";
import { stepConversation } from "../engine/stepConversation.ts";
import type { StepDeps } from "../engine/stepDeps.ts";
import { OUTBOX_PAYLOAD_PURPOSE } from "../outbox/outboxPayload.ts";
import { toGraphPayload } from "../whatsapp/toGraphPayload.ts";
import { INBOX_PAYLOAD_PURPOSE, type InboxPayload } from "./inboxPayload.ts";
import { describeOutbound, isSensitivePrompt, redactTranscript } from "./redactTranscript.ts";
import { NOTIFY_CHANNELS } from "./wakeSignal.ts";

export interface InboxBatchOptions {
  db: Db;
  cipher: Cipher;
  deps: StepDeps;
  /** Messages claimed per transaction (at most one per contact). */
  batchSize: number;
  /** An active conversation idle longer than this ends; the next message starts a new one. */
  sessionTimeoutMs: number;
  flowCache: FlowCache;
  log: (level: "info" | "warn" | "error", fields: Record<string, unknown>, message: string) => void;
  notify: boolean;
  /**
   * When set, replies are leased to this process for this long and returned as `toSend`, to be sent
   * right after commit without waiting for the sender's claim (see completeInboxBatch).
   */
  sendLeaseMs?: number;
}

/**
 * Claims a batch of inbox messages and, in the same transaction, runs the engine for each and stores
 * its effects: conversation state, redacted transcript, outbox rows, inbox row done. A crash before
 * commit releases the claim: the messages are claimed again. Returns how many messages were handled.
 */
export async function processInboxBatch(
  options: InboxBatchOptions,
): Promise<{ handled: number; queued: number; toSend: ClaimedOutboxRow[] }> {
  const { db, cipher } = options;
  return db.transaction().execute(async (tx) => {
    const rows = await claimInboxWithContext(tx, options.batchSize);
    if (rows.length === 0) return { handled: 0, queued: 0, toSend: [] };

    const batch: InboxBatchCompletion = {
      newConversations: [],
      updatedConversations: [],
      transcript: [],
      outbox: [],
      doneIds: [],
      failedIds: [],
      ...(options.notify ? { notifyChannel: NOTIFY_CHANNELS.outbox } : {}),
      ...(options.sendLeaseMs ? { outboxLeaseMs: options.sendLeaseMs } : {}),
    };
    const now = Date.now();
    const encryptState = (state: ConversationState) => cipher.encryptJson(state, CONVERSATION_STATE_PURPOSE);

    for (const row of rows) {
      const setAside = (message: string, err?: unknown) => {
        batch.failedIds.push(row.id);
        options.log("error", { inboxId: row.id, ...(err ? { err: (err as Error).message } : {}) }, message);
      };
      if (!row.contact_id) {
        setAside("message without a contact: set aside");
        continue;
      }
      let payload: InboxPayload;
      try {
        // Authenticated encryption: only the webhook route, which built it as an InboxPayload, can
        // have written this; a decrypt or JSON failure still sets the row aside.
        payload = cipher.decryptJson(row.payload_enc, INBOX_PAYLOAD_PURPOSE) as InboxPayload;
      } catch (e) {
        setAside("unreadable inbox message: set aside", e);
        continue;
      }
      const latest =
        row.conversation_id && row.conversation_state_enc && row.conversation_updated_at
          ? {
              id: row.conversation_id,
              flowVersionId: row.conversation_flow_version_id as string,
              stateEnc: row.conversation_state_enc,
              status: row.conversation_status,
              updatedAt: row.conversation_updated_at,
            }
          : undefined;
      const live =
        latest && latest.status !== "ended" && now - latest.updatedAt.getTime() <= options.sessionTimeoutMs
          ? latest
          : undefined;
      if (latest && latest.status !== "ended" && !live) {
        // Idle past the session timeout (with the bot or an agent): the old conversation ends and a
        // new one starts below, so it does not linger in an agent's queue.
        const old = decryptConversationState(cipher, latest.stateEnc);
        const ended: ConversationState = { ...old, status: "ended", waitingAt: null };
        batch.updatedConversations.push({ id: latest.id, stateEnc: encryptState(ended), status: "ended" });
      }
      const flowVersionId = live ? live.flowVersionId : row.published_version_id;
      if (!flowVersionId) {
        batch.doneIds.push(row.id);
        options.log(
          "info",
          { inboxId: row.id, channelId: row.channel_id },
          "no published flow for this channel: message stored, not answered",
        );
        continue;
      }
      let flow: Flow;
      let state: ConversationState | null;
      let result: Awaited<ReturnType<typeof stepConversation>>;
      const conversationId = live ? live.id : randomUUID();
      try {
        flow = await options.flowCache.get(tx, flowVersionId);
        state = live ? decryptConversationState(cipher, live.stateEnc) : null;
        // Scripts and the outbound guard act for the conversation's workspace (its secrets, its audit log).
        const deps: StepDeps = Object.assign({}, options.deps, { workspaceId: row.workspace_id });
        result = await stepConversation(flow, state, payload.event, deps);
      } catch (e) {
        // A defect in a flow or the engine must not block this contact forever: the message is set
        // aside (failed, with the error logged) and the conversation keeps its previous state.
        setAside("engine failed on a message: set aside", e);
        continue;
      }
      if (result.logs.length > 0) options.log("info", { conversationId, engine: result.logs }, "engine log");

      if (live) {
        batch.updatedConversations.push({
          id: conversationId,
          stateEnc: encryptState(result.state),
          status: result.state.status,
        });
      } else {
        batch.newConversations.push({
          id: conversationId,
          workspaceId: row.workspace_id,
          channelId: row.channel_id,
          contactId: row.contact_id,
          flowVersionId,
          stateEnc: encryptState(result.state),
          status: result.state.status,
        });
      }
      const afterSensitivePrompt = isSensitivePrompt(flow, state?.waitingAt ?? null);
      const line = (direction: "in" | "out", blockId: string | null, body: string) =>
        batch.transcript.push({
          conversationId,
          direction,
          blockId,
          bodyEnc: cipher.encrypt(body, TRANSCRIPT_PURPOSE),
        });
      line(
        "in",
        state?.waitingAt ?? null,
        redactTranscript(payload.event.text || `[${payload.event.messageType}]`, { afterSensitivePrompt }),
      );
      for (const { blockId, message } of result.outbound) {
        line("out", blockId, redactTranscript(describeOutbound(message)));
        batch.outbox.push({
          channelId: row.channel_id,
          conversationId,
          contactId: row.contact_id,
          payloadEnc: cipher.encryptJson(
            toGraphPayload(message, row.contact_identity),
            OUTBOX_PAYLOAD_PURPOSE,
          ),
        });
      }
      batch.doneIds.push(row.id);
    }

    const stored = await completeInboxBatch(tx, batch);
    // Replies leased to this worker, with what the sender needs to know of their contact.
    const contacts = new Map(rows.map((r) => [r.contact_id, r]));
    const toSend: ClaimedOutboxRow[] = batch.outbox.flatMap((o, i) => {
      const row = stored[i];
      const contact = contacts.get(o.contactId);
      if (!row?.leased || !contact) return [];
      return [
        {
          id: row.id,
          channel_id: o.channelId,
          contact_id: o.contactId,
          payload_enc: o.payloadEnc,
          attempts: 0,
          contact_identity: contact.contact_identity,
          contact_last_inbound_at: contact.contact_last_inbound_at,
        },
      ];
    });
    return { handled: rows.length, queued: batch.outbox.length, toSend };
  });
}

/** Flow versions are immutable, so a parsed document can be kept for as long as the process lives. */
export function flowCache(maxEntries = 500) {
  const cache = new Map<string, Flow>();
  return {
    async get(db: Db, flowVersionId: string): Promise<Flow> {
      const hit = cache.get(flowVersionId);
      if (hit) return hit;
      const row = await db
        .selectFrom("flow_versions")
        .select("document")
        .where("id", "=", flowVersionId)
        .executeTakeFirstOrThrow();
      // Stored documents may predate the current schema version: upgrade them the way the editor does.
      const migrated = migrateFlow(row.document);
      if (!migrated.ok) throw new Error(`flow version ${flowVersionId} is unreadable: ${migrated.error}`);
      const flow = migrated.flow;
      if (cache.size >= maxEntries) cache.delete(cache.keys().next().value as string);
      cache.set(flowVersionId, flow);
      return flow;
    },
  };
}
export type FlowCache = ReturnType<typeof flowCache>;
