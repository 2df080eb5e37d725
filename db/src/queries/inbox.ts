import { type RawBuilder, sql } from "kysely";
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
  /** Sorted by identity by this function, so concurrent batches lock contacts in one order. */
  contacts: Array<{ identity: string; waId: string | null; userId: string | null; nameEnc: string | null }>;
  messages: NewInboxMessage[];
  statuses: OutboxStatusUpdate[];
  /** NOTIFY channel to wake other runtime processes when new messages were stored. */
  notifyChannel?: string;
}

/**
 * Everything one webhook POST stores, in ONE statement (data-modifying CTEs, atomic like a
 * transaction but one round trip): contacts upserted (their 24-hour window restarts), messages
 * inserted once per wamid, the channel's last_inbound_at bumped (at most once a second, so webhooks do
 * not queue on the channel row's lock), statuses moved forward. Returns how many messages were new.
 */
export async function storeWebhookBatch(db: Db, input: WebhookBatchInput): Promise<{ inserted: number }> {
  const ctes: RawBuilder<unknown>[] = [];
  const contacts = [...new Map(input.contacts.map((c) => [c.identity, c])).values()].sort((a, b) =>
    a.identity < b.identity ? -1 : 1,
  );
  if (contacts.length > 0) {
    const values = sql.join(
      contacts.map(
        (c) =>
          sql`(${input.workspaceId}::uuid, ${input.channelId}::uuid, ${c.identity}, ${c.waId}::text, ${c.userId}::text, ${c.nameEnc}::text, now())`,
      ),
    );
    ctes.push(sql`contact_rows as (
      insert into contacts (workspace_id, channel_id, identity, wa_id, user_id, name_enc, last_inbound_at)
      values ${values}
      on conflict (channel_id, identity) do update set last_inbound_at = now(),
        wa_id = coalesce(excluded.wa_id, contacts.wa_id), user_id = coalesce(excluded.user_id, contacts.user_id),
        name_enc = coalesce(excluded.name_enc, contacts.name_enc)
      returning 1)`);
    ctes.push(sql`channel_touch as (
      update channels set last_inbound_at = now()
      where id = ${input.channelId}::uuid and (last_inbound_at is null or last_inbound_at < now() - interval '1 second')
      returning 1)`);
  }
  if (input.messages.length > 0) {
    const values = sql.join(
      input.messages.map(
        (m) => sql`(${m.channelId}::uuid, ${m.waMessageId}, ${m.contactIdentity}, ${m.payloadEnc})`,
      ),
    );
    ctes.push(sql`inbox_rows as (
      insert into inbox (channel_id, wa_message_id, contact_identity, payload_enc) values ${values}
      on conflict (channel_id, wa_message_id) do nothing returning 1)`);
  }
  const statusCte = statusUpdateCte(input.channelId, input.statuses);
  if (statusCte) ctes.push(statusCte);
  if (ctes.length === 0) return { inserted: 0 };
  const inserted = input.messages.length > 0 ? sql`(select count(*) from inbox_rows)::int` : sql`0`;
  const notify =
    input.notifyChannel && input.messages.length > 0
      ? sql`, case when (select count(*) from inbox_rows) > 0 then pg_notify(${input.notifyChannel}, '')::text end as notified`
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
      ct.id as contact_id,
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
}

/**
 * Stores a processed batch in ONE statement: conversation states, transcript lines, outbox rows (in
 * the given order, so a contact's replies keep their order), inbox rows done or set aside. Run it in
 * the claiming transaction so that claim and effects commit together.
 */
export async function completeInboxBatch(tx: Db, batch: InboxBatchCompletion): Promise<void> {
  const ctes: RawBuilder<unknown>[] = [];
  if (batch.newConversations.length > 0) {
    const values = sql.join(
      batch.newConversations.map(
        (c) =>
          sql`(${c.id}::uuid, ${c.workspaceId}::uuid, ${c.channelId}::uuid, ${c.contactId}::uuid, ${c.flowVersionId}::uuid, ${c.stateEnc}, ${c.status}, now())`,
      ),
    );
    ctes.push(sql`new_conversations as (
      insert into conversations (id, workspace_id, channel_id, contact_id, flow_version_id, state_enc, status, updated_at)
      values ${values} returning 1)`);
  }
  if (batch.updatedConversations.length > 0) {
    const values = sql.join(
      batch.updatedConversations.map((c) => sql`(${c.id}::uuid, ${c.stateEnc}, ${c.status})`),
    );
    ctes.push(sql`updated_conversations as (
      update conversations c set state_enc = v.state_enc, status = v.status, updated_at = now()
      from (values ${values}) as v(id, state_enc, status) where c.id = v.id returning 1)`);
  }
  if (batch.transcript.length > 0) {
    const values = sql.join(
      batch.transcript.map(
        (t) => sql`(${t.conversationId}::uuid, ${t.direction}, ${t.blockId}::text, ${t.bodyEnc})`,
      ),
    );
    ctes.push(sql`transcript_rows as (
      insert into transcript (conversation_id, direction, block_id, body_enc) values ${values} returning 1)`);
  }
  if (batch.outbox.length > 0) {
    const values = sql.join(
      batch.outbox.map(
        (o) => sql`(${o.channelId}::uuid, ${o.conversationId}::uuid, ${o.contactId}::uuid, ${o.payloadEnc})`,
      ),
    );
    ctes.push(sql`outbox_rows as (
      insert into outbox (channel_id, conversation_id, contact_id, payload_enc) values ${values} returning 1)`);
  }
  if (batch.doneIds.length > 0) {
    ctes.push(sql`done_rows as (
      update inbox set status = 'done', processed_at = now(), attempts = attempts + 1
      where id in (${sql.join(batch.doneIds.map((id) => sql`${id}::bigint`))}) returning 1)`);
  }
  if (batch.failedIds.length > 0) {
    ctes.push(sql`failed_rows as (
      update inbox set status = 'failed', processed_at = now(), attempts = attempts + 1,
        last_error = 'could not be processed (see the runtime log)'
      where id in (${sql.join(batch.failedIds.map((id) => sql`${id}::bigint`))}) returning 1)`);
  }
  if (ctes.length === 0) return;
  const notify =
    batch.notifyChannel && batch.outbox.length > 0
      ? sql`pg_notify(${batch.notifyChannel}, '')::text`
      : sql`null`;
  await sql`with ${sql.join(ctes)} select ${notify} as notified`.execute(tx);
}
