import type { ConversationState } from "@benteng/shared";
import type { Cipher } from "../crypto/cipher.ts";
import type { ConversationStatus } from "../tables/conversations.ts";
import type { Db } from "../tables/database.ts";
import { CONTACT_NAME_PURPOSE } from "./contacts.ts";
import { CONVERSATION_STATE_PURPOSE, decryptConversationState } from "./conversations.ts";

// What people see of conversations (the Conversations page); the runtime's own queries live in
// conversations.ts and inbox.ts.

export interface ConversationListItem {
  id: string;
  status: ConversationStatus;
  startedAt: Date;
  updatedAt: Date;
  /** The customer's WhatsApp display name (decrypted), never their number. */
  customer: string;
  channelName: string;
  /** "<flow name> v<number>": the version the conversation is pinned to. */
  flow: string;
}

/** Recent conversations of a workspace, newest activity first. */
export async function listRecentConversations(
  db: Db,
  cipher: Cipher,
  input: { workspaceId: string; status?: ConversationStatus; limit: number },
): Promise<ConversationListItem[]> {
  let q = db
    .selectFrom("conversations")
    .innerJoin("contacts", "contacts.id", "conversations.contact_id")
    .innerJoin("channels", "channels.id", "conversations.channel_id")
    .innerJoin("flow_versions", "flow_versions.id", "conversations.flow_version_id")
    .innerJoin("flows", "flows.id", "flow_versions.flow_id")
    .select([
      "conversations.id",
      "conversations.status",
      "conversations.created_at",
      "conversations.updated_at",
      "contacts.name_enc",
      "channels.name as channelName",
      "flows.name as flowName",
      "flow_versions.number as versionNumber",
    ])
    .where("conversations.workspace_id", "=", input.workspaceId)
    .orderBy("conversations.updated_at", "desc")
    .limit(input.limit);
  if (input.status) q = q.where("conversations.status", "=", input.status);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    startedAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
    customer: r.name_enc ? cipher.decrypt(r.name_enc, CONTACT_NAME_PURPOSE) : "WhatsApp customer",
    channelName: r.channelName,
    flow: `${r.flowName} v${r.versionNumber}`,
  }));
}

/** One conversation of the workspace, named without customer data (for checks and the audit log). */
export async function conversationSummary(
  db: Db,
  workspaceId: string,
  conversationId: string,
): Promise<{ id: string; status: ConversationStatus; label: string } | null> {
  const r = await db
    .selectFrom("conversations")
    .innerJoin("channels", "channels.id", "conversations.channel_id")
    .innerJoin("flow_versions", "flow_versions.id", "conversations.flow_version_id")
    .innerJoin("flows", "flows.id", "flow_versions.flow_id")
    .select(["conversations.id", "conversations.status", "channels.name", "flows.name as flowName"])
    .where("conversations.id", "=", conversationId)
    .where("conversations.workspace_id", "=", workspaceId)
    .executeTakeFirst();
  return r ? { id: r.id, status: r.status, label: `${r.flowName} on ${r.name}` } : null;
}

/**
 * An agent hands a conversation back to the bot: it ends, so the customer's next message starts
 * the flow again. False for a conversation of another workspace or not in handoff. Run it in the
 * caller's transaction: the row stays locked from the read to the write and the commit.
 */
export async function endHandoff(
  db: Db,
  cipher: Cipher,
  workspaceId: string,
  conversationId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom("conversations")
    .select(["state_enc", "status"])
    .where("id", "=", conversationId)
    .where("workspace_id", "=", workspaceId)
    .forUpdate()
    .executeTakeFirst();
  if (row?.status !== "handoff") return false;
  const state = decryptConversationState(cipher, row.state_enc);
  const next: ConversationState = { ...state, status: "ended", waitingAt: null, attempts: 0 };
  await db
    .updateTable("conversations")
    .set({
      state_enc: cipher.encryptJson(next, CONVERSATION_STATE_PURPOSE),
      status: "ended",
      updated_at: new Date(),
    })
    .where("id", "=", conversationId)
    .execute();
  return true;
}
