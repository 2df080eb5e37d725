import type { Cipher } from "../crypto/cipher.ts";
import type { Db } from "../tables/database.ts";

export const TRANSCRIPT_PURPOSE = "transcript.body";

export interface NewTranscriptLine {
  conversationId: string;
  direction: "in" | "out";
  blockId: string | null;
  /** Already redacted text; encrypted here. */
  body: string;
}

/** A conversation's transcript in order, scoped to the workspace, decrypted. */
export async function transcriptForConversation(
  db: Db,
  cipher: Cipher,
  workspaceId: string,
  conversationId: string,
) {
  const rows = await db
    .selectFrom("transcript")
    .innerJoin("conversations", "conversations.id", "transcript.conversation_id")
    .select([
      "transcript.id",
      "transcript.direction",
      "transcript.block_id",
      "transcript.body_enc",
      "transcript.created_at",
    ])
    .where("conversations.workspace_id", "=", workspaceId)
    .where("transcript.conversation_id", "=", conversationId)
    .orderBy("transcript.id")
    .execute();
  return rows.map((r) => ({
    id: String(r.id),
    direction: r.direction,
    blockId: r.block_id,
    body: cipher.decrypt(r.body_enc, TRANSCRIPT_PURPOSE),
    createdAt: r.created_at,
  }));
}
