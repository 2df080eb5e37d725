import { type RawBuilder, sql } from "kysely";
import { jsonRows } from "../json.ts";
import type { ConversationStatus } from "../tables/conversations.ts";
import type { Db } from "../tables/database.ts";
import type { NewTraceRow } from "./conversationTrace.ts";
import { renewLeases } from "./leases.ts";
import { type NewOutboxMessage, type OutboxStatusUpdate, statusUpdateCte } from "./outbox.ts";

export interface NewInboxMessage {
  channelId: string;
  /** The wamid's blind index (wamidIndex): the wamid itself encodes the phone number. */
  waMessageIndex: string;
  /** The contact's blind index (contactIndex). */
  contactIndex: string;
  /** The parsed message, already encrypted by the caller. */
  payloadEnc: string;
}

export interface WebhookBatchInput {
  workspaceId: string;
  channelId: string;
  /**
   * The senders, by blind index; ids and name already encrypted by the caller (null: unchanged, the
   * stored value is kept).
   */
  contacts: Array<{
    identityIndex: string;
    waIdEnc: string | null;
    userIdEnc: string | null;
    nameEnc: string | null;
  }>;
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
      const key = `${input.channelId}|${c.identityIndex}`;
      const seen = contacts.get(key);
      contacts.set(key, {
        workspaceId: input.workspaceId,
        channelId: input.channelId,
        identityIndex: c.identityIndex,
        waIdEnc: c.waIdEnc ?? seen?.waIdEnc ?? null,
        userIdEnc: c.userIdEnc ?? seen?.userIdEnc ?? null,
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
        identity_index: c.identityIndex,
        wa_id_enc: c.waIdEnc,
        user_id_enc: c.userIdEnc,
        name_enc: c.nameEnc,
      })),
      {
        workspace_id: "uuid",
        channel_id: "uuid",
        identity_index: "text",
        wa_id_enc: "text",
        user_id_enc: "text",
        name_enc: "text",
      },
      "v",
    );
    ctes.push(sql`contact_rows as (
      insert into contacts (workspace_id, channel_id, identity_index, wa_id_enc, user_id_enc, name_enc, last_inbound_at)
      select v.workspace_id, v.channel_id, v.identity_index, v.wa_id_enc, v.user_id_enc, v.name_enc, now() from ${rows} order by v.ord
      on conflict (channel_id, identity_index) do update set last_inbound_at = now(),
        wa_id_enc = coalesce(excluded.wa_id_enc, contacts.wa_id_enc),
        user_id_enc = coalesce(excluded.user_id_enc, contacts.user_id_enc),
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
        wa_message_id: m.waMessageIndex,
        contact_index: m.contactIndex,
        payload_enc: m.payloadEnc,
      })),
      { channel_id: "uuid", wa_message_id: "text", contact_index: "text", payload_enc: "text" },
      "v",
    );
    ctes.push(sql`inbox_rows as (
      insert into inbox (channel_id, wa_message_id, contact_index, payload_enc)
      select v.channel_id, v.wa_message_id, v.contact_index, v.payload_enc from ${rows} order by v.ord
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
  /** The contact's blind index; who to answer is in the (encrypted) payload. */
  contact_index: string;
  payload_enc: string;
  /** How many times the message was claimed, this claim included. */
  attempts: number;
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
 * A condition (always true) that makes the statement's own transaction commit without waiting for
 * its WAL flush (`synchronous_commit = off`, for this transaction only). For claims: they only write
 * leases, and a claim lost in a database crash leaves the message claimable again, exactly as when
 * its lease runs out. Whatever the claimer stores next (an outcome, a "sent") is a synchronous commit,
 * which flushes the WAL up to and including the claim, and is guarded by the claim's lease, so it is
 * never stored on top of a claim the database forgot. One WAL flush (1–5 ms here) less per message
 * on the path from webhook to reply. Must not be used inside a longer transaction.
 */
export const asyncCommit = sql`(select set_config('synchronous_commit', 'off', true)) = 'off'`;

/**
 * Leases up to `limit` pending messages to `owner` for `leaseMs`, oldest first, and returns them with
 * everything needed to run the engine (the channel's live flow version, the contact, the contact's
 * latest conversation). ONE short statement, its own transaction: nothing is held while the caller
 * steps the conversations. Only a contact's earliest pending message can be claimed, and not while
 * another claim's lease on it runs, so a contact has at most one message in flight, its messages are
 * stepped in arrival order and a conversation never by two workers at once. A message whose lease
 * ran out (its worker died or lost the database) is claimed again.
 *
 * Its commit does not wait for the WAL flush (see asyncCommit): a claim lost in a database crash is
 * the same as a lease that ran out. Call it outside a transaction.
 */
export async function claimInbox(
  db: Db,
  options: { limit: number; owner: string; leaseMs: number },
): Promise<ClaimedInboxMessage[]> {
  const result = await sql<ClaimedInboxMessage>`
    with heads as (
      select i.id from inbox i
      where i.status = 'pending' and (i.lease_until is null or i.lease_until < now())
        and ${asyncCommit}
        and not exists (
          select 1 from inbox e
          where e.status = 'pending' and e.channel_id = i.channel_id
            and e.contact_index = i.contact_index and e.id < i.id
        )
      order by i.id
      limit ${options.limit}
      for update of i skip locked
    ),
    claimed as (
      update inbox i set lease_owner = ${options.owner}::uuid,
        lease_until = now() + ${`${options.leaseMs} milliseconds`}::interval, attempts = i.attempts + 1
      from heads where i.id = heads.id
      returning i.id, i.channel_id, i.contact_index, i.payload_enc, i.attempts
    )
    select c.id, c.channel_id, c.contact_index, c.payload_enc, c.attempts,
      ch.workspace_id, f.published_version_id,
      ct.id as contact_id, ct.last_inbound_at as contact_last_inbound_at,
      cv.id as conversation_id, cv.flow_version_id as conversation_flow_version_id,
      cv.state_enc as conversation_state_enc, cv.status as conversation_status,
      cv.updated_at as conversation_updated_at
    from claimed c
    join channels ch on ch.id = c.channel_id
    left join flows f on f.id = ch.flow_id and f.deleted_at is null
    left join contacts ct on ct.channel_id = c.channel_id and ct.identity_index = c.contact_index
    left join lateral (
      select id, flow_version_id, state_enc, status, updated_at from conversations
      where contact_id = ct.id order by updated_at desc, created_at desc limit 1
    ) cv on true
    order by c.id`.execute(db);
  return result.rows.map((r) => ({
    ...r,
    id: String(r.id),
    attempts: Number(r.attempts),
    conversation_updated_at: r.conversation_updated_at ? new Date(r.conversation_updated_at) : null,
    contact_last_inbound_at: r.contact_last_inbound_at ? new Date(r.contact_last_inbound_at) : null,
  }));
}

/**
 * Pushes the deadline of leases their owners still hold (a step is still running); returns the ids
 * renewed. A lease that another claim took over, or whose message was committed, is left alone.
 */
export function renewInboxLeases(
  db: Db,
  leases: ReadonlyArray<{ id: string; owner: string }>,
  leaseMs: number,
): Promise<string[]> {
  return renewLeases(
    db,
    { table: "inbox", deadline: "lease_until", leasedStatus: "pending" },
    leases,
    leaseMs,
  );
}

/**
 * Hands claimed messages back to the queue (a process shutting down before it processed them): the
 * lease ends now, so any process's next claim takes them, and the claim is not counted as an attempt.
 * Returns the ids handed back (a lease already lost or a message already stored is left alone).
 */
export async function releaseInboxLeases(
  db: Db,
  leases: ReadonlyArray<{ id: string; owner: string }>,
): Promise<string[]> {
  if (leases.length === 0) return [];
  const result = await sql<{ id: string }>`
    update inbox i set lease_owner = null, lease_until = null, attempts = greatest(i.attempts - 1, 0)
    from ${jsonRows(leases, { id: "bigint", owner: "uuid" }, "v")}
    where i.id = v.id and i.lease_owner = v.owner and i.status = 'pending'
    returning i.id`.execute(db);
  return result.rows.map((r) => String(r.id));
}

/** What stepping one claimed message changes; committed only while its claim still holds the lease. */
export interface InboxOutcome {
  inboxId: string;
  /** The lease owner the message was claimed with. */
  owner: string;
  /** done, or failed: set aside (unreadable, no contact, the engine failed) with nothing else stored. */
  status: "done" | "failed";
  newConversation: {
    id: string;
    workspaceId: string;
    channelId: string;
    contactId: string;
    flowVersionId: string;
    stateEnc: string;
    status: ConversationStatus;
  } | null;
  updatedConversations: Array<{ id: string; stateEnc: string; status: ConversationStatus }>;
  transcript: Array<{
    conversationId: string;
    direction: "in" | "out";
    blockId: string | null;
    bodyEnc: string;
  }>;
  /** The step's trace entries, in order (stored in the same statement as the rest). */
  trace: NewTraceRow[];
  outbox: NewOutboxMessage[];
}

export interface InboxCommitOptions {
  notifyChannel?: string;
  /** NOTIFY channel told when a committed outcome changed a conversation waiting for a person. */
  notifyConversationsChannel?: string;
  /**
   * Replies are inserted leased to `owner` for `ms` (the committing process sends them right after
   * the commit, without a claim) unless an earlier message to the contact is still queued: then they
   * queue behind it for the sender. Unset: every reply queues for the sender.
   */
  outboxLease?: { owner: string; ms: number };
}

export interface InboxCommitResult {
  /** Inbox ids whose outcome was stored; the others had lost their lease and changed nothing. */
  committed: Set<string>;
  /** The stored outbox rows, in the order of the committed outcomes' `outbox` entries. */
  outbox: Array<{ id: string; leased: boolean }>;
}

/**
 * Stores the outcomes of stepped messages in ONE statement (data-modifying CTEs: atomic, one round
 * trip, one commit): each message's conversation state, transcript lines, trace entries and outbox rows (in the given
 * order, so a contact's replies keep their order), and the inbox row done or set aside. Every part of
 * an outcome is guarded by its inbox row's lease: an outcome whose lease another claim took over (its
 * worker was presumed dead) is dropped whole, so a message's effects are stored exactly once. Running
 * it again after an unknown result (a lost connection) is harmless: what was stored is not stored twice.
 */
export async function commitInboxOutcomes(
  db: Db,
  outcomes: readonly InboxOutcome[],
  options: InboxCommitOptions = {},
): Promise<InboxCommitResult> {
  if (outcomes.length === 0) return { committed: new Set(), outbox: [] };
  const ctes: RawBuilder<unknown>[] = [];
  ctes.push(sql`owned as (
    update inbox i set status = v.status, processed_at = now(), lease_owner = null, lease_until = null,
      last_error = case when v.status = 'failed' then 'could not be processed (see the runtime log)' else i.last_error end
    from ${jsonRows(
      outcomes.map((o) => ({ id: o.inboxId, owner: o.owner, status: o.status })),
      { id: "bigint", owner: "uuid", status: "text" },
      "v",
    )}
    where i.id = v.id and i.lease_owner = v.owner and i.status = 'pending'
    returning i.id)`);
  const ours = sql`v.inbox_id in (select id from owned)`;
  const created = outcomes.flatMap((o) =>
    o.newConversation
      ? [
          {
            inbox_id: o.inboxId,
            id: o.newConversation.id,
            workspace_id: o.newConversation.workspaceId,
            channel_id: o.newConversation.channelId,
            contact_id: o.newConversation.contactId,
            flow_version_id: o.newConversation.flowVersionId,
            state_enc: o.newConversation.stateEnc,
            status: o.newConversation.status,
          },
        ]
      : [],
  );
  if (created.length > 0) {
    const rows = jsonRows(
      created,
      {
        inbox_id: "bigint",
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
      insert into conversations (id, workspace_id, channel_id, contact_id, flow_version_id, state_enc, status, updated_at, handoff_at)
      select v.id, v.workspace_id, v.channel_id, v.contact_id, v.flow_version_id, v.state_enc, v.status, now(),
        case when v.status = 'handoff' then now() end
      from ${rows} where ${ours} order by v.ord returning 1)`);
  }
  const updated = outcomes.flatMap((o) =>
    o.updatedConversations.map((c) => ({
      inbox_id: o.inboxId,
      id: c.id,
      state_enc: c.stateEnc,
      status: c.status,
    })),
  );
  if (updated.length > 0) {
    const rows = jsonRows(
      updated,
      { inbox_id: "bigint", id: "uuid", state_enc: "text", status: "text" },
      "v",
    );
    ctes.push(sql`updated_conversations as (
      update conversations c set state_enc = v.state_enc, status = v.status, updated_at = now(),
        handoff_at = case when v.status = 'handoff' then coalesce(c.handoff_at, now()) end,
        claimed_by = case when v.status = 'handoff' then c.claimed_by end,
        claimed_at = case when v.status = 'handoff' then c.claimed_at end
      from ${rows} where c.id = v.id and ${ours} returning 1)`);
  }
  const lines = outcomes.flatMap((o) =>
    o.transcript.map((t) => ({
      inbox_id: o.inboxId,
      conversation_id: t.conversationId,
      direction: t.direction,
      block_id: t.blockId,
      body_enc: t.bodyEnc,
    })),
  );
  if (lines.length > 0) {
    const rows = jsonRows(
      lines,
      { inbox_id: "bigint", conversation_id: "uuid", direction: "text", block_id: "text", body_enc: "text" },
      "v",
    );
    ctes.push(sql`transcript_rows as (
      insert into transcript (conversation_id, direction, block_id, body_enc)
      select v.conversation_id, v.direction, v.block_id, v.body_enc from ${rows} where ${ours} order by v.ord
      returning 1)`);
  }
  const steps = outcomes.flatMap((o) =>
    o.trace.map((t) => ({
      inbox_id: o.inboxId,
      conversation_id: t.conversationId,
      block_id: t.blockId,
      block_type: t.blockType,
      action: t.action,
      outcome: t.outcome,
      output: t.output,
      error_kind: t.errorKind,
      sent: t.sent,
      guard_blocked: t.guardBlocked,
      detail_enc: t.detailEnc,
    })),
  );
  if (steps.length > 0) {
    const rows = jsonRows(
      steps,
      {
        inbox_id: "bigint",
        conversation_id: "uuid",
        block_id: "text",
        block_type: "text",
        action: "text",
        outcome: "text",
        output: "text",
        error_kind: "text",
        sent: "integer",
        guard_blocked: "boolean",
        detail_enc: "text",
      },
      "v",
    );
    ctes.push(sql`trace_rows as (
      insert into conversation_trace (conversation_id, block_id, block_type, action, outcome, output,
        error_kind, sent, guard_blocked, detail_enc)
      select v.conversation_id, v.block_id, v.block_type, v.action, v.outcome, v.output, v.error_kind,
        v.sent, v.guard_blocked, v.detail_enc
      from ${rows} where ${ours} order by v.ord
      returning 1)`);
  }
  const replies = outcomes.flatMap((o) =>
    o.outbox.map((m) => ({
      inbox_id: o.inboxId,
      channel_id: m.channelId,
      conversation_id: m.conversationId,
      contact_id: m.contactId,
      payload_enc: m.payloadEnc,
    })),
  );
  if (replies.length > 0) {
    const rows = jsonRows(
      replies,
      {
        inbox_id: "bigint",
        channel_id: "uuid",
        conversation_id: "uuid",
        contact_id: "uuid",
        payload_enc: "text",
      },
      "v",
    );
    const lease = options.outboxLease;
    // The lease is taken only when nothing to the contact is queued before these rows (see outboxLease)
    // and the number can send (not paused or waiting for a new token: then they wait in the queue).
    const leasable = lease
      ? sql`not exists (select 1 from outbox e where e.contact_id = v.contact_id and e.status = 'queued')
          and exists (select 1 from channels ch where ch.id = v.channel_id and ch.status = 'active')`
      : sql`false`;
    // `offset 0` keeps the planner from inlining q into both uses of q.leased below, which evaluated
    // the two probes twice per reply (seen in auto_explain).
    const until = lease ? sql`now() + ${`${lease.ms} milliseconds`}::interval` : sql`now()`;
    const owner = lease ? sql`${lease.owner}::uuid` : sql`null::uuid`;
    ctes.push(sql`outbox_rows as (
      insert into outbox (channel_id, conversation_id, contact_id, payload_enc, next_attempt_at, lease_owner)
      select v.channel_id, v.conversation_id, v.contact_id, v.payload_enc,
        case when q.leased then ${until} else now() end, case when q.leased then ${owner} end
      from ${rows} cross join lateral (select ${leasable} as leased offset 0) q
      where ${ours} order by v.ord
      returning id, lease_owner is not null as leased)`);
  }
  // Ordered by the bigint column (o.id), never by the text output `id`: sorted as text, 1000 came
  // before 999, the ids no longer matched the replies they were handed on with, and a reply leased
  // to this process was sent under another row's id (that row then sent again by the sender's claim).
  const outboxIds =
    replies.length > 0 ? sql`array(select o.id::text from outbox_rows o order by o.id)` : sql`'{}'::text[]`;
  const outboxLeased =
    replies.length > 0 ? sql`array(select o.leased from outbox_rows o order by o.id)` : sql`'{}'::boolean[]`;
  const notify =
    options.notifyChannel && replies.length > 0
      ? sql`case when exists (select 1 from outbox_rows) then pg_notify(${options.notifyChannel}, '')::text end`
      : sql`null`;
  // Agents' inboxes (in other processes) are told when a conversation with a person changed.
  const touchesHandoff = outcomes.some(
    (o) =>
      o.newConversation?.status === "handoff" || o.updatedConversations.some((c) => c.status === "handoff"),
  );
  const notifyInbox =
    options.notifyConversationsChannel && touchesHandoff
      ? sql`case when exists (select 1 from owned) then pg_notify(${options.notifyConversationsChannel}, '')::text end`
      : sql`null`;
  const result = await sql<{ committed: string[]; outbox_ids: string[]; outbox_leased: boolean[] }>`
    with ${sql.join(ctes)}
    select array(select id::text from owned) as committed, ${outboxIds} as outbox_ids,
      ${outboxLeased} as outbox_leased, ${notify} as notified, ${notifyInbox} as notified_inbox`.execute(db);
  const row = result.rows[0];
  const ids = row?.outbox_ids ?? [];
  const leased = row?.outbox_leased ?? [];
  return {
    committed: new Set(row?.committed ?? []),
    outbox: ids.map((id, i) => ({ id, leased: Boolean(leased[i]) })),
  };
}
