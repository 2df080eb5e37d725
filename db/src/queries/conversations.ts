import { type ConversationState, conversationStateSchema } from "@benteng/shared";
import { sql } from "kysely";
import type { Cipher } from "../crypto/cipher.ts";
import type { ConversationStatus } from "../tables/conversations.ts";
import type { Db } from "../tables/database.ts";

export const CONVERSATION_STATE_PURPOSE = "conversation.state";

/** The most recent conversation of each contact (what a new message continues or replaces). */
export async function latestConversations(db: Db, contactIds: string[]) {
  if (contactIds.length === 0) return [];
  const result = await sql<{
    id: string;
    contact_id: string;
    flow_version_id: string;
    state_enc: string;
    status: ConversationStatus;
    updated_at: Date;
  }>`
    select distinct on (contact_id) id, contact_id, flow_version_id, state_enc, status, updated_at
    from conversations
    where contact_id in (${sql.join(contactIds)})
    order by contact_id, created_at desc, id desc`.execute(db);
  return result.rows.map((r) => ({ ...r, updated_at: new Date(r.updated_at) }));
}

export interface ConversationWrite {
  id: string;
  /** Only for a conversation that does not exist yet. */
  create?: { workspaceId: string; channelId: string; contactId: string; flowVersionId: string };
  state: ConversationState;
}

/**
 * Stores new states for a batch of conversations: new ones in one insert (ids chosen by the caller so
 * transcript and outbox rows can reference them in the same transaction), existing ones in one update.
 */
export async function saveConversations(db: Db, cipher: Cipher, writes: ConversationWrite[]): Promise<void> {
  const inserts = writes.filter((w) => w.create);
  const updates = writes.filter((w) => !w.create);
  if (inserts.length > 0) {
    await db
      .insertInto("conversations")
      .values(
        inserts.map((w) => ({
          id: w.id,
          workspace_id: w.create!.workspaceId,
          channel_id: w.create!.channelId,
          contact_id: w.create!.contactId,
          flow_version_id: w.create!.flowVersionId,
          state_enc: cipher.encryptJson(w.state, CONVERSATION_STATE_PURPOSE),
          status: w.state.status,
          updated_at: sql<Date>`now()`,
        })),
      )
      .execute();
  }
  if (updates.length > 0) {
    const values = sql.join(
      updates.map(
        (w) =>
          sql`(${w.id}::uuid, ${cipher.encryptJson(w.state, CONVERSATION_STATE_PURPOSE)}, ${w.state.status})`,
      ),
    );
    await sql`
      update conversations c set state_enc = v.state_enc, status = v.status, updated_at = now()
      from (values ${values}) as v(id, state_enc, status)
      where c.id = v.id`.execute(db);
  }
}

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
