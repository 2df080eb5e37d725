import { type ConversationState, conversationStateSchema } from "@benteng/shared";
import type { Cipher } from "../crypto/cipher.ts";

export const CONVERSATION_STATE_PURPOSE = "conversation.state";

export function decryptConversationState(cipher: Cipher, stateEnc: string): ConversationState {
  return conversationStateSchema.parse(cipher.decryptJson(stateEnc, CONVERSATION_STATE_PURPOSE));
}
