import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

export type InboxStatus = "pending" | "done" | "failed";

export interface InboxTable {
  id: Generated<string>;
  channel_id: string;
  wa_message_id: string;
  /** The contact's blind index (contactIndex, as contacts.identity_index): rows of one contact are
   * processed in id order. The identity itself is only in the encrypted payload. */
  contact_index: string;
  /** The parsed message (encrypted JSON): customer text is data at rest like any other. */
  payload_enc: string;
  status: ColumnType<InboxStatus, InboxStatus | undefined, InboxStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  received_at: ColumnType<Date, never, never>;
  processed_at: Date | null;
  /** The claim that holds this pending message (a conversation step in progress), and until when. */
  lease_owner: string | null;
  lease_until: Date | null;
}
export type InboxRow = Selectable<InboxTable>;
export type NewInboxRow = Insertable<InboxTable>;
export type InboxRowUpdate = Updateable<InboxTable>;
