import { type RawBuilder, sql } from "kysely";
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
  // One statement: the heads are locked by the CTE until it ends.
  const result = await withAsyncCommit(db, (tx) =>
    sql<ClaimedOutboxRow>`
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
      c.identity as contact_identity, c.last_inbound_at as contact_last_inbound_at`.execute(tx),
  );
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
  const values = sql.join(sent.map((s) => sql`(${s.id}::bigint, ${s.waMessageId}::text)`));
  // A status webhook may already have moved the row past "sent"; never move it back.
  await withAsyncCommit(db, (tx) =>
    sql`
      update outbox o set
        status = case when o.status = 'queued' then 'sent' else o.status end,
        wa_message_id = coalesce(o.wa_message_id, v.wamid),
        attempts = o.attempts + 1, sent_at = now(), error_code = null, last_error = null
      from (values ${values}) as v(id, wamid)
      where o.id = v.id`.execute(tx),
  );
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

/** The `status_rows` CTE behind applyOutboxStatuses, reusable inside a larger statement. */
/** Only the channel whose signed webhook carried the statuses may move its own messages. */
export function statusUpdateCte(
  channelId: string,
  updates: OutboxStatusUpdate[],
): RawBuilder<unknown> | null {
  if (updates.length === 0) return null;
  // Within one batch keep the highest status per wamid, so one statement touches each row once.
  const best = new Map<string, OutboxStatusUpdate>();
  for (const u of updates) {
    const seen = best.get(u.waMessageId);
    if (!seen || statusRank[u.status] > statusRank[seen.status]) best.set(u.waMessageId, u);
  }
  const values = sql.join(
    [...best.values()].map(
      (u) =>
        sql`(${u.waMessageId}::text, ${u.status}::text, ${statusRank[u.status]}::int, ${u.errorCode}::int, ${u.errorTitle}::text)`,
    ),
  );
  return sql`status_rows as (
    update outbox o set status = v.status, status_at = now(),
      error_code = coalesce(v.code, o.error_code),
      last_error = case when v.status = 'failed' then coalesce(v.title, 'failed (status webhook)') else o.last_error end
    from (values ${values}) as v(wamid, status, rank, code, title)
    where o.wa_message_id = v.wamid and o.channel_id = ${channelId}::uuid
      and v.rank > (case o.status when 'queued' then 0 when 'sent' then 1 when 'delivered' then 2 when 'read' then 3 else 4 end)
    returning 1)`;
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

/**
 * Runs the sender's bookkeeping without waiting for the WAL flush (about 3 ms per commit here). Safe
 * because losing such a commit in a database crash only means a message is sent again (the outbox is
 * at-least-once anyway): a lost lease makes the message claimable again, a lost "sent" mark makes it
 * come back after its lease. Inbox and conversation writes keep synchronous commits.
 */
async function withAsyncCommit<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (tx) => {
    await sql`set local synchronous_commit = off`.execute(tx);
    return work(tx);
  });
}
