import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

/** Ordered: a status only ever moves to a higher rank (failed is terminal from any state). */
export type OutboxStatus = "queued" | "sent" | "delivered" | "read" | "failed";

export interface OutboxTable {
  id: Generated<string>;
  channel_id: string;
  conversation_id: string | null;
  contact_id: string;
  /** The Graph API request body (encrypted JSON). */
  payload_enc: string;
  status: ColumnType<OutboxStatus, OutboxStatus | undefined, OutboxStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: ColumnType<Date, Date | undefined, Date>;
  wa_message_id: string | null;
  error_code: number | null;
  last_error: string | null;
  created_at: ColumnType<Date, never, never>;
  sent_at: Date | null;
  status_at: Date | null;
  /** The claim that holds this queued message for sending; next_attempt_at is the lease's deadline. */
  lease_owner: string | null;
}
export type OutboxRow = Selectable<OutboxTable>;
export type NewOutboxRow = Insertable<OutboxTable>;
export type OutboxRowUpdate = Updateable<OutboxTable>;
