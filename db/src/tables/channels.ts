import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

/** `paused`: an admin stopped sending; `needs_token`: the Graph API refused the token (190). */
export type ChannelStatus = "active" | "needs_token" | "paused";

export interface ChannelsTable {
  id: Generated<string>;
  workspace_id: string;
  name: string;
  /** Meta's phone number id; webhooks are routed by it. */
  phone_number_id: string;
  /** The WhatsApp Business Account id (its approved message templates); null until an admin adds it. */
  waba_id: ColumnType<string | null, string | null | undefined, string | null>;
  access_token_enc: string;
  app_secret_enc: string;
  verify_token_enc: string;
  /** e.g. https://graph.facebook.com/v23.0 — a loopback fake in tests. */
  graph_base_url: string;
  /** The flow whose published version answers this number. */
  flow_id: string | null;
  status: ColumnType<ChannelStatus, ChannelStatus | undefined, ChannelStatus>;
  last_inbound_at: Date | null;
  last_error: string | null;
  last_error_at: Date | null;
  created_at: ColumnType<Date, never, never>;
}
export type ChannelRow = Selectable<ChannelsTable>;
export type NewChannelRow = Insertable<ChannelsTable>;
export type ChannelRowUpdate = Updateable<ChannelsTable>;
