import { sql } from "kysely";
import type { Cipher } from "../crypto/cipher.ts";
import type { ChannelRowUpdate, ChannelStatus } from "../tables/channels.ts";
import type { Db } from "../tables/database.ts";
import { storedError } from "./outbox.ts";

export const CHANNEL_PURPOSES = {
  accessToken: "channel.access_token",
  appSecret: "channel.app_secret",
  verifyToken: "channel.verify_token",
} as const;

export interface NewChannel {
  workspaceId: string;
  name: string;
  phoneNumberId: string;
  accessToken: string;
  appSecret: string;
  verifyToken: string;
  graphBaseUrl: string;
  flowId: string | null;
  /** The WhatsApp Business Account id (its message templates); optional. */
  wabaId?: string | null;
}

/** What admins may see of a channel: never a secret. */
const publicColumns = [
  "id",
  "name",
  "phone_number_id as phoneNumberId",
  "waba_id as wabaId",
  "graph_base_url as graphBaseUrl",
  "flow_id as flowId",
  "status",
  "last_inbound_at as lastInboundAt",
  "last_error as lastError",
  "last_error_at as lastErrorAt",
  "created_at as createdAt",
] as const;

/** The phone number is already connected (to the channel named here). */
export class PhoneNumberTaken extends Error {
  readonly phoneNumberId: string;
  readonly channelId: string | null;
  constructor(phoneNumberId: string, channelId: string | null) {
    super(`phone number id ${phoneNumberId} is already connected`);
    this.phoneNumberId = phoneNumberId;
    this.channelId = channelId;
  }
}

/**
 * Connects a phone number; its secrets are encrypted, each bound to its purpose. Returns the id, or
 * throws PhoneNumberTaken: the check and the insert are one statement, so two simultaneous requests
 * for one number cannot both pass a check and then collide, and the caller's transaction stays usable.
 */
export async function createChannel(db: Db, cipher: Cipher, channel: NewChannel): Promise<string> {
  const row = await db
    .insertInto("channels")
    .values({
      workspace_id: channel.workspaceId,
      name: channel.name,
      phone_number_id: channel.phoneNumberId,
      access_token_enc: cipher.encrypt(channel.accessToken, CHANNEL_PURPOSES.accessToken),
      app_secret_enc: cipher.encrypt(channel.appSecret, CHANNEL_PURPOSES.appSecret),
      verify_token_enc: cipher.encrypt(channel.verifyToken, CHANNEL_PURPOSES.verifyToken),
      graph_base_url: channel.graphBaseUrl,
      flow_id: channel.flowId,
      waba_id: channel.wabaId ?? null,
    })
    .onConflict((oc) => oc.column("phone_number_id").doNothing())
    .returning("id")
    .executeTakeFirst();
  if (!row)
    throw new PhoneNumberTaken(channel.phoneNumberId, await channelIdForNumber(db, channel.phoneNumberId));
  return row.id;
}

/** The channel a phone number id is connected to, in any workspace (ids are global at Meta). */
export async function channelIdForNumber(db: Db, phoneNumberId: string): Promise<string | null> {
  const row = await db
    .selectFrom("channels")
    .select("id")
    .where("phone_number_id", "=", phoneNumberId)
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function listChannels(db: Db, workspaceId: string) {
  return db
    .selectFrom("channels")
    .select(publicColumns)
    .where("workspace_id", "=", workspaceId)
    .orderBy("created_at")
    .execute();
}
export type ChannelSummary = Awaited<ReturnType<typeof listChannels>>[number];

/** One channel of a workspace, without secrets. */
export async function channelById(db: Db, workspaceId: string, channelId: string) {
  return db
    .selectFrom("channels")
    .select(publicColumns)
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", channelId)
    .executeTakeFirst();
}

/** Chooses which flow answers the number (null: none; messages are then stored but not answered). */
export async function setChannelFlow(db: Db, workspaceId: string, channelId: string, flowId: string | null) {
  const result = await db
    .updateTable("channels")
    .set({ flow_id: flowId })
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", channelId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** What an admin changes on a channel; secrets arrive in plain text and are stored encrypted. */
export interface ChannelChanges {
  name?: string;
  accessToken?: string;
  appSecret?: string;
  verifyToken?: string;
  status?: ChannelStatus;
}

/**
 * Applies an admin's changes to a channel of the workspace (secrets encrypted for their purpose);
 * returns whether the channel exists (true when there was nothing to change). A new access token also
 * clears the last error.
 */
export async function updateChannel(
  db: Db,
  cipher: Cipher,
  workspaceId: string,
  channelId: string,
  changes: ChannelChanges,
): Promise<boolean> {
  const set: ChannelRowUpdate = {
    ...(changes.name !== undefined ? { name: changes.name } : {}),
    ...(changes.accessToken !== undefined
      ? {
          access_token_enc: cipher.encrypt(changes.accessToken, CHANNEL_PURPOSES.accessToken),
          last_error: null,
          last_error_at: null,
        }
      : {}),
    ...(changes.appSecret !== undefined
      ? { app_secret_enc: cipher.encrypt(changes.appSecret, CHANNEL_PURPOSES.appSecret) }
      : {}),
    ...(changes.verifyToken !== undefined
      ? { verify_token_enc: cipher.encrypt(changes.verifyToken, CHANNEL_PURPOSES.verifyToken) }
      : {}),
    ...(changes.status !== undefined ? { status: changes.status } : {}),
  };
  if (Object.keys(set).length === 0) return true;
  const result = await db
    .updateTable("channels")
    .set(set)
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", channelId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Sets the WhatsApp Business Account id whose templates agents may send (null: none). */
export async function setChannelWaba(db: Db, workspaceId: string, channelId: string, wabaId: string | null) {
  const result = await db
    .updateTable("channels")
    .set({ waba_id: wabaId })
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", channelId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Makes the channel's waiting messages due now (after a new token or a resume): the ones held back
 * for a minute at a time while it could not send. Messages a sender holds keep their lease.
 */
export async function resumeChannelQueue(db: Db, channelId: string): Promise<number> {
  const result = await db
    .updateTable("outbox")
    .set({ next_attempt_at: new Date() })
    .where("channel_id", "=", channelId)
    .where("status", "=", "queued")
    .where("lease_owner", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Removes a channel of the workspace with its contacts, conversations, transcripts and queued
 * messages (the audit log keeps its name); returns what was removed, or null when there is none.
 */
export async function deleteChannel(db: Db, workspaceId: string, channelId: string) {
  const counts = await db
    .selectFrom("channels as ch")
    .where("ch.workspace_id", "=", workspaceId)
    .where("ch.id", "=", channelId)
    .select((eb) => [
      eb
        .selectFrom("conversations")
        .whereRef("conversations.channel_id", "=", "ch.id")
        .select(eb.fn.countAll<string>().as("n"))
        .as("conversations"),
      eb
        .selectFrom("outbox")
        .whereRef("outbox.channel_id", "=", "ch.id")
        .where("outbox.status", "=", "queued")
        .select(eb.fn.countAll<string>().as("n"))
        .as("queued"),
    ])
    .executeTakeFirst();
  if (!counts) return null;
  const deleted = await db
    .deleteFrom("channels")
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", channelId)
    .executeTakeFirst();
  if (deleted.numDeletedRows === 0n) return null;
  return { conversations: Number(counts.conversations ?? 0), queuedMessages: Number(counts.queued ?? 0) };
}

/**
 * The runtime's view of a channel, secrets decrypted; only for the webhook and the sender (never
 * returned by an API). Looked up by id alone because a webhook URL names only the channel.
 */
export async function channelForRuntime(db: Db, cipher: Cipher, channelId: string) {
  // A webhook URL with a non-uuid id is simply an unknown channel, not a database error.
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(channelId)) return undefined;
  const row = await db
    .selectFrom("channels")
    .select([
      "id",
      "workspace_id",
      "phone_number_id",
      "graph_base_url",
      "flow_id",
      "status",
      "access_token_enc",
      "app_secret_enc",
      "verify_token_enc",
    ])
    .where("id", "=", channelId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    phoneNumberId: row.phone_number_id,
    graphBaseUrl: row.graph_base_url,
    flowId: row.flow_id,
    status: row.status,
    accessToken: cipher.decrypt(row.access_token_enc, CHANNEL_PURPOSES.accessToken),
    /** Which stored token this is (its ciphertext), so a refusal marks only the token it was for. */
    accessTokenEnc: row.access_token_enc,
    appSecret: cipher.decrypt(row.app_secret_enc, CHANNEL_PURPOSES.appSecret),
    verifyToken: cipher.decrypt(row.verify_token_enc, CHANNEL_PURPOSES.verifyToken),
  };
}
export type RuntimeChannel = NonNullable<Awaited<ReturnType<typeof channelForRuntime>>>;

/**
 * Graph API answered 190: the token must be replaced by an admin; sending to this number pauses. A
 * token replaced while the refused request was on its way is not marked (the refusal was for the old
 * one: false is returned), and a channel an admin paused stays paused.
 */
export async function markChannelNeedsToken(
  db: Db,
  channel: Pick<RuntimeChannel, "id" | "accessTokenEnc">,
  error: string,
): Promise<boolean> {
  const result = await db
    .updateTable("channels")
    .set({
      status: sql<ChannelStatus>`case when status = 'paused' then 'paused' else 'needs_token' end`,
      last_error: storedError(error),
      last_error_at: new Date(),
    })
    .where("id", "=", channel.id)
    .where("access_token_enc", "=", channel.accessTokenEnc)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Records the latest sending error for the channel's health panel. */
export async function recordChannelError(db: Db, channelId: string, error: string): Promise<void> {
  await db
    .updateTable("channels")
    .set({ last_error: storedError(error), last_error_at: new Date() })
    .where("id", "=", channelId)
    .execute();
}
