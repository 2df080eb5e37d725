import type { Cipher } from "../crypto/cipher.ts";
import type { Db } from "../tables/database.ts";

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
}

/** What admins may see of a channel: never a secret. */
const publicColumns = [
  "id",
  "name",
  "phone_number_id as phoneNumberId",
  "graph_base_url as graphBaseUrl",
  "flow_id as flowId",
  "status",
  "last_inbound_at as lastInboundAt",
  "last_error as lastError",
  "last_error_at as lastErrorAt",
  "created_at as createdAt",
] as const;

/** Connects a phone number; its secrets are encrypted, each bound to its purpose. Returns the id. */
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
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
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

/** Replaces secrets (write-only); a new access token also clears the needs_token state. */
export async function updateChannelSecrets(
  db: Db,
  cipher: Cipher,
  workspaceId: string,
  channelId: string,
  secrets: { accessToken?: string; appSecret?: string; verifyToken?: string },
) {
  const result = await db
    .updateTable("channels")
    .set({
      ...(secrets.accessToken
        ? {
            access_token_enc: cipher.encrypt(secrets.accessToken, CHANNEL_PURPOSES.accessToken),
            status: "active" as const,
            last_error: null,
            last_error_at: null,
          }
        : {}),
      ...(secrets.appSecret
        ? { app_secret_enc: cipher.encrypt(secrets.appSecret, CHANNEL_PURPOSES.appSecret) }
        : {}),
      ...(secrets.verifyToken
        ? { verify_token_enc: cipher.encrypt(secrets.verifyToken, CHANNEL_PURPOSES.verifyToken) }
        : {}),
    })
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", channelId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function deleteChannel(db: Db, workspaceId: string, channelId: string): Promise<boolean> {
  const result = await db
    .deleteFrom("channels")
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", channelId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
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
    appSecret: cipher.decrypt(row.app_secret_enc, CHANNEL_PURPOSES.appSecret),
    verifyToken: cipher.decrypt(row.verify_token_enc, CHANNEL_PURPOSES.verifyToken),
  };
}
export type RuntimeChannel = NonNullable<Awaited<ReturnType<typeof channelForRuntime>>>;

/** Graph API answered 190: the token must be replaced by an admin; sending to this number pauses. */
export async function markChannelNeedsToken(db: Db, channelId: string, error: string): Promise<void> {
  await db
    .updateTable("channels")
    .set({ status: "needs_token", last_error: error.slice(0, 500), last_error_at: new Date() })
    .where("id", "=", channelId)
    .execute();
}

/** Records the latest sending error for the channel's health panel. */
export async function recordChannelError(db: Db, channelId: string, error: string): Promise<void> {
  await db
    .updateTable("channels")
    .set({ last_error: error.slice(0, 500), last_error_at: new Date() })
    .where("id", "=", channelId)
    .execute();
}
