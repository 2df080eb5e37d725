import type { Cipher, Db } from "@benteng/db";
import { markChannelNeedsToken, type RuntimeChannel, recordChannelError } from "@benteng/db/queries/channels";
import {
  type ClaimedOutboxRow,
  claimOutbox,
  markOutboxFailed,
  markOutboxRetry,
  markOutboxSent,
  releaseOutbox,
} from "@benteng/db/queries/outbox";
import type { ChannelCache } from "../whatsapp/channelCache.ts";
import { type GraphClient, graphClient } from "../whatsapp/graphClient.ts";
import { type GraphPayload, isFreeForm } from "../whatsapp/toGraphPayload.ts";
import { OUTBOX_PAYLOAD_PURPOSE } from "./outboxPayload.ts";
import type { RateLimiter } from "./rateLimiter.ts";

export const CUSTOMER_SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;
export const WINDOW_CLOSED_ERROR =
  "outside the 24-hour customer service window: only an approved template may be sent (not attempted)";

export interface OutboxBatchOptions {
  db: Db;
  cipher: Cipher;
  batchSize: number;
  /** How long a claimed message stays reserved for this sender (a crashed sender's messages return after it). */
  leaseMs: number;
  limiter: RateLimiter;
  channels: ChannelCache;
  /** After this many attempts a retryable failure becomes permanent. */
  maxAttempts: number;
  log: (level: "info" | "warn" | "error", fields: Record<string, unknown>, message: string) => void;
  now?: () => number;
}

/**
 * Sends one claimed batch: each contact's messages one after another in order, different contacts
 * concurrently. Retryable errors back off (and hold the contact's later messages behind them),
 * permanent ones fail without retry, 190 pauses the channel until an admin replaces the token.
 */
export async function sendOutboxBatch(
  options: OutboxBatchOptions,
): Promise<{ claimed: number; sent: number }> {
  const rows = await claimOutbox(options.db, options.batchSize, options.leaseMs);
  if (rows.length === 0) return { claimed: 0, sent: 0 };
  return { claimed: rows.length, sent: await sendClaimed(rows, options) };
}

/**
 * Sends rows this process holds the lease on (claimed, or leased to it when they were queued) and
 * records the sent ones; returns how many were sent.
 */
export async function sendClaimed(rows: ClaimedOutboxRow[], options: OutboxBatchOptions): Promise<number> {
  const byContact = new Map<string, ClaimedOutboxRow[]>();
  for (const row of rows) {
    const group = byContact.get(row.contact_id);
    if (group) group.push(row);
    else byContact.set(row.contact_id, [row]);
  }
  const sent: Array<{ id: string; waMessageId: string | null }> = [];
  await Promise.all([...byContact.values()].map((group) => sendInOrder(group, options, sent)));
  await markOutboxSent(options.db, sent);
  return sent.length;
}

async function sendInOrder(
  group: ClaimedOutboxRow[],
  options: OutboxBatchOptions,
  sent: Array<{ id: string; waMessageId: string | null }>,
): Promise<void> {
  const { db, cipher, log } = options;
  const now = options.now ?? Date.now;
  for (const [index, row] of group.entries()) {
    const rest = () => group.slice(index + 1).map((r) => r.id);
    const channel = await options.channels.get(row.channel_id);
    if (!channel) {
      await markOutboxFailed(db, row.id, null, "channel no longer exists");
      continue;
    }
    if (channel.status === "needs_token") {
      // Paused until an admin pastes a new token; the messages wait, in order.
      await releaseOutbox(db, [row.id, ...rest()], new Date(now() + 60_000));
      return;
    }
    const payload = cipher.decryptJson(row.payload_enc, OUTBOX_PAYLOAD_PURPOSE) as GraphPayload;
    const lastInbound = row.contact_last_inbound_at?.getTime();
    if (
      isFreeForm(payload) &&
      (lastInbound === undefined || now() - lastInbound > CUSTOMER_SERVICE_WINDOW_MS)
    ) {
      await markOutboxFailed(db, row.id, null, WINDOW_CLOSED_ERROR);
      continue;
    }
    await options.limiter.take(channel.phoneNumberId);
    const result = await clientFor(channel).send(payload);
    if (result.ok) {
      sent.push({ id: row.id, waMessageId: result.waMessageId });
      continue;
    }
    const fields = {
      outboxId: row.id,
      channelId: channel.id,
      code: result.code,
      httpStatus: result.httpStatus,
    };
    if (result.disposition === "needs_token") {
      log("error", fields, "access token rejected (190): channel needs a new token");
      await markChannelNeedsToken(db, channel.id, result.message);
      options.channels.forget(channel.id);
      await markOutboxRetry(db, row.id, new Date(now() + 60_000), result.code, result.message);
      await releaseOutbox(db, rest(), new Date(now() + 60_000));
      return;
    }
    if (result.disposition === "retry" && row.attempts + 1 < options.maxAttempts) {
      const at = new Date(now() + backoffMs(row.attempts));
      log("warn", fields, "send failed, will retry");
      await markOutboxRetry(db, row.id, at, result.code, result.message);
      // Later messages of this contact wait behind this one so the customer reads them in order.
      await releaseOutbox(db, rest(), at);
      return;
    }
    log("warn", fields, "send failed permanently");
    await markOutboxFailed(db, row.id, result.code, result.message);
    await recordChannelError(db, channel.id, result.message);
  }
}

// One Graph API client per cached channel object: a re-read channel (new token) gets a new one.
const clients = new WeakMap<RuntimeChannel, GraphClient>();
function clientFor(channel: RuntimeChannel): GraphClient {
  let client = clients.get(channel);
  if (!client) {
    client = graphClient(channel);
    clients.set(channel, client);
  }
  return client;
}

/** 1 s, 2 s, 4 s … capped at 5 minutes, with jitter so a burst of failures does not retry in lockstep. */
export function backoffMs(attempts: number): number {
  const base = Math.min(300_000, 1000 * 2 ** attempts);
  return Math.round(base * (0.75 + Math.random() * 0.5));
}
