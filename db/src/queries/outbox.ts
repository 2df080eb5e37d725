import { redactIdentifiers } from "@benteng/shared";
import { type RawBuilder, sql } from "kysely";
import type { Cipher } from "../crypto/cipher.ts";
import { jsonRows } from "../json.ts";
import type { ChannelStatus } from "../tables/channels.ts";
import type { Db } from "../tables/database.ts";
import type { OutboxStatus } from "../tables/outbox.ts";
import { renewLeases } from "./leases.ts";

export interface NewOutboxMessage {
  channelId: string;
  conversationId: string | null;
  contactId: string;
  /** The Graph API request body, already encrypted by the caller. */
  payloadEnc: string;
}

export interface ClaimedOutboxRow {
  id: string;
  channel_id: string;
  contact_id: string;
  payload_enc: string;
  attempts: number;
  contact_last_inbound_at: Date | null;
  /** The claim holding this message's lease (see claimOutbox). */
  lease_owner: string;
  /**
   * The channel's status when the message was claimed or stored (fresher than a sender's cached copy):
   * only an active channel sends; a paused one or one waiting for a new token keeps its messages.
   */
  channel_status: ChannelStatus;
}

/**
 * Leases due messages to `owner` for sending: next_attempt_at becomes the lease's deadline, so a dead
 * sender's messages come back when it passes, while no HTTP call ever runs inside a transaction (a
 * live sender renews the lease with renewOutboxLeases while it works).
 * Each row carries its channel's status as of the claim, so a sender holds back the messages of a
 * paused channel or one waiting for a new token even when its cached copy of the channel is older.
 * Per contact order holds across senders: only a contact's *earliest* queued message can be claimed
 * directly (a later one is blocked while an earlier one is queued, leased or backing off); the rest
 * of that contact's due messages come along in the same claim, to be sent one after another.
 */
export async function claimOutbox(
  db: Db,
  options: { limit: number; owner: string; leaseMs: number },
): Promise<ClaimedOutboxRow[]> {
  // One statement (one round trip, its own transaction): the heads are locked by the CTE until it ends.
  const result = await sql<ClaimedOutboxRow>`
    with heads as (
      select o.id, o.contact_id from outbox o
      where o.status = 'queued' and o.next_attempt_at <= now()
        and not exists (
          select 1 from outbox e where e.status = 'queued' and e.contact_id = o.contact_id and e.id < o.id
        )
      order by o.next_attempt_at, o.id
      limit ${options.limit}
      for update of o skip locked
    )
    update outbox o set next_attempt_at = now() + ${`${options.leaseMs} milliseconds`}::interval,
      lease_owner = ${options.owner}::uuid
    from contacts c, channels ch
    where c.id = o.contact_id and ch.id = o.channel_id
      and (o.id in (select id from heads)
        or (o.contact_id in (select contact_id from heads) and o.status = 'queued' and o.next_attempt_at <= now()))
    returning o.id, o.channel_id, o.contact_id, o.payload_enc, o.attempts,
      c.last_inbound_at as contact_last_inbound_at, o.lease_owner,
      ch.status as channel_status`.execute(db);
  return result.rows
    .map((r) => ({
      ...r,
      id: String(r.id),
      contact_last_inbound_at: r.contact_last_inbound_at ? new Date(r.contact_last_inbound_at) : null,
    }))
    .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
}

/**
 * Pushes the deadline of leases their owners still hold (the message waits for its send or for its
 * "sent" to be recorded); returns the ids renewed. A message another claim took over, or that left
 * the queue, is left alone.
 */
export function renewOutboxLeases(
  db: Db,
  leases: ReadonlyArray<{ id: string; owner: string }>,
  leaseMs: number,
): Promise<string[]> {
  return renewLeases(
    db,
    { table: "outbox", deadline: "next_attempt_at", leasedStatus: "queued" },
    leases,
    leaseMs,
  );
}

/**
 * The keyed blind index a WhatsApp message id (wamid) is stored and looked up by (inbox, outbox,
 * early_statuses): a wamid encodes the customer's phone number, so it is never stored itself. Nothing
 * reads a wamid back; status webhooks and duplicate deliveries find rows by this index.
 */
export function wamidIndex(cipher: Cipher, wamid: string): string {
  return cipher.blindIndex(wamid, "whatsapp.message_id");
}

/** Graph API accepted the messages: their wamids (as wamidIndex) let status webhooks find them. */
export async function markOutboxSent(
  db: Db,
  sent: ReadonlyArray<{ id: string; waMessageIndex: string | null }>,
): Promise<void> {
  if (sent.length === 0) return;
  const rows = jsonRows(
    sent.map((s) => ({ id: s.id, wamid: s.waMessageIndex })),
    { id: "bigint", wamid: "text" },
    "v",
  );
  // A status webhook may already have moved the row past "sent"; never move it back. Committed
  // durably (not asynchronously): a "sent" lost to a database crash would send the message again.
  // No lease check: the message went out, whoever holds it now must not send it again.
  await sql`
    update outbox o set
      status = case when o.status = 'queued' then 'sent' else o.status end,
      wa_message_id = coalesce(o.wa_message_id, v.wamid),
      attempts = o.attempts + 1, sent_at = now(), error_code = null, last_error = null, lease_owner = null
    from ${rows}
    where o.id = v.id`.execute(db);
}

/** A message this sender holds (claimed, or leased to it at insertion): its id and lease owner. */
export interface HeldOutboxRow {
  id: string;
  owner: string;
}

/** A retryable failure: try again at `nextAttemptAt`. Nothing changes if the lease was lost. */
export async function markOutboxRetry(
  db: Db,
  row: HeldOutboxRow,
  nextAttemptAt: Date,
  errorCode: number | null,
  error: string,
): Promise<void> {
  await db
    .updateTable("outbox")
    .set({
      attempts: sql<number>`attempts + 1`,
      next_attempt_at: nextAttemptAt,
      error_code: errorCode,
      last_error: storedError(error),
      lease_owner: null,
    })
    .where("id", "=", row.id)
    .where("lease_owner", "=", row.owner)
    .where("status", "=", "queued")
    .execute();
}

/** An error text as stored: cut short, phone numbers, e-mails and cards it quotes masked. */
export function storedError(error: string): string {
  return redactIdentifiers(error.slice(0, 500));
}

/**
 * Gives held messages back to the queue untouched (no attempt counted), due at `nextAttemptAt`
 * (paused channel, an earlier message retrying) or at once by the database's clock (`"now"`: the
 * sender stopping, so another process or the restart sends them right away).
 */
export async function releaseOutbox(
  db: Db,
  rows: readonly HeldOutboxRow[],
  nextAttemptAt: Date | "now",
): Promise<void> {
  if (rows.length === 0) return;
  const due = nextAttemptAt === "now" ? sql`now()` : sql`${nextAttemptAt}`;
  await sql`
    update outbox o set next_attempt_at = ${due}, lease_owner = null
    from ${jsonRows(
      rows.map((r) => ({ id: r.id, owner: r.owner })),
      { id: "bigint", owner: "uuid" },
      "v",
    )}
    where o.id = v.id and o.lease_owner = v.owner and o.status = 'queued'`.execute(db);
}

/** A permanent failure: no retry. Nothing changes if the lease was lost. */
export async function markOutboxFailed(
  db: Db,
  row: HeldOutboxRow,
  errorCode: number | null,
  error: string,
): Promise<void> {
  await db
    .updateTable("outbox")
    .set({
      status: "failed",
      attempts: sql<number>`attempts + 1`,
      error_code: errorCode,
      last_error: storedError(error),
      status_at: sql<Date>`now()`,
      lease_owner: null,
    })
    .where("id", "=", row.id)
    .where("lease_owner", "=", row.owner)
    .where("status", "=", "queued")
    .execute();
}

const statusRank: Record<OutboxStatus, number> = { queued: 0, sent: 1, delivered: 2, read: 3, failed: 4 };

export interface OutboxStatusUpdate {
  /** wamidIndex of the message's wamid. */
  waMessageIndex: string;
  status: "sent" | "delivered" | "read" | "failed";
  errorCode: number | null;
  errorTitle: string | null;
}

/**
 * The CTEs that record status webhooks, for use inside a larger statement: `status_rows` moves
 * messages forward (never back), `early_rows` keeps statuses whose wamid no message carries yet for
 * applyEarlyStatuses. Each update names the channel whose signed webhook carried it: a channel may
 * move only its own messages.
 */
export function statusUpdateCte(
  updates: Array<OutboxStatusUpdate & { channelId: string }>,
): RawBuilder<unknown> | null {
  if (updates.length === 0) return null;
  // Within one batch keep the highest status per message, so one statement touches each row once.
  const best = new Map<string, OutboxStatusUpdate & { channelId: string }>();
  for (const u of updates) {
    const key = `${u.channelId}|${u.waMessageIndex}`;
    const seen = best.get(key);
    if (!seen || statusRank[u.status] > statusRank[seen.status]) best.set(key, u);
  }
  const rows = jsonRows(
    [...best.values()].map((u) => ({
      channel_id: u.channelId,
      wamid: u.waMessageIndex,
      status: u.status,
      rank: statusRank[u.status],
      code: u.errorCode,
      title: u.errorTitle == null ? u.errorTitle : storedError(u.errorTitle),
    })),
    { channel_id: "uuid", wamid: "text", status: "text", rank: "int", code: "int", title: "text" },
    "v",
  );
  return sql`status_input as (select v.channel_id, v.wamid, v.status, v.rank, v.code, v.title from ${rows}),
  status_rows as (
    update outbox o set status = v.status, status_at = now(),
      error_code = coalesce(v.code, o.error_code),
      last_error = case when v.status = 'failed' then coalesce(v.title, 'failed (status webhook)') else o.last_error end
    from status_input v
    where o.wa_message_id = v.wamid and o.channel_id = v.channel_id and v.rank > ${rankOf(sql.ref("o.status"))}
    returning 1),
  early_rows as (
    insert into early_statuses (channel_id, wa_message_id, status, rank, error_code, error_title)
    select v.channel_id, v.wamid, v.status, v.rank, v.code, v.title from status_input v
    where not exists (select 1 from outbox o where o.wa_message_id = v.wamid and o.channel_id = v.channel_id)
    on conflict (channel_id, wa_message_id) do update set status = excluded.status, rank = excluded.rank,
      error_code = coalesce(excluded.error_code, early_statuses.error_code),
      error_title = coalesce(excluded.error_title, early_statuses.error_title)
    where excluded.rank > early_statuses.rank
    returning 1)`;
}

/**
 * Applies statuses that arrived before their message's wamid was recorded (and forgets them), and
 * drops those older than `expireAfterMs` whose wamid never appeared. Returns how many were applied.
 */
export async function applyEarlyStatuses(db: Db, expireAfterMs = 7 * 24 * 60 * 60 * 1000): Promise<number> {
  const result = await sql<{ applied: number }>`
    with matched as (
      delete from early_statuses e using outbox o
      where o.wa_message_id = e.wa_message_id and o.channel_id = e.channel_id
      returning o.id as outbox_id, e.status, e.rank, e.error_code, e.error_title
    ),
    expired as (
      delete from early_statuses
      where received_at < now() - ${`${expireAfterMs} milliseconds`}::interval
      returning 1
    ),
    applied as (
      update outbox o set status = m.status, status_at = now(),
        error_code = coalesce(m.error_code, o.error_code),
        last_error = case when m.status = 'failed' then coalesce(m.error_title, 'failed (status webhook)') else o.last_error end
      from matched m
      where o.id = m.outbox_id and m.rank > ${rankOf(sql.ref("o.status"))}
      returning 1
    )
    select (select count(*) from applied)::int as applied, (select count(*) from expired)::int as expired`.execute(
    db,
  );
  return Number(result.rows[0]?.applied ?? 0);
}

/** A message status's rank in SQL (see statusRank). */
function rankOf(status: RawBuilder<unknown> | ReturnType<typeof sql.ref>) {
  return sql`(case ${status} when 'queued' then 0 when 'sent' then 1 when 'delivered' then 2 when 'read' then 3 else 4 end)`;
}

/** Counts by status (health and tests). */
export async function outboxCounts(db: Db, channelId?: string) {
  let query = db
    .selectFrom("outbox")
    .select(["status", sql<number>`count(*)::int`.as("count")])
    .groupBy("status");
  if (channelId) query = query.where("channel_id", "=", channelId);
  const rows = await query.execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.count)])) as Partial<
    Record<OutboxStatus, number>
  >;
}
