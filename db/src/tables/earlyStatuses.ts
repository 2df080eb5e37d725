import type { ColumnType, Selectable } from "kysely";

/**
 * A delivery status whose wamid no outbox message carries yet: Meta can report "sent" or "delivered"
 * before the sender has stored the Graph API's answer. Applied (and removed) once the wamid is
 * recorded; statuses for wamids that never appear (another system on the number) expire.
 */
export interface EarlyStatusesTable {
  channel_id: string;
  wa_message_id: string;
  status: "sent" | "delivered" | "read" | "failed";
  /** Order of statuses: only a higher rank replaces a lower one. */
  rank: number;
  error_code: number | null;
  error_title: string | null;
  received_at: ColumnType<Date, never, never>;
}
export type EarlyStatusRow = Selectable<EarlyStatusesTable>;
