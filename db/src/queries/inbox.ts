import { type RawBuilder, sql } from "kysely";
import { jsonRows } from "../json.ts";
import type { ConversationStatus } from "../tables/conversations.ts";
import type { Db } from "../tables/database.ts";
import { type NewOutboxMessage, type OutboxStatusUpdate, statusUpdateCte } from "./outbox.ts";

export interface NewInboxMessage {
  channelId: string;
  waMessageId: string;
  contactIdentity: string;
  /** The parsed message, already encrypted by the caller. */
  payloadEnc: string;
}

export interface WebhookBatchInput {
  workspaceId: string;
  channelId: string;
  contacts: Array<{ identity: string; waId: string | null; userId: string | null; nameEnc: string | null }>;
  messages: NewInboxMessage[];
  statuses: OutboxStatusUpdate[];
}

/**
 * Everything several webhook POSTs store (of any channels), in ONE statement: data-modifying CTEs,
 * atomic like a transaction but one round trip and one commit. Contacts are upserted (their 24-hour
 * window restarts), messages inserted once per wamid in the order given (so ids follow arrival), the
 * channels' last_inbound_at bumped (at most once a second, so webhooks do not queue on a channel row's
 * lock), statuses moved forward. `notifyChannel` wakes runtime processes elsewhere when messages were
 * new. Returns how many messages were new.
 */
export async function storeWebhookBatches(
  db: Db,
  inputs: WebhookBatchInput[],
  options: { notifyChannel?: string } = {},
): Promise<{ inserted: number }> {
  const ctes: RawBuilder<unknown>[] = [];
  // One row per contact, the newest details winning; sorted so concurrent statements lock contacts
  // in one order (and ON CONFLICT DO UPDATE may touch a row only once per statement).
  const contacts = new Map<
    string,
    WebhookBatchInput["contacts"][number] & { workspaceId: string; channelId: string }
  >();
  for (const input of inputs) {
    for (const c of input.contacts) {
      const key = `${input.channelId}|${c.identity}`;
      const seen = contacts.get(key);
      contacts.set(key, {
        workspaceId: input.workspaceId,
        channelId: input.channelId,
        identity: c.identity,
        waId: c.waId ?? seen?.waId ?? null,
        userId: c.userId ?? seen?.userId ?? null,
        nameEnc: c.nameEnc ?? seen?.nameEnc ?? null,
      });
    }
  }
  const contactRows = [...contacts.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, c]) => c);
  if (contactRows.length > 0) {
    const rows = jsonRows(
      contactRows.map((c) => ({
        workspace_id: c.workspaceId,
        channel_id: c.channelId,
        identity: c.identity,
        wa_id: c.waId,
        user_id: c.userId,
        name_enc: c.nameEnc,
      })),
      {
        workspace_id: "uuid",
        channel_id: "uuid",
        identity: "text",
        wa_id: "text",
        user_id: "text",
        name_enc: "text",
      },
      "v",
    );
    ctes.push(sql`contact_rows as (
      insert into contacts (workspace_id, channel_id, identity, wa_id, user_id, name_enc, last_inbound_at)
      select v.workspace_id, v.channel_id, v.identity, v.wa_id, v.user_id, v.name_enc, now() from ${rows} order by v.ord
      on conflict (channel_id, identity) do update set last_inbound_at = now(),
        wa_id = coalesce(excluded.wa_id, contacts.wa_id), user_id = coalesce(excluded.user_id, contacts.user_id),
        name_enc = coalesce(excluded.name_enc, contacts.name_enc)
      returning 1)`);
    const channelIds = [...new Set(contactRows.map((c) => c.channelId))].sort();
    ctes.push(sql`channel_touch as (
      update channels set last_inbound_at = now()
      where id in (select v.id from ${jsonRows(
        channelIds.map((id) => ({ id })),
        { id: "uuid" },
        "v",
      )})
        and (last_inbound_at is null or last_inbound_at < now() - interval '1 second')
      returning 1)`);
  }
  const messages = inputs.flatMap((input) => input.messages);
  if (messages.length > 0) {
    const rows = jsonRows(
      messages.map((m) => ({
        channel_id: m.channelId,
        wa_message_id: m.waMessageId,
        contact_identity: m.contactIdentity,
        payload_enc: m.payloadEnc,
      })),
      { channel_id: "uuid", wa_message_id: "text", contact_identity: "text", payload_enc: "text" },
      "v",
    );
    ctes.push(sql`inbox_rows as (
      insert into inbox (channel_id, wa_message_id, contact_identity, payload_enc)
      select v.channel_id, v.wa_message_id, v.contact_identity, v.payload_enc from ${rows} order by v.ord
      on conflict (channel_id, wa_message_id) do nothing returning 1)`);
  }
  const statusCte = statusUpdateCte(
    inputs.flatMap((input) => input.statuses.map((s) => ({ ...s, channelId: input.channelId }))),
  );
  if (statusCte) ctes.push(statusCte);
  if (ctes.length === 0) return { inserted: 0 };
  const inserted = messages.length > 0 ? sql`(select count(*) from inbox_rows)::int` : sql`0`;
  const notify =
    options.notifyChannel && messages.length > 0
      ? sql`, case when (select count(*) from inbox_rows) > 0 then pg_notify(${options.notifyChannel}, '')::text end as notified`
      : sql``;
  const result = await sql<{
    inserted: number;
  }>`with ${sql.join(ctes)} select ${inserted} as inserted ${notify}`.execute(db);
  return { inserted: Number(result.rows[0]?.inserted ?? 0) };
}

export interface ClaimedInboxMessage {
  id: string;
  channel_id: string;
  contact_identity: string;
  payload_enc: string;
  workspace_id: string;
  /** The channel's flow's live version (null: no flow or nothing published). */
  published_version_id: string | null;
  contact_id: string | null;
  contact_last_inbound_at: Date | null;
  /** The contact's latest conversation, if any. */
  conversation_id: string | null;
  conversation_flow_version_id: string | null;
  conversation_state_enc: string | null;
  conversation_status: "active" | "ended" | "handoff" | null;
  conversation_updated_at: Date | null;
}

/**
 * claimPendingInbox plus everything needed to run the engine, in one round trip: the channel's live
 * flow version, the contact, and the contact's latest conversation. Same locking and ordering rules.
 * Must run inside a transaction.
 */
export async function claimInboxWithContext(tx: Db, limit: number): Promise<ClaimedInboxMessage[]> {
  const result = await sql<ClaimedInboxMessage>`
    select i.id, i.channel_id, i.contact_identity, i.payload_enc,
      ch.workspace_id, f.published_version_id,
      ct.id as contact_id, ct.last_inbound_at as contact_last_inbound_at,
      cv.id as conversation_id, cv.flow_version_id as conversation_flow_version_id,
      cv.state_enc as conversation_state_enc, cv.status as conversation_status,
      cv.updated_at as conversation_updated_at
    from inbox i
    join channels ch on ch.id = i.channel_id
    left join flows f on f.id = ch.flow_id and f.deleted_at is null
    left join contacts ct on ct.channel_id = i.channel_id and ct.identity = i.contact_identity
    left join lateral (
      select id, flow_version_id, state_enc, status, updated_at from conversations
      where contact_id = ct.id order by updated_at desc, created_at desc limit 1
    ) cv on true
    where i.status = 'pending'
      and not exists (
        select 1 from inbox e
        where e.status = 'pending' and e.channel_id = i.channel_id
          and e.contact_identity = i.contact_identity and e.id < i.id
      )
    order by i.id
    limit ${limit}
    for update of i skip locked`.execute(tx);
  return result.rows.map((r) => ({
    ...r,
    id: String(r.id),
    conversation_updated_at: r.conversation_updated_at ? new Date(r.conversation_updated_at) : null,
    contact_last_inbound_at: r.contact_last_inbound_at ? new Date(r.contact_last_inbound_at) : null,
  }));
}

export interface InboxBatchCompletion {
  newConversations: Array<{
    id: string;
    workspaceId: string;
    channelId: string;
    contactId: string;
    flowVersionId: string;
    stateEnc: string;
    status: ConversationStatus;
  }>;
  updatedConversations: Array<{ id: string; stateEnc: string; status: ConversationStatus }>;
  transcript: Array<{
    conversationId: string;
    direction: "in" | "out";
    blockId: string | null;
    bodyEnc: string;
  }>;
  outbox: NewOutboxMessage[];
  doneIds: string[];
  failedIds: string[];
  notifyChannel?: string;
  /**
   * Replies are inserted leased for this long to the worker that made them (which sends them right
   * after commit, without a claim) unless an earlier message to the contact is still queued: then
   * they queue behind it for the sender. Unset: every reply queues for the sender.
   */
  outboxLeaseMs?: number;
}

/**
 * Stores a processed batch in ONE statement: conversation states, transcript lines, outbox rows (in
 * the given order, so a contact's replies keep their order), inbox rows done or set aside. Run it in
 * the claiming transaction so that claim and effects commit together.
 */
export async function completeInboxBatch(
  tx: Db,
  batch: InboxBatchCompletion,
): Promise<Array<{ id: string; leased: boolean }>> {
  const ctes: RawBuilder<unknown>[] = [];
  if (batch.newConversations.length > 0) {
    const rows = jsonRows(
      batch.newConversations.map((c) => ({
        id: c.id,
        workspace_id: c.workspaceId,
        channel_id: c.channelId,
        contact_id: c.contactId,
        flow_version_id: c.flowVersionId,
        state_enc: c.stateEnc,
        status: c.status,
      })),
      {
        id: "uuid",
        workspace_id: "uuid",
        channel_id: "uuid",
        contact_id: "uuid",
        flow_version_id: "uuid",
        state_enc: "text",
        status: "text",
      },
      "v",
    );
    ctes.push(sql`new_conversations as (
      insert into conversations (id, workspace_id, channel_id, contact_id, flow_version_id, state_enc, status, updated_at)
      select v.id, v.workspace_id, v.channel_id, v.contact_id, v.flow_version_id, v.state_enc, v.status, now()
      from ${rows} order by v.ord returning 1)`);
  }
  if (batch.updatedConversations.length > 0) {
    const rows = jsonRows(
      batch.updatedConversations.map((c) => ({ id: c.id, state_enc: c.stateEnc, status: c.status })),
      { id: "uuid", state_enc: "text", status: "text" },
      "v",
    );
    ctes.push(sql`updated_conversations as (
      update conversations c set state_enc = v.state_enc, status = v.status, updated_at = now()
      from ${rows} where c.id = v.id returning 1)`);
  }
  if (batch.transcript.length > 0) {
    const rows = jsonRows(
      batch.transcript.map((t) => ({
        conversation_id: t.conversationId,
        direction: t.direction,
        block_id: t.blockId,
        body_enc: t.bodyEnc,
      })),
      { conversation_id: "uuid", direction: "text", block_id: "text", body_enc: "text" },
      "v",
    );
    ctes.push(sql`transcript_rows as (
      insert into transcript (conversation_id, direction, block_id, body_enc)
      select v.conversation_id, v.direction, v.block_id, v.body_enc from ${rows} order by v.ord returning 1)`);
  }
  if (batch.outbox.length > 0) {
    const rows = jsonRows(
      batch.outbox.map((o) => ({
        channel_id: o.channelId,
        conversation_id: o.conversationId,
        contact_id: o.contactId,
        payload_enc: o.payloadEnc,
      })),
      { channel_id: "uuid", conversation_id: "uuid", contact_id: "uuid", payload_enc: "text" },
      "v",
    );
    const nextAttempt = batch.outboxLeaseMs
      ? sql`case when exists (select 1 from outbox e where e.contact_id = v.contact_id and e.status = 'queued')
          then now() else now() + ${`${batch.outboxLeaseMs} milliseconds`}::interval end`
      : sql`now()`;
    ctes.push(sql`outbox_rows as (
      insert into outbox (channel_id, conversation_id, contact_id, payload_enc, next_attempt_at)
      select v.channel_id, v.conversation_id, v.contact_id, v.payload_enc, ${nextAttempt} from ${rows} order by v.ord
      returning id, next_attempt_at > now() as leased)`);
  }
  const ids = (list: string[]) =>
    jsonRows(
      list.map((id) => ({ id })),
      { id: "bigint" },
      "v",
    );
  if (batch.doneIds.length > 0) {
    ctes.push(sql`done_rows as (
      update inbox set status = 'done', processed_at = now(), attempts = attempts + 1
      where id in (select v.id from ${ids(batch.doneIds)}) returning 1)`);
  }
  if (batch.failedIds.length > 0) {
    ctes.push(sql`failed_rows as (
      update inbox set status = 'failed', processed_at = now(), attempts = attempts + 1,
        last_error = 'could not be processed (see the runtime log)'
      where id in (select v.id from ${ids(batch.failedIds)}) returning 1)`);
  }
  if (ctes.length === 0) return [];
  const notify =
    batch.notifyChannel && batch.outbox.length > 0
      ? sql`(select pg_notify(${batch.notifyChannel}, ''))::text`
      : sql`null`;
  if (batch.outbox.length === 0) {
    await sql`with ${sql.join(ctes)} select ${notify} as notified`.execute(tx);
    return [];
  }
  // The stored outbox rows in the order of batch.outbox (ids follow the insertion order).
  const result = await sql<{ id: string; leased: boolean }>`
    with ${sql.join(ctes)} select id, leased, ${notify} as notified from outbox_rows order by id`.execute(tx);
  return result.rows.map((r) => ({ id: String(r.id), leased: r.leased }));
}
