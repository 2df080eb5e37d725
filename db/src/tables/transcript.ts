import type { ColumnType, Generated, Insertable, Selectable } from "kysely";

export interface TranscriptTable {
  id: Generated<string>;
  conversation_id: string;
  direction: "in" | "out";
  block_id: string | null;
  /** Redacted text, encrypted. */
  body_enc: string;
  /** The member who wrote an outgoing line (null: the bot or the customer). */
  author_user_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: ColumnType<Date, never, never>;
}
export type TranscriptRow = Selectable<TranscriptTable>;
export type NewTranscriptRow = Insertable<TranscriptTable>;
