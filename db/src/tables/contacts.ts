import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

export interface ContactsTable {
  id: Generated<string>;
  workspace_id: string;
  channel_id: string;
  /**
   * Keyed blind index (contactIndex) of the identity "wa:<wa_id>" or "user:<business-scoped user_id>"
   * (a phone number may not exist): what the contact is looked up by. Never the number itself.
   */
  identity_index: string;
  /** The WhatsApp id (phone number) and business-scoped user id, AES-256-GCM encrypted. */
  wa_id_enc: string | null;
  user_id_enc: string | null;
  name_enc: string | null;
  /** Start of the 24-hour customer service window. */
  last_inbound_at: Date | null;
  created_at: ColumnType<Date, never, never>;
}
export type ContactRow = Selectable<ContactsTable>;
export type NewContactRow = Insertable<ContactsTable>;
export type ContactRowUpdate = Updateable<ContactsTable>;
