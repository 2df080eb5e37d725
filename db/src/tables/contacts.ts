import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

export interface ContactsTable {
  id: Generated<string>;
  workspace_id: string;
  channel_id: string;
  /** "wa:<wa_id>" or "user:<business-scoped user_id>": a phone number may not exist. */
  identity: string;
  wa_id: string | null;
  user_id: string | null;
  name_enc: string | null;
  /** Start of the 24-hour customer service window. */
  last_inbound_at: Date | null;
  created_at: ColumnType<Date, never, never>;
}
export type ContactRow = Selectable<ContactsTable>;
export type NewContactRow = Insertable<ContactsTable>;
export type ContactRowUpdate = Updateable<ContactsTable>;
