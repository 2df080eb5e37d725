import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

export type ConversationStatus = "active" | "ended" | "handoff";

export interface ConversationsTable {
  id: Generated<string>;
  workspace_id: string;
  channel_id: string;
  contact_id: string;
  /** Pinned: a conversation stays on the version it started with. */
  flow_version_id: string;
  /** ConversationState as encrypted JSON. */
  state_enc: string;
  status: ConversationStatus;
  created_at: ColumnType<Date, never, never>;
  updated_at: Date;
  /** When the conversation reached a handoff block (null: never, or handed back since). */
  handoff_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** The member answering it, and since when. */
  claimed_by: ColumnType<string | null, string | null | undefined, string | null>;
  claimed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}
export type ConversationRow = Selectable<ConversationsTable>;
export type NewConversationRow = Insertable<ConversationsTable>;
export type ConversationRowUpdate = Updateable<ConversationsTable>;
