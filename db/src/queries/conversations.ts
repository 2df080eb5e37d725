import { type ConversationState, conversationStateSchema } from "@benteng/shared";
import type { Cipher } from "../crypto/cipher.ts";
import type { Db } from "../tables/database.ts";

export const CONVERSATION_STATE_PURPOSE = "conversation.state";

export function decryptConversationState(cipher: Cipher, stateEnc: string): ConversationState {
  return conversationStateSchema.parse(cipher.decryptJson(stateEnc, CONVERSATION_STATE_PURPOSE));
}

/**
 * An agent hands the conversation back to the bot: it ends, so the customer's next message starts the
 * flow again. Returns false for a conversation of another workspace or not in handoff.
 */
export async function handBackConversation(
  db: Db,
  cipher: Cipher,
  workspaceId: string,
  conversationId: string,
): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom("conversations")
      .select(["state_enc", "status"])
      .where("id", "=", conversationId)
      .where("workspace_id", "=", workspaceId)
      .forUpdate()
      .executeTakeFirst();
    if (row?.status !== "handoff") return false;
    const state = decryptConversationState(cipher, row.state_enc);
    const next: ConversationState = { ...state, status: "ended", waitingAt: null, attempts: 0 };
    await tx
      .updateTable("conversations")
      .set({
        state_enc: cipher.encryptJson(next, CONVERSATION_STATE_PURPOSE),
        status: "ended",
        updated_at: new Date(),
      })
      .where("id", "=", conversationId)
      .execute();
    return true;
  });
}

/** Conversations of a workspace, newest first (no customer data: that lives in the transcript). */
export async function listConversations(db: Db, workspaceId: string, limit = 100) {
  return db
    .selectFrom("conversations")
    .select([
      "id",
      "channel_id as channelId",
      "contact_id as contactId",
      "flow_version_id as flowVersionId",
      "status",
      "created_at as createdAt",
      "updated_at as updatedAt",
    ])
    .where("workspace_id", "=", workspaceId)
    .orderBy("updated_at", "desc")
    .limit(limit)
    .execute();
}
