import { randomUUID } from "node:crypto";
import type { Cipher, Db } from "@benteng/db";
import { contactsByIdentity } from "@benteng/db/queries/contacts";
import {
  type ConversationWrite,
  decryptConversationState,
  latestConversations,
  saveConversations,
} from "@benteng/db/queries/conversations";
import {
  claimPendingInbox,
  markInboxDone,
  notifyRuntime,
  recordInboxFailure,
} from "@benteng/db/queries/inbox";
import { enqueueOutbox, type NewOutboxMessage } from "@benteng/db/queries/outbox";
import { insertTranscript, type NewTranscriptLine } from "@benteng/db/queries/transcript";
import { type ConversationState, type Flow, flowSchema } from "@benteng/shared";
import { stepConversation } from "../engine/stepConversation.ts";
import type { StepDeps } from "../engine/stepDeps.ts";
import { OUTBOX_PAYLOAD_PURPOSE } from "../outbox/outboxPayload.ts";
import { toGraphPayload } from "../whatsapp/toGraphPayload.ts";
import { INBOX_PAYLOAD_PURPOSE, type InboxPayload, inboxPayloadSchema } from "./inboxPayload.ts";
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
}

/**
 * Claims a batch of inbox messages and, in the same transaction, runs the engine for each and stores
 * its effects: conversation state, redacted transcript, outbox rows, inbox row done. A crash before
 * commit releases the claim: the messages are claimed again. Returns how many messages were handled.
 */
export async function processInboxBatch(
  options: InboxBatchOptions,
): Promise<{ handled: number; queued: number }> {
  const { db, cipher } = options;
  return db.transaction().execute(async (tx) => {
    const rows = await claimPendingInbox(tx, options.batchSize);
    if (rows.length === 0) return { handled: 0, queued: 0 };

    const channelIds = [...new Set(rows.map((r) => r.channel_id))];
    const channels = new Map(
      (
        await tx
          .selectFrom("channels")
          .leftJoin("flows", (join) =>
            join.onRef("flows.id", "=", "channels.flow_id").on("flows.deleted_at", "is", null),
          )
          .select(["channels.id", "channels.workspace_id", "flows.published_version_id"])
          .where("channels.id", "in", channelIds)
          .execute()
      ).map((c) => [c.id, c]),
    );
    const contacts = new Map<string, { id: string; workspaceId: string }>();
    for (const channelId of channelIds) {
      const identities = rows.filter((r) => r.channel_id === channelId).map((r) => r.contact_identity);
      for (const c of await contactsByIdentity(tx, channelId, identities))
        contacts.set(`${channelId}|${c.identity}`, c);
    }
    const conversations = new Map(
      (
        await latestConversations(
          tx,
          [...contacts.values()].map((c) => c.id),
        )
      ).map((c) => [c.contact_id, c]),
    );

    const writes: ConversationWrite[] = [];
    const transcript: NewTranscriptLine[] = [];
    const outbox: NewOutboxMessage[] = [];
    const failed: string[] = [];
    const now = Date.now();

    for (const row of rows) {
      const channel = channels.get(row.channel_id);
      const contact = contacts.get(`${row.channel_id}|${row.contact_identity}`);
      if (!channel || !contact) {
        options.log("warn", { inboxId: row.id }, "message without channel or contact: set aside");
        continue;
      }
      let payload: InboxPayload;
      try {
        payload = inboxPayloadSchema.parse(cipher.decryptJson(row.payload_enc, INBOX_PAYLOAD_PURPOSE));
      } catch (e) {
        failed.push(row.id);
        options.log(
          "error",
          { inboxId: row.id, err: (e as Error).message },
          "unreadable inbox message: set aside",
        );
        continue;
      }
      const latest = conversations.get(contact.id);
      const live =
        latest && latest.status !== "ended" && now - latest.updated_at.getTime() <= options.sessionTimeoutMs
          ? latest
          : undefined;
      if (latest && latest.status === "active" && !live) {
        // Idle past the session timeout: the old conversation ends, a new one starts below.
        const old = decryptConversationState(cipher, latest.state_enc);
        writes.push({ id: latest.id, state: { ...old, status: "ended", waitingAt: null } });
      }
      const flowVersionId = live ? live.flow_version_id : channel.published_version_id;
      if (!flowVersionId) {
        options.log(
          "info",
          { inboxId: row.id, channelId: row.channel_id },
          "no published flow for this channel: message stored, not answered",
        );
        continue;
      }
      const flow = await options.flowCache.get(tx, flowVersionId);
      const state: ConversationState | null = live ? decryptConversationState(cipher, live.state_enc) : null;
      const conversationId = live ? live.id : randomUUID();

      let result: Awaited<ReturnType<typeof stepConversation>>;
      try {
        result = await stepConversation(flow, state, payload.event, options.deps);
      } catch (e) {
        failed.push(row.id);
        // A defect in a flow or the engine must not block this contact forever: the message is set
        // aside (failed, with the error logged) and the conversation keeps its previous state.
        options.log(
          "error",
          { inboxId: row.id, conversationId, err: (e as Error).message },
          "engine failed on a message",
        );
        continue;
      }
      if (result.logs.length > 0) options.log("info", { conversationId, engine: result.logs }, "engine log");

      writes.push({
        id: conversationId,
        ...(live
          ? {}
          : {
              create: {
                workspaceId: channel.workspace_id,
                channelId: row.channel_id,
                contactId: contact.id,
                flowVersionId,
              },
            }),
        state: result.state,
      });
      const afterSensitivePrompt = isSensitivePrompt(flow, state?.waitingAt ?? null);
      transcript.push({
        conversationId,
        direction: "in",
        blockId: state?.waitingAt ?? null,
        body: redactTranscript(payload.event.text || `[${payload.event.messageType}]`, {
          afterSensitivePrompt,
        }),
      });
      for (const { blockId, message } of result.outbound) {
        transcript.push({
          conversationId,
          direction: "out",
          blockId,
          body: redactTranscript(describeOutbound(message)),
        });
        outbox.push({
          channelId: row.channel_id,
          conversationId,
          contactId: contact.id,
          payloadEnc: cipher.encryptJson(
            toGraphPayload(message, row.contact_identity),
            OUTBOX_PAYLOAD_PURPOSE,
          ),
        });
      }
    }

    await saveConversations(tx, cipher, writes);
    await insertTranscript(tx, cipher, transcript);
    await enqueueOutbox(tx, outbox);
    await recordInboxFailure(tx, failed, "could not be processed (see the runtime log)", 1);
    await markInboxDone(
      tx,
      rows.filter((r) => !failed.includes(r.id)).map((r) => r.id),
    );
    if (outbox.length > 0 && options.notify) await notifyRuntime(tx, NOTIFY_CHANNELS.outbox);
    return { handled: rows.length, queued: outbox.length };
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
      const flow = flowSchema.parse(row.document);
      if (cache.size >= maxEntries) cache.delete(cache.keys().next().value as string);
      cache.set(flowVersionId, flow);
      return flow;
    },
  };
}
export type FlowCache = ReturnType<typeof flowCache>;
