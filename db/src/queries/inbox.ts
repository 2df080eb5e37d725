import { sql } from "kysely";
import type { Db } from "../tables/database.ts";

export interface NewInboxMessage {
  channelId: string;
  waMessageId: string;
  contactIdentity: string;
  /** The parsed message, already encrypted by the caller. */
  payloadEnc: string;
}

/**
 * Stores customer messages once: Meta redelivers for days, so a wamid already stored for the channel
 * is a no-op. Returns how many were new.
 */
export async function insertInboxMessages(db: Db, messages: NewInboxMessage[]): Promise<number> {
  if (messages.length === 0) return 0;
  const rows = await db
    .insertInto("inbox")
    .values(
      messages.map((m) => ({
        channel_id: m.channelId,
        wa_message_id: m.waMessageId,
        contact_identity: m.contactIdentity,
        payload_enc: m.payloadEnc,
      })),
    )
    .onConflict((oc) => oc.columns(["channel_id", "wa_message_id"]).doNothing())
    .returning("id")
    .execute();
  return rows.length;
}

export interface ClaimedInboxRow {
  id: string;
  channel_id: string;
  wa_message_id: string;
  contact_identity: string;
  payload_enc: string;
  attempts: number;
}

/**
 * Locks up to `limit` pending messages, oldest first, at most one per contact: a row is eligible only
 * when no earlier pending row of the same contact exists. With the lock held until the caller's
 * transaction ends (FOR UPDATE SKIP LOCKED), a conversation is never processed by two workers or
 * processes at once and a contact's messages go in arrival order; other contacts proceed in parallel.
 * Must run inside a transaction.
 */
export async function claimPendingInbox(tx: Db, limit: number): Promise<ClaimedInboxRow[]> {
  const result = await sql<ClaimedInboxRow>`
    select i.id, i.channel_id, i.wa_message_id, i.contact_identity, i.payload_enc, i.attempts
    from inbox i
    where i.status = 'pending'
      and not exists (
        select 1 from inbox e
        where e.status = 'pending' and e.channel_id = i.channel_id
          and e.contact_identity = i.contact_identity and e.id < i.id
      )
    order by i.id
    limit ${limit}
    for update of i skip locked`.execute(tx);
  return result.rows.map((r) => ({ ...r, id: String(r.id) }));
}

/** Marks processed messages done (same transaction as their effects). */
export async function markInboxDone(tx: Db, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .updateTable("inbox")
    .set({ status: "done", processed_at: sql<Date>`now()`, attempts: sql<number>`attempts + 1` })
    .where("id", "in", ids)
    .execute();
}

/**
 * Counts a failed attempt; after `maxAttempts` the message is set aside as failed so that it cannot
 * block the contact's later messages forever.
 */
export async function recordInboxFailure(
  db: Db,
  ids: string[],
  error: string,
  maxAttempts: number,
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable("inbox")
    .set({
      attempts: sql<number>`attempts + 1`,
      last_error: error.slice(0, 500),
      status: sql<
        "pending" | "failed"
      >`case when attempts + 1 >= ${maxAttempts} then 'failed' else 'pending' end`,
    })
    .where("id", "in", ids)
    .where("status", "=", "pending")
    .execute();
}

/** Counts by status (health and tests). */
export async function inboxCounts(db: Db, channelId?: string) {
  let query = db
    .selectFrom("inbox")
    .select(["status", sql<number>`count(*)::int`.as("count")])
    .groupBy("status");
  if (channelId) query = query.where("channel_id", "=", channelId);
  const rows = await query.execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.count)])) as Partial<Record<string, number>>;
}

/** NOTIFY on a channel (delivered at commit): wakes runtime processes listening elsewhere. */
export async function notifyRuntime(db: Db, channel: string): Promise<void> {
  await sql`select pg_notify(${channel}, '')`.execute(db);
}
