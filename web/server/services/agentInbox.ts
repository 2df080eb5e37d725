import type { Cipher, Db } from "@benteng/db";
import {
  type AgentConversation,
  agentTranscript,
  claimConversation,
  conversationDeliveries,
  conversationForAgent,
  listWaitingConversations,
  lockForReply,
  outboundSinceCustomer,
  queueAgentMessage,
  releaseConversation,
  waitingCount,
} from "@benteng/db/queries/agentInbox";
import { channelForRuntime } from "@benteng/db/queries/channels";
import {
  CONTACT_NAME_PURPOSE,
  CONTACT_USER_ID_PURPOSE,
  CONTACT_WA_ID_PURPOSE,
  contactIdentity,
} from "@benteng/db/queries/contacts";
import { endHandoff } from "@benteng/db/queries/conversationBrowse";
import { decryptConversationState } from "@benteng/db/queries/conversations";
import { raiseNotice } from "@benteng/db/queries/notices";
import { linkAllowlist, workspaceById } from "@benteng/db/queries/workspaces";
import {
  CUSTOMER_SERVICE_WINDOW_MS,
  conversationsWake,
  describeOutbound,
  fetchApprovedTemplates,
  guardVerdict,
  isSensitivePrompt,
  NOTIFY_CHANNELS,
  OUTBOX_PAYLOAD_PURPOSE,
  outboxWake,
  redactTranscript,
  templatePayload,
  toGraphPayload,
} from "@benteng/runtime";
import {
  blockDefinition,
  describeTemplate,
  type Flow,
  type MessageTemplate,
  missingTemplateValues,
  type OutboundMessage,
  readStoredFlow,
  renderTemplate,
  templateComponents,
  templateValuesSchema,
  WHATSAPP_LIMITS,
} from "@benteng/shared";
import { sql } from "kysely";
import { z } from "zod";
import type { Member, ServiceDeps } from "./actor.ts";
import { auditTarget, recordAudit } from "./audit.ts";
import { inTransaction } from "./inTransaction.ts";
import { ServiceError } from "./serviceError.ts";

// The agent inbox (README, "Agent inbox"): members with the `agent` permission answer conversations
// that reached a "Handoff to a person" block. Every action is audited in its own transaction; every
// message goes through the outbox like the bot's (per-contact order, rate limit, retries) and
// through the same outbound guard.

/** What an agent types: text, optionally with a link to an image or document (sent with a preview). */
export const agentReplyInput = z.object({
  conversationId: z.uuid(),
  text: z
    .string()
    .trim()
    .min(1, "Write a reply.")
    .max(WHATSAPP_LIMITS.textBody - 310, `At most ${WHATSAPP_LIMITS.textBody - 310} characters.`),
  mediaUrl: z
    .url({ protocol: /^https$/, error: "A media link must be an https:// URL." })
    .max(300)
    .optional(),
});

/** A template to send, by name and language, with a value per variable ("body.1", "header.name" …). */
export const agentTemplateInput = z.object({
  conversationId: z.uuid(),
  name: z.string().min(1).max(512),
  language: z.string().min(1).max(20),
  values: templateValuesSchema.default({}),
});

/** How many of the lines the customer read last a new reply is judged with (each ≤ 4,096 chars). */
const EARLIER_LINES_JUDGED = 3;

/** The refusal an agent sees when the 24-hour window closed. */
export const WINDOW_CLOSED_MESSAGE =
  "The customer's last message is more than 24 hours old: WhatsApp only delivers an approved template now.";

/** Whether the 24-hour customer service window is open, and when it closes (closed: it did). */
export function serviceWindow(lastInboundAt: Date | null, now = Date.now()) {
  const closesAt = lastInboundAt ? new Date(lastInboundAt.getTime() + CUSTOMER_SERVICE_WINDOW_MS) : null;
  return { open: closesAt !== null && closesAt.getTime() > now, closesAt };
}

/** Conversations waiting for a person (newest handoff first) and how many want this member. */
export async function inboxList({ db, cipher }: ServiceDeps, member: Member) {
  const [conversations, waiting, ws] = await Promise.all([
    listWaitingConversations(db, cipher, { workspaceId: member.workspaceId, limit: 200 }),
    waitingCount(db, member.workspaceId, member.userId),
    workspaceById(db, member.workspaceId),
  ]);
  const alertMs = (ws?.handoff_alert_minutes ?? 15) * 60_000;
  return {
    conversations: conversations.map((c) => ({
      ...c,
      claimedByMe: c.claimedBy?.userId === member.userId,
      waitingTooLong: c.waitingSince !== null && Date.now() - c.waitingSince.getTime() > alertMs,
      windowOpen: serviceWindow(c.lastInboundAt).open,
    })),
    waiting,
    alertMinutes: ws?.handoff_alert_minutes ?? 15,
  };
}

/** How many conversations want this member's attention (the navigation's count). */
export function inboxWaitingCount({ db }: ServiceDeps, member: Member): Promise<number> {
  return waitingCount(db, member.workspaceId, member.userId);
}

/**
 * One conversation as an agent sees it: the redacted transcript (who wrote each reply), the
 * variables the flow collected (masked like the transcript), the blocks it went through, the
 * 24-hour window, who holds it and how its messages were delivered.
 */
export async function inboxConversation({ db, cipher }: ServiceDeps, member: Member, conversationId: string) {
  const c = await requireConversation(db, member, conversationId);
  const [transcript, deliveries, flow] = await Promise.all([
    agentTranscript(db, cipher, c.id),
    conversationDeliveries(db, c.id),
    readFlow(db, c.flowVersionId),
  ]);
  const state = decryptConversationState(cipher, c.state_enc);
  const blockName = (id: string) => {
    const node = flow?.nodes.find((n) => n.id === id);
    if (!node) return id;
    const def = blockDefinition(node.type);
    const summary = def.summary(node.data as never);
    return summary ? `${def.label}: ${summary.slice(0, 80)}` : def.label;
  };
  // The path: the blocks that spoke, in order, and where the conversation waits.
  const path: Array<{ step: number; blockId: string; name: string }> = [];
  for (const line of transcript) {
    if (line.direction === "out" && line.blockId && path.at(-1)?.blockId !== line.blockId) {
      path.push({ step: path.length + 1, blockId: line.blockId, name: blockName(line.blockId) });
    }
  }
  if (state.waitingAt && path.at(-1)?.blockId !== state.waitingAt) {
    path.push({ step: path.length + 1, blockId: state.waitingAt, name: blockName(state.waitingAt) });
  }
  return {
    id: c.id,
    status: c.status,
    customer: c.nameEnc ? cipher.decrypt(c.nameEnc, CONTACT_NAME_PURPOSE) : "WhatsApp customer",
    channel: {
      name: c.channelName,
      needsToken: c.channelStatus === "needs_token",
      hasBusinessAccount: Boolean(c.wabaId),
    },
    flow: `${c.flowName} v${c.versionNumber}`,
    handoffAt: c.handoffAt,
    claimedBy: c.claimedBy ? { userId: c.claimedBy, name: c.claimedByName ?? "a former member" } : null,
    claimedByMe: c.claimedBy === member.userId,
    window: { ...serviceWindow(c.lastInboundAt), lastInboundAt: c.lastInboundAt },
    transcript: transcript.map((l) => ({
      id: l.id,
      direction: l.direction,
      body: l.body,
      createdAt: l.createdAt,
      author: l.direction === "in" ? "customer" : (l.author ?? "bot"),
      blockId: l.blockId,
    })),
    variables: redactedVariables(flow, state.variables),
    path,
    deliveries,
  };
}

/** Takes a waiting conversation: only its holder replies to it. */
export async function claimForAgent(
  { db }: ServiceDeps,
  member: Member,
  conversationId: string,
): Promise<void> {
  await inTransaction(db, async (tx) => {
    const c = await requireConversation(tx, member, conversationId);
    const outcome = await claimConversation(tx, {
      workspaceId: member.workspaceId,
      conversationId,
      userId: member.userId,
    });
    if (outcome === "not_waiting") throw notWaiting(conversationId);
    if (typeof outcome === "object")
      throw new ServiceError("CONFLICT", `${outcome.heldBy} is answering this conversation.`);
    if (outcome === "claimed") {
      await recordAudit(tx, member, "conversation.claimed", auditTarget.conversation(c));
      await notifyInboxes(tx);
    }
  });
  conversationsWake.wake();
}

/**
 * Sends an agent's reply: refused outside the 24-hour window and when the outbound guard finds a
 * request for a secret (the refusal is audited and raised as a notice); otherwise queued in the
 * outbox with its transcript line and audit row, in one transaction.
 */
export async function replyAsAgent(
  { db, cipher }: ServiceDeps,
  member: Member,
  input: z.output<typeof agentReplyInput>,
): Promise<{ outboxId: string }> {
  const message: OutboundMessage = {
    kind: "text",
    body: input.text,
    ...(input.mediaUrl ? { mediaUrl: input.mediaUrl } : {}),
  };
  // The reply is judged after what the customer has read since they last wrote, so a request split
  // over replies ("reply in your next message with your" … "PIN") is one request; links must lead to
  // the workspace's allow-listed hosts.
  await requireConversation(db, member, input.conversationId);
  const [earlier, hosts] = await Promise.all([
    outboundSinceCustomer(db, cipher, input.conversationId, EARLIER_LINES_JUDGED),
    linkAllowlist(db, member.workspaceId),
  ]);
  const verdict = guardVerdict(message, { earlier, linkAllowlist: hosts });
  const outboxId = await inTransaction(db, async (tx) => {
    const c = await requireConversation(tx, member, input.conversationId);
    await requireHolder(tx, member, c);
    if (verdict.blocked) {
      await raiseNotice(tx, {
        workspaceId: member.workspaceId,
        kind: "message_blocked",
        subject: `agent:${member.userId}`,
        label: `A reply by ${member.displayName} was not sent`,
        detail: verdict.reason ?? "It asks the customer for a secret.",
        link: `/inbox/${c.id}`,
      });
      await recordAudit(tx, member, "conversation.reply_blocked", auditTarget.conversation(c), {
        reason: verdict.reason ?? "",
      });
      return null;
    }
    if (!serviceWindow(c.lastInboundAt).open) return "window_closed" as const;
    const id = await queueAgentMessage(tx, cipher, {
      conversationId: c.id,
      channelId: c.channelId,
      contactId: c.contactId,
      authorUserId: member.userId,
      payloadEnc: cipher.encryptJson(toGraphPayload(message, recipientOf(cipher, c)), OUTBOX_PAYLOAD_PURPOSE),
      line: redactTranscript(describeOutbound(message)),
    });
    await recordAudit(tx, member, "conversation.replied", auditTarget.conversation(c), {
      kind: input.mediaUrl ? "text_with_media" : "text",
    });
    await notifyOutbox(tx);
    return id;
  });
  if (outboxId === null) {
    throw new ServiceError(
      "BAD_REQUEST",
      `Not sent: ${verdict.reason ?? "it asks the customer for a secret."} Never ask customers for a PIN, password, OTP, CVV or card number.`,
    );
  }
  if (outboxId === "window_closed") throw new ServiceError("CONFLICT", WINDOW_CLOSED_MESSAGE);
  outboxWake.wake();
  conversationsWake.wake();
  return { outboxId };
}

/**
 * The channel's approved templates (from the Graph API, so never inside a transaction), as forms.
 * A channel without a WhatsApp Business Account id, or a Graph API that refuses, is explained.
 */
export async function templatesForConversation(
  { db, cipher }: ServiceDeps,
  member: Member,
  conversationId: string,
): Promise<MessageTemplate[]> {
  const c = await requireConversation(db, member, conversationId);
  if (!c.wabaId) {
    throw new ServiceError(
      "BAD_REQUEST",
      `The channel ${c.channelName} has no WhatsApp Business Account ID: an admin adds it under Channels to send templates.`,
    );
  }
  const channel = await channelForRuntime(db, cipher, c.channelId);
  if (!channel) throw notWaiting(conversationId);
  const result = await fetchApprovedTemplates({
    graphBaseUrl: channel.graphBaseUrl,
    wabaId: c.wabaId,
    accessToken: channel.accessToken,
  });
  if (!result.ok) {
    throw new ServiceError(
      "BAD_REQUEST",
      result.code === 190
        ? `The channel ${c.channelName} needs a new access token before its templates can be read.`
        : `The templates could not be read from WhatsApp: ${result.message}`,
    );
  }
  return result.templates.map(describeTemplate).sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Sends an approved template (allowed outside the 24-hour window) with the agent's values. The
 * template is read again from the Graph API, so only an approved one is sent; the filled-in text
 * passes the outbound guard like any reply.
 */
export async function sendTemplateAsAgent(
  deps: ServiceDeps,
  member: Member,
  input: z.output<typeof agentTemplateInput>,
): Promise<{ outboxId: string }> {
  const { db, cipher } = deps;
  const c = await requireConversation(db, member, input.conversationId);
  await requireHolder(db, member, c);
  const templates = await templatesForConversation(deps, member, input.conversationId);
  const template = templates.find((t) => t.name === input.name && t.language === input.language);
  if (!template) {
    throw new ServiceError(
      "BAD_REQUEST",
      `No approved template ${input.name} (${input.language}) on this channel.`,
    );
  }
  if (!template.sendable)
    throw new ServiceError("BAD_REQUEST", template.reason ?? "This template cannot be sent.");
  const missing = missingTemplateValues(template, input.values);
  if (missing.length > 0) throw new ServiceError("BAD_REQUEST", `Fill in ${missing.join(", ")}.`);
  const rendered = renderTemplate(template, input.values);
  const verdict = guardVerdict(
    { kind: "text", body: rendered },
    { linkAllowlist: await linkAllowlist(db, member.workspaceId) },
  );
  const outboxId = await inTransaction(db, async (tx) => {
    const locked = await requireConversation(tx, member, input.conversationId);
    await requireHolder(tx, member, locked);
    if (verdict.blocked) {
      await raiseNotice(tx, {
        workspaceId: member.workspaceId,
        kind: "message_blocked",
        subject: `agent:${member.userId}`,
        label: `A template sent by ${member.displayName} was not sent`,
        detail: verdict.reason ?? "It asks the customer for a secret.",
        link: `/inbox/${locked.id}`,
      });
      await recordAudit(tx, member, "conversation.reply_blocked", auditTarget.conversation(locked), {
        reason: verdict.reason ?? "",
        template: template.name,
      });
      return null;
    }
    const payload = templatePayload(
      recipientOf(cipher, locked),
      template.name,
      template.language,
      templateComponents(template, input.values),
    );
    const id = await queueAgentMessage(tx, cipher, {
      conversationId: locked.id,
      channelId: locked.channelId,
      contactId: locked.contactId,
      authorUserId: member.userId,
      payloadEnc: cipher.encryptJson(payload, OUTBOX_PAYLOAD_PURPOSE),
      line: redactTranscript(`[template ${template.name}] ${rendered}`),
    });
    await recordAudit(tx, member, "conversation.template_sent", auditTarget.conversation(locked), {
      template: template.name,
      language: template.language,
    });
    await notifyOutbox(tx);
    return id;
  });
  if (outboxId === null) {
    throw new ServiceError(
      "BAD_REQUEST",
      `Not sent: ${verdict.reason ?? "it asks the customer for a secret."}`,
    );
  }
  outboxWake.wake();
  conversationsWake.wake();
  return { outboxId };
}

/**
 * The agent is done: the conversation ends and the customer's next message starts the bot again.
 * `close` records it as resolved by the agent rather than handed back to the bot.
 */
export async function finishHandoff(
  { db, cipher }: ServiceDeps,
  member: Member,
  conversationId: string,
  how: "hand_back" | "close",
): Promise<void> {
  await inTransaction(db, async (tx) => {
    const c = await conversationForAgent(tx, member.workspaceId, conversationId);
    if (!c || !(await endHandoff(tx, cipher, member.workspaceId, conversationId)))
      throw notWaiting(conversationId);
    if (c.claimedBy && c.claimedBy !== member.userId) {
      throw new ServiceError(
        "CONFLICT",
        `${c.claimedByName ?? "Another member"} is answering this conversation.`,
      );
    }
    await releaseConversation(tx, conversationId);
    await recordAudit(
      tx,
      member,
      how === "close" ? "conversation.closed" : "conversation.handed_back",
      auditTarget.conversation(c),
    );
    await notifyInboxes(tx);
  });
  conversationsWake.wake();
}

/** Whom WhatsApp delivers to ("wa:<id>" or "user:<id>"), from the contact's encrypted ids. */
function recipientOf(cipher: Cipher, c: AgentConversation): string {
  const waId = c.waIdEnc ? cipher.decrypt(c.waIdEnc, CONTACT_WA_ID_PURPOSE) : null;
  const userId = c.userIdEnc ? cipher.decrypt(c.userIdEnc, CONTACT_USER_ID_PURPOSE) : null;
  const identity = contactIdentity(waId, userId);
  if (!identity) throw new ServiceError("CONFLICT", "This customer has no WhatsApp id to answer.");
  return identity;
}

async function requireConversation(
  db: Db,
  member: Member,
  conversationId: string,
): Promise<AgentConversation> {
  const c = await conversationForAgent(db, member.workspaceId, conversationId);
  if (!c) throw new ServiceError("NOT_FOUND", `Conversation ${conversationId} was not found.`);
  return c;
}

/** The conversation waits for a person and this member holds it (the row stays locked in `db`). */
async function requireHolder(db: Db, member: Member, c: AgentConversation): Promise<void> {
  const held = await lockForReply(db, {
    workspaceId: member.workspaceId,
    conversationId: c.id,
    userId: member.userId,
  });
  if (held === "not_waiting") throw notWaiting(c.id);
  if (held === "not_claimed") throw new ServiceError("CONFLICT", "Claim the conversation before replying.");
  if (typeof held === "object")
    throw new ServiceError("CONFLICT", `${held.heldBy} is answering this conversation.`);
}

function notWaiting(conversationId: string): ServiceError {
  return new ServiceError("CONFLICT", `Conversation ${conversationId} is not waiting for a person.`);
}

async function readFlow(db: Db, flowVersionId: string): Promise<Flow | null> {
  const row = await db
    .selectFrom("flow_versions")
    .select("document")
    .where("id", "=", flowVersionId)
    .executeTakeFirst();
  if (!row) return null;
  try {
    return readStoredFlow(row.document, `flow version ${flowVersionId}`);
  } catch {
    return null;
  }
}

/**
 * The collected variables as agents may see them: card numbers masked, and whatever a block that
 * asks for a code wrote masked like the transcript masks the answer. Long values are cut.
 */
function redactedVariables(flow: Flow | null, variables: Record<string, unknown>) {
  const sensitive = new Set<string>();
  for (const node of flow?.nodes ?? []) {
    if (!isSensitivePrompt(flow as Flow, node.id)) continue;
    for (const name of blockDefinition(node.type).writesVariables(node.data as never)) sensitive.add(name);
  }
  return Object.entries(variables)
    .slice(0, 200)
    .map(([name, value]) => {
      const text = typeof value === "string" ? value : JSON.stringify(value);
      const shown = redactTranscript((text ?? "null").slice(0, 500), {
        afterSensitivePrompt: sensitive.has(name),
      });
      return { name, value: shown };
    });
}

/** Wakes outbox senders in other processes (PostgreSQL; a no-op on PGlite's single process). */
async function notifyOutbox(tx: Db): Promise<void> {
  await sql`select pg_notify(${NOTIFY_CHANNELS.outbox}, '')`.execute(tx);
  await notifyInboxes(tx);
}

/** Tells agents' inboxes served by other processes that a conversation changed (sent at commit). */
async function notifyInboxes(tx: Db): Promise<void> {
  await sql`select pg_notify(${NOTIFY_CHANNELS.conversations}, '')`.execute(tx);
}
