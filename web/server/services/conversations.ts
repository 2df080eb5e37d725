import type { ConversationStatus } from "@benteng/db";
import {
  type ConversationListItem,
  conversationSummary,
  listRecentConversations,
} from "@benteng/db/queries/conversationBrowse";
import {
  conversationFlowId,
  deliveriesForConversation,
  traceForConversation,
} from "@benteng/db/queries/conversationTrace";
import { transcriptForConversation } from "@benteng/db/queries/transcript";
import type { Actor, ServiceDeps } from "./actor.ts";
import { notFound } from "./serviceError.ts";

/** Recent conversations with their channel, flow and customer's display name (no phone numbers). */
export function listConversations(
  { db, cipher }: ServiceDeps,
  actor: Actor,
  filter: { status?: ConversationStatus },
): Promise<ConversationListItem[]> {
  return listRecentConversations(db, cipher, { workspaceId: actor.workspaceId, limit: 200, ...filter });
}

/** The transcript, as stored: card numbers and codes customers sent were masked before storage. */
export async function conversationTranscript(
  { db, cipher }: ServiceDeps,
  actor: Actor,
  conversationId: string,
) {
  if (!(await conversationSummary(db, actor.workspaceId, conversationId))) {
    throw notFound("Conversation", conversationId);
  }
  return transcriptForConversation(db, cipher, actor.workspaceId, conversationId);
}

/**
 * Every step the engine took in the conversation (blocks entered, outputs taken, variables set —
 * redacted like the transcript —, script outcomes with their errors, guard decisions), what became
 * of each message the bot queued, and the flow it runs (to draw its path on the canvas).
 */
export async function conversationTrace({ db, cipher }: ServiceDeps, actor: Actor, conversationId: string) {
  const flowId = await conversationFlowId(db, actor.workspaceId, conversationId);
  if (!flowId) throw notFound("Conversation", conversationId);
  const [entries, deliveries] = [
    await traceForConversation(db, cipher, actor.workspaceId, conversationId),
    await deliveriesForConversation(db, actor.workspaceId, conversationId),
  ];
  return { flowId, entries, deliveries };
}
