import { randomUUID } from "node:crypto";
import type { Cipher, Db } from "@benteng/db";
import { markChannelNeedsToken, type RuntimeChannel, recordChannelError } from "@benteng/db/queries/channels";
import {
  type ClaimedOutboxRow,
  claimOutbox,
  markOutboxFailed,
  markOutboxRetry,
  releaseOutbox,
} from "@benteng/db/queries/outbox";
import type { LeaseKeeper } from "../inbox/leaseKeeper.ts";
import { outboxPayloadMemo } from "../inbox/plaintextMemo.ts";
import type { ChannelCache } from "../whatsapp/channelCache.ts";
import { type GraphClient, graphClient } from "../whatsapp/graphClient.ts";
import { type GraphPayload, isFreeForm } from "../whatsapp/toGraphPayload.ts";
import { OUTBOX_PAYLOAD_PURPOSE } from "./outboxPayload.ts";
import type { RateLimiter } from "./rateLimiter.ts";
import type { SentRecorder } from "./sentRecorder.ts";

export const CUSTOMER_SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;
export const WINDOW_CLOSED_ERROR =
  "outside the 24-hour customer service window: only an approved template may be sent (not attempted)";

export interface OutboxBatchOptions {
  db: Db;
  cipher: Cipher;
  batchSize: number;
  /**
   * The leases of messages this process sends: claimed ones are held for leaseMs and renewed while
   * they wait for their send and its record, so a dead sender's messages return within seconds.
   */
  leases: LeaseKeeper;
  /** Records each accepted send as soon as the Graph API answers. */
  recorder: SentRecorder;
  limiter: RateLimiter;
  channels: ChannelCache;
  /** After this many attempts a retryable failure becomes permanent. */
  maxAttempts: number;
  /**
   * Shutdown: once true, no further Graph API call starts. The messages not yet sent go back to the
   * queue at once (lease cleared, due now, no attempt counted) for another process or the restart;
   * a call already on its way is waited for and recorded as sent, never handed back.
   */
  handingBack?: () => boolean;
  log: (level: "info" | "warn" | "error", fields: Record<string, unknown>, message: string) => void;
  now?: () => number;
  /** Certificates to trust for the Graph API instead of the system's (GraphClientOptions.ca). */
  graphCa?: string;
}

/**
 * Claims a batch and sends it: each contact's messages one after another in order, different contacts
 * concurrently. Retryable errors back off (and hold the contact's later messages behind them),
 * permanent ones fail without retry, 190 pauses the channel until an admin replaces the token.
 */
export async function sendOutboxBatch(
  options: OutboxBatchOptions,
): Promise<{ claimed: number; sent: number }> {
  if (options.handingBack?.()) return { claimed: 0, sent: 0 };
  const owner = randomUUID();
  const takenAt = performance.now();
  const rows = await claimOutbox(options.db, {
    limit: options.batchSize,
    owner,
    leaseMs: options.leases.leaseMs,
  });
  if (rows.length === 0) return { claimed: 0, sent: 0 };
  for (const row of rows) options.leases.hold({ id: row.id, owner }, takenAt);
  return { claimed: rows.length, sent: await sendClaimed(rows, options) };
}

/**
 * Sends rows whose leases this process holds (claimed, or leased to it when they were stored), each
 * recorded as sent as soon as its Graph API call returns; resolves with how many were sent and
 * recorded once every record is written.
 */
export async function sendClaimed(rows: ClaimedOutboxRow[], options: OutboxBatchOptions): Promise<number> {
  const byContact = new Map<string, ClaimedOutboxRow[]>();
  for (const row of rows) {
    const group = byContact.get(row.contact_id);
    if (group) group.push(row);
    else byContact.set(row.contact_id, [row]);
  }
  const records: Array<Promise<boolean>> = [];
  await Promise.all([...byContact.values()].map((group) => sendInOrder(group, options, records)));
  const recorded = await Promise.all(records);
  return recorded.filter(Boolean).length;
}

async function sendInOrder(
  group: ClaimedOutboxRow[],
  options: OutboxBatchOptions,
  records: Array<Promise<boolean>>,
): Promise<void> {
  const { db, cipher, log, leases } = options;
  const now = options.now ?? Date.now;
  const held = (row: ClaimedOutboxRow) => ({ id: row.id, owner: row.lease_owner });
  const recording = new Set<string>();
  /** At shutdown: this row and the contact's later ones go back to the queue, unsent. */
  const handBack = async (index: number) => {
    const unsent = group.slice(index).map(held);
    try {
      await releaseOutbox(db, unsent, "now");
      log("info", { count: unsent.length }, "stopping: handed unsent replies back to the queue");
    } catch (e) {
      log(
        "warn",
        { count: unsent.length, err: (e as Error).message },
        "stopping: could not hand replies back; they are sent when their lease runs out",
      );
    }
  };
  try {
    for (const [index, row] of group.entries()) {
      if (options.handingBack?.()) return await handBack(index);
      const rest = () => group.slice(index + 1).map(held);
      let channel = await options.channels.get(row.channel_id);
      if (channel && channel.status !== row.channel_status) {
        // The database's status at the claim is newer than the cached copy (a new token, a pause or a
        // resume): read the channel again.
        options.channels.forget(row.channel_id);
        channel = await options.channels.get(row.channel_id);
      }
      if (!channel) {
        await markOutboxFailed(db, held(row), null, "channel no longer exists");
        continue;
      }
      if (row.channel_status !== "active" || channel.status !== "active") {
        // Held until an admin pastes a new token or resumes the channel (which makes them due at
        // once); the messages wait, in order.
        await releaseOutbox(db, [held(row), ...rest()], new Date(now() + 60_000));
        return;
      }
      const payload =
        outboxPayloadMemo.take(row.payload_enc) ??
        (cipher.decryptJson(row.payload_enc, OUTBOX_PAYLOAD_PURPOSE) as GraphPayload);
      const lastInbound = row.contact_last_inbound_at?.getTime();
      if (
        isFreeForm(payload) &&
        (lastInbound === undefined || now() - lastInbound > CUSTOMER_SERVICE_WINDOW_MS)
      ) {
        await markOutboxFailed(db, held(row), null, WINDOW_CLOSED_ERROR);
        continue;
      }
      await options.limiter.take(channel.phoneNumberId);
      // The rate limiter may have held it until the stop came.
      if (options.handingBack?.()) return await handBack(index);
      if (!leases.holds(held(row)) && !(await leases.confirm([held(row)])).has(row.id)) {
        // The lease ran out (this process or the database was too slow to renew it) and another
        // sender may hold the message now: sending it here could send it twice.
        log("warn", { outboxId: row.id }, "lease lost: leaving the contact's messages to the queue");
        return;
      }
      const result = await clientFor(channel, options.graphCa).send(payload);
      if (result.ok) {
        // Recorded now, not after the batch; the lease stays renewed until the record is written.
        recording.add(row.id);
        const recorded = options.recorder
          .record({ id: row.id, waMessageId: result.waMessageId })
          .finally(() => {
            leases.release(held(row));
          });
        records.push(recorded);
        // The contact's next message waits for this record: a crash then repeats at most one message
        // per contact (the one in flight), and never a later one before an earlier one.
        if (index < group.length - 1 && !(await recorded)) return;
        continue;
      }
      const fields = {
        outboxId: row.id,
        channelId: channel.id,
        code: result.code,
        httpStatus: result.httpStatus,
      };
      if (result.disposition === "needs_token") {
        options.channels.forget(channel.id);
        // A token replaced while this request was on its way: try again with the new one at once.
        const marked = await markChannelNeedsToken(db, channel, result.message);
        if (marked) log("error", fields, "access token rejected (190): channel needs a new token");
        const at = new Date(now() + (marked ? 60_000 : 0));
        await markOutboxRetry(db, held(row), at, result.code, result.message);
        await releaseOutbox(db, rest(), at);
        return;
      }
      if (result.disposition === "retry" && row.attempts + 1 < options.maxAttempts) {
        const at = new Date(now() + backoffMs(row.attempts));
        log("warn", fields, "send failed, will retry");
        await markOutboxRetry(db, held(row), at, result.code, result.message);
        // Later messages of this contact wait behind this one so the customer reads them in order.
        await releaseOutbox(db, rest(), at);
        return;
      }
      log("warn", fields, "send failed permanently");
      await markOutboxFailed(db, held(row), result.code, result.message);
      await recordChannelError(db, channel.id, result.message);
    }
  } finally {
    // What is not waiting for its record is done with (or given back, or left to its lease).
    for (const row of group) if (!recording.has(row.id)) leases.release(held(row));
  }
}

// One Graph API client per cached channel object: a re-read channel (new token) gets a new one.
const clients = new WeakMap<RuntimeChannel, GraphClient>();
function clientFor(channel: RuntimeChannel, ca: string | undefined): GraphClient {
  let client = clients.get(channel);
  if (!client) {
    client = graphClient(ca ? { ...channel, ca } : channel);
    clients.set(channel, client);
  }
  return client;
}

/** 1 s, 2 s, 4 s … capped at 5 minutes, with jitter so a burst of failures does not retry in lockstep. */
export function backoffMs(attempts: number): number {
  const base = Math.min(300_000, 1000 * 2 ** attempts);
  return Math.round(base * (0.75 + Math.random() * 0.5));
}
