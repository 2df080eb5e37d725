import { randomUUID } from "node:crypto";
import type { Cipher, Db } from "@benteng/db";
import { contactIdentity } from "@benteng/db/queries/contacts";
import { CONVERSATION_STATE_PURPOSE, decryptConversationState } from "@benteng/db/queries/conversations";
import { TRACE_DETAIL_PURPOSE } from "@benteng/db/queries/conversationTrace";
import type { ClaimedInboxMessage, InboxOutcome } from "@benteng/db/queries/inbox";
import { TRANSCRIPT_PURPOSE } from "@benteng/db/queries/transcript";
import { type ConversationState, type Flow, redactPhone, SYSTEM_BLOCK_ID } from "@benteng/shared";
import { stepConversation } from "../engine/stepConversation.ts";
import type { StepDeps } from "../engine/stepDeps.ts";
import { OUTBOX_PAYLOAD_PURPOSE } from "../outbox/outboxPayload.ts";
import { type GraphPayload, toGraphPayload } from "../whatsapp/toGraphPayload.ts";
import type { AllowlistCache } from "./allowlistCache.ts";
import { type FlowCache, UnreadableFlowError } from "./flowCache.ts";
import { INBOX_PAYLOAD_PURPOSE, type InboxPayload } from "./inboxPayload.ts";
import { conversationStateMemo, inboxPayloadMemo, outboxPayloadMemo } from "./plaintextMemo.ts";
import {
  describeOutbound,
  isSensitivePrompt,
  redactTraceDetail,
  redactTranscript,
} from "./redactTranscript.ts";

/** Claims of one message after which it is set aside unprocessed (see stepInboxMessage). */
export const MAX_CLAIMS = 5;

export interface StepContext {
  /** Read-only use: the flow version of a conversation (cached). No transaction is open. */
  db: Db;
  cipher: Cipher;
  deps: StepDeps;
  /** An active conversation idle longer than this ends; the next message starts a new one. */
  sessionTimeoutMs: number;
  flowCache: FlowCache;
  /** The workspace's allow-listed hosts for the outbound guard (cached). */
  allowlists: AllowlistCache;
  log: (level: "info" | "warn" | "error", fields: Record<string, unknown>, message: string) => void;
}

/**
 * Runs the engine for one claimed inbox message and returns what to store: conversation state,
 * redacted and encrypted transcript and trace, outbox rows, the message done or set aside. Stores nothing and
 * holds no transaction or connection, however long a script runs; the caller commits the outcome if
 * the claim (`owner`) still holds the message's lease. Never throws: a message that cannot be
 * processed is an outcome too (set aside, with the reason logged). Null: the flow could not be read
 * from the database right now; the message is stepped again when its lease runs out.
 */
export async function stepInboxMessage(
  row: ClaimedInboxMessage,
  owner: string,
  ctx: StepContext,
): Promise<InboxOutcome | null> {
  try {
    return await step(row, owner, ctx);
  } catch (e) {
    return setAside(row, owner, ctx, "processing failed on a message: set aside", e);
  }
}

async function step(row: ClaimedInboxMessage, owner: string, ctx: StepContext): Promise<InboxOutcome | null> {
  const { cipher } = ctx;
  const outcome: InboxOutcome = {
    inboxId: row.id,
    owner,
    status: "done",
    newConversation: null,
    updatedConversations: [],
    transcript: [],
    trace: [],
    outbox: [],
  };
  const setAsideBecause = (message: string, err?: unknown) => setAside(row, owner, ctx, message, err);
  if (row.attempts > MAX_CLAIMS) {
    // Claimed again and again without its outcome being stored: most likely its step takes the
    // process down. It must not take down every process that picks it up, nor block its contact.
    return setAsideBecause(`claimed ${row.attempts} times without being stored: set aside`);
  }
  if (!row.contact_id) return setAsideBecause("message without a contact: set aside");
  let payload: InboxPayload;
  try {
    // Authenticated encryption: only the webhook route, which built it as an InboxPayload, can
    // have written this; a decrypt or JSON failure still sets the row aside.
    payload =
      inboxPayloadMemo.take(row.payload_enc) ??
      (cipher.decryptJson(row.payload_enc, INBOX_PAYLOAD_PURPOSE) as InboxPayload);
  } catch (e) {
    return setAsideBecause("unreadable inbox message: set aside", e);
  }
  // Whom to answer: the identity is stored only inside the encrypted payload (the row has its index).
  const replyTo = contactIdentity(payload.waId, payload.userId);
  if (!replyTo) return setAsideBecause("inbox message without a sender: set aside");
  const encryptState = (state: ConversationState) => cipher.encryptJson(state, CONVERSATION_STATE_PURPOSE);
  // The conversation's next step (in this process, most often) takes the state instead of decrypting it.
  const encryptLiveState = (state: ConversationState) => {
    const stateEnc = encryptState(state);
    conversationStateMemo.remember(stateEnc, state);
    return stateEnc;
  };
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
    latest && latest.status !== "ended" && Date.now() - latest.updatedAt.getTime() <= ctx.sessionTimeoutMs
      ? latest
      : undefined;
  if (latest && latest.status !== "ended" && !live) {
    // Idle past the session timeout (with the bot or an agent): the old conversation ends and a
    // new one starts below, so it does not linger in an agent's queue.
    try {
      const old = decryptConversationState(cipher, latest.stateEnc);
      const ended: ConversationState = { ...old, status: "ended", waitingAt: null };
      outcome.updatedConversations.push({ id: latest.id, stateEnc: encryptState(ended), status: "ended" });
      outcome.trace.push({
        conversationId: latest.id,
        blockId: SYSTEM_BLOCK_ID,
        blockType: null,
        action: "system",
        outcome: "ended",
        output: null,
        errorKind: null,
        sent: 0,
        guardBlocked: false,
        detailEnc: cipher.encryptJson(
          { notes: ["no message within the session timeout: conversation ended"] },
          TRACE_DETAIL_PURPOSE,
        ),
      });
    } catch (e) {
      return setAsideBecause("unreadable conversation state: set aside", e);
    }
  }
  const flowVersionId = live ? live.flowVersionId : row.published_version_id;
  if (!flowVersionId) {
    ctx.log(
      "info",
      { inboxId: row.id, channelId: row.channel_id },
      "no published flow for this channel: message stored, not answered",
    );
    return outcome;
  }
  let flow: Flow;
  let linkAllowlist: string[];
  try {
    [flow, linkAllowlist] = await Promise.all([
      ctx.flowCache.get(ctx.db, flowVersionId),
      ctx.allowlists.get(ctx.db, row.workspace_id),
    ]);
  } catch (e) {
    if (e instanceof UnreadableFlowError) return setAsideBecause("flow version unreadable: set aside", e);
    ctx.log("warn", { inboxId: row.id, err: (e as Error).message }, "could not read the flow; will retry");
    return null;
  }
  let state: ConversationState | null;
  let result: Awaited<ReturnType<typeof stepConversation>>;
  const conversationId = live ? live.id : randomUUID();
  try {
    state = live
      ? (conversationStateMemo.take(live.stateEnc) ?? decryptConversationState(cipher, live.stateEnc))
      : null;
    // Scripts and the outbound guard act for the conversation's workspace (its secrets, its audit log).
    const deps: StepDeps = Object.assign({}, ctx.deps, { workspaceId: row.workspace_id, linkAllowlist });
    result = await stepConversation(flow, state, payload.event, deps, {
      contactName: payload.profileName ?? "",
      contactPhone: redactPhone(payload.waId),
      channel: "whatsapp",
    });
  } catch (e) {
    // A defect in a flow or the engine must not block this contact forever: the message is set
    // aside (failed, with the error logged) and the conversation keeps its previous state.
    return setAsideBecause("engine failed on a message: set aside", e);
  }
  if (result.logs.length > 0) ctx.log("info", { conversationId, engine: result.logs }, "engine log");

  if (live) {
    outcome.updatedConversations.push({
      id: conversationId,
      stateEnc: encryptLiveState(result.state),
      status: result.state.status,
    });
  } else {
    outcome.newConversation = {
      id: conversationId,
      workspaceId: row.workspace_id,
      channelId: row.channel_id,
      contactId: row.contact_id,
      flowVersionId,
      stateEnc: encryptLiveState(result.state),
      status: result.state.status,
    };
  }
  const afterSensitivePrompt = isSensitivePrompt(flow, state?.waitingAt ?? null);
  const line = (direction: "in" | "out", blockId: string | null, body: string) =>
    outcome.transcript.push({
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
  for (const entry of result.trace) {
    const detail = redactTraceDetail(flow, entry);
    outcome.trace.push({
      conversationId,
      blockId: entry.blockId,
      blockType: entry.blockType,
      action: entry.action,
      outcome: entry.outcome,
      output: entry.output ?? null,
      errorKind: entry.script?.error?.kind ?? null,
      sent: entry.sent ?? 0,
      guardBlocked: entry.guard?.some((g) => g.blocked) ?? false,
      detailEnc: detail ? cipher.encryptJson(detail, TRACE_DETAIL_PURPOSE) : null,
    });
  }
  for (const { blockId, message } of result.outbound) {
    line("out", blockId, redactTranscript(describeOutbound(message)));
    outcome.outbox.push({
      channelId: row.channel_id,
      conversationId,
      contactId: row.contact_id,
      payloadEnc: encryptReply(cipher, toGraphPayload(message, replyTo)),
    });
  }
  return outcome;
}

/** Encrypts a reply for the outbox; the sender in this process takes the payload instead of decrypting it. */
function encryptReply(cipher: Cipher, payload: GraphPayload): string {
  const payloadEnc = cipher.encryptJson(payload, OUTBOX_PAYLOAD_PURPOSE);
  outboxPayloadMemo.remember(payloadEnc, payload);
  return payloadEnc;
}

/** A message that cannot be processed is stored as failed, with nothing else, and the reason logged. */
function setAside(
  row: ClaimedInboxMessage,
  owner: string,
  ctx: StepContext,
  message: string,
  err?: unknown,
): InboxOutcome {
  ctx.log("error", { inboxId: row.id, ...(err ? { err: (err as Error).message } : {}) }, message);
  return {
    inboxId: row.id,
    owner,
    status: "failed",
    newConversation: null,
    updatedConversations: [],
    transcript: [],
    trace: [],
    outbox: [],
  };
}
