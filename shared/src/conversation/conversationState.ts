import { z } from "zod";

/** Where a conversation stands between two customer messages; stored (encrypted) with the conversation. */
export const conversationStateSchema = z.object({
  status: z.enum(["active", "ended", "handoff"]),
  /** The block the conversation waits at (a block that waits for the customer), if any. */
  waitingAt: z.string().nullable(),
  /** How many invalid answers the customer gave at the waiting block. */
  attempts: z.number().int().nonnegative().default(0),
  variables: z.record(z.string(), z.unknown()).default({}),
  /** Whether the safety notice was already shown in this conversation. */
  noticeShown: z.boolean().default(false),
});
export type ConversationState = z.infer<typeof conversationStateSchema>;

export function newConversationState(): ConversationState {
  return { status: "active", waitingAt: null, attempts: 0, variables: {}, noticeShown: false };
}
