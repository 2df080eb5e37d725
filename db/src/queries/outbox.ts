import { type RawBuilder, sql } from "kysely";
import { jsonRows } from "../json.ts";
import type { Db } from "../tables/database.ts";
import type { OutboxStatus } from "../tables/outbox.ts";

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
  contact_identity: string;
  contact_last_inbound_at: Date | null;
}

/**
 * Leases due messages for sending: `leaseMs` pushes next_attempt_at ahead so a crashed sender's
 * messages come back after the lease, while no HTTP call ever runs inside a transaction.
 * Per contact order holds across senders: only a contact's *earliest* queued message can be claimed
 * directly (a later one is blocked while an earlier one is queued, leased or backing off); the rest
 * of that contact's due messages come along in the same claim, to be sent one after another.
 */
export async function claimOutbox(db: Db, limit: number, leaseMs: number): Promise<ClaimedOutboxRow[]> {
  // One statement (one round trip, its own transaction): the heads are locked by the CTE until it ends.
  const result = await sql<ClaimedOutboxRow>`
    with heads as (
      select o.id, o.contact_id from outbox o
      where o.status = 'queued' and o.next_attempt_at <= now()
        and not exists (
          select 1 from outbox e where e.status = 'queued' and e.contact_id = o.contact_id and e.id < o.id
        )
      order by o.next_attempt_at, o.id
      limit ${limit}
      for update of o skip locked
    )
    update outbox o set next_attempt_at = now() + ${`${leaseMs} milliseconds`}::interval
    from contacts c
    where c.id = o.contact_id
      and (o.id in (select id from heads)
        or (o.contact_id in (select contact_id from heads) and o.status = 'queued' and o.next_attempt_at <= now()))
    returning o.id, o.channel_id, o.contact_id, o.payload_enc, o.attempts,
      c.identity as contact_identity, c.last_inbound_at as contact_last_inbound_at`.execute(db);
  return result.rows
    .map((r) => ({
      ...r,
      id: String(r.id),
      contact_last_inbound_at: r.contact_last_inbound_at ? new Date(r.contact_last_inbound_at) : null,
    }))
    .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
}

/** Graph API accepted the message: its wamid lets status webhooks find it. */
export async function markOutboxSent(
  db: Db,
  sent: Array<{ id: string; waMessageId: string | null }>,
): Promise<void> {
  if (sent.length === 0) return;
  const rows = jsonRows(
    sent.map((s) => ({ id: s.id, wamid: s.waMessageId })),
    { id: "bigint", wamid: "text" },
    "v",
  );
  // A status webhook may already have moved the row past "sent"; never move it back. Committed
  // durably (not asynchronously): a "sent" lost to a database crash would send the message again.
  await sql`
    update outbox o set
      status = case when o.status = 'queued' then 'sent' else o.status end,
      wa_message_id = coalesce(o.wa_message_id, v.wamid),
      attempts = o.attempts + 1, sent_at = now(), error_code = null, last_error = null
    from ${rows}
    where o.id = v.id`.execute(db);
}

/** A retryable failure: try again at `nextAttemptAt`. */
export async function markOutboxRetry(
  db: Db,
  id: string,
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
      last_error: error.slice(0, 500),
    })
    .where("id", "=", id)
    .where("status", "=", "queued")
    .execute();
}

/** Gives a message back to the queue untouched (rate limit, paused channel, an earlier message retrying). */
export async function releaseOutbox(db: Db, ids: string[], nextAttemptAt: Date): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable("outbox")
    .set({ next_attempt_at: nextAttemptAt })
    .where("id", "in", ids)
    .where("status", "=", "queued")
    .execute();
}

/** A permanent failure: no retry. */
export async function markOutboxFailed(
  db: Db,
  id: string,
  errorCode: number | null,
  error: string,
): Promise<void> {
  await db
    .updateTable("outbox")
    .set({
      status: "failed",
      attempts: sql<number>`attempts + 1`,
      error_code: errorCode,
      last_error: error.slice(0, 500),
      status_at: sql<Date>`now()`,
    })
    .where("id", "=", id)
    .where("status", "=", "queued")
    .execute();
}

const statusRank: Record<OutboxStatus, number> = { queued: 0, sent: 1, delivered: 2, read: 3, failed: 4 };

export interface OutboxStatusUpdate {
  waMessageId: string;
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
    const key = `${u.channelId}|${u.waMessageId}`;
    const seen = best.get(key);
    if (!seen || statusRank[u.status] > statusRank[seen.status]) best.set(key, u);
  }
  const rows = jsonRows(
    [...best.values()].map((u) => ({
      channel_id: u.channelId,
      wamid: u.waMessageId,
      status: u.status,
      rank: statusRank[u.status],
      code: u.errorCode,
      title: u.errorTitle,
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
