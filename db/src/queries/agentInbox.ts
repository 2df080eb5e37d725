import { sql } from "kysely";
import type { Cipher } from "../crypto/cipher.ts";
import type { Db } from "../tables/database.ts";
import type { OutboxStatus } from "../tables/outbox.ts";
import { CONTACT_NAME_PURPOSE } from "./contacts.ts";
import { TRANSCRIPT_PURPOSE } from "./transcript.ts";

// What agents see and do of conversations handed to a person (the Inbox page). The runtime stores
// the handoff (status, handoff_at); agents claim, reply, hand back and close here.

export interface WaitingConversation {
  id: string;
  /** The customer's WhatsApp display name, never their number. */
  customer: string;
  channelName: string;
  flow: string;
  handoffAt: Date | null;
  claimedBy: { userId: string; name: string } | null;
  /** The customer's last message (start of the 24-hour window). */
  lastInboundAt: Date | null;
  /** The latest line of the transcript is the customer's: someone should answer. */
  awaitingReply: boolean;
  /**
   * Since when the customer waits for a person: the handoff, or their first message after the
   * latest reply of an agent; null when an agent answered last.
   */
  waitingSince: Date | null;
}

/** Conversations waiting for a person in a workspace, the latest handoff first. */
export async function listWaitingConversations(
  db: Db,
  cipher: Cipher,
  input: { workspaceId: string; limit: number },
): Promise<WaitingConversation[]> {
  const result = await sql<{
    id: string;
    name_enc: string | null;
    channel_name: string;
    flow_name: string;
    version_number: number;
    handoff_at: Date | null;
    claimed_by: string | null;
    claimed_by_name: string | null;
    last_inbound_at: Date | null;
    last_direction: "in" | "out" | null;
    waiting_since: Date | null;
  }>`
    select cv.id, ct.name_enc, ch.name as channel_name, f.name as flow_name, fv.number as version_number,
      cv.handoff_at, cv.claimed_by, u.display_name as claimed_by_name, ct.last_inbound_at,
      last_line.direction as last_direction, ${waitingSince} as waiting_since
    from conversations cv
    join contacts ct on ct.id = cv.contact_id
    join channels ch on ch.id = cv.channel_id
    join flow_versions fv on fv.id = cv.flow_version_id
    join flows f on f.id = fv.flow_id
    left join users u on u.id = cv.claimed_by
    left join lateral (
      select t.direction from transcript t where t.conversation_id = cv.id order by t.id desc limit 1
    ) last_line on true
    where cv.workspace_id = ${input.workspaceId} and cv.status = 'handoff'
    order by cv.handoff_at desc nulls last, cv.id
    limit ${input.limit}`.execute(db);
  return result.rows.map((r) => ({
    id: r.id,
    customer: r.name_enc ? cipher.decrypt(r.name_enc, CONTACT_NAME_PURPOSE) : "WhatsApp customer",
    channelName: r.channel_name,
    flow: `${r.flow_name} v${r.version_number}`,
    handoffAt: r.handoff_at ? new Date(r.handoff_at) : null,
    claimedBy: r.claimed_by ? { userId: r.claimed_by, name: r.claimed_by_name ?? "a former member" } : null,
    lastInboundAt: r.last_inbound_at ? new Date(r.last_inbound_at) : null,
    awaitingReply: r.last_direction === "in",
    waitingSince: r.waiting_since ? new Date(r.waiting_since) : null,
  }));
}

// The handoff, or the customer's first line after the latest agent-written line (none: null).
const waitingSince = sql`(case
  when not exists (select 1 from transcript a where a.conversation_id = cv.id and a.author_user_id is not null
    and a.created_at >= cv.handoff_at) then cv.handoff_at
  else (select min(i.created_at) from transcript i where i.conversation_id = cv.id and i.direction = 'in'
    and i.id > (select max(a.id) from transcript a where a.conversation_id = cv.id and a.author_user_id is not null))
  end)`;

/**
 * How many conversations want this member's attention: unclaimed ones waiting for a person, and
 * theirs whose latest line is the customer's.
 */
export async function waitingCount(db: Db, workspaceId: string, userId: string): Promise<number> {
  const result = await sql<{ n: number }>`
    select count(*)::int as n from conversations cv
    where cv.workspace_id = ${workspaceId} and cv.status = 'handoff'
      and (cv.claimed_by is null or (cv.claimed_by = ${userId}
        and (select t.direction from transcript t where t.conversation_id = cv.id order by t.id desc limit 1) = 'in'))`.execute(
    db,
  );
  return Number(result.rows[0]?.n ?? 0);
}

/** Conversations waiting for a person longer than the workspace allows, the longest first. */
export async function conversationsWaitingTooLong(
  db: Db,
  cipher: Cipher,
  workspaceId: string,
): Promise<Array<{ id: string; customer: string; waitingSince: Date }>> {
  const result = await sql<{ id: string; name_enc: string | null; waiting_since: Date }>`
    select * from (
      select cv.id, ct.name_enc, ${waitingSince} as waiting_since, w.handoff_alert_minutes
      from conversations cv
      join contacts ct on ct.id = cv.contact_id
      join workspaces w on w.id = cv.workspace_id
      where cv.workspace_id = ${workspaceId} and cv.status = 'handoff'
    ) x
    where x.waiting_since is not null
      and x.waiting_since < now() - make_interval(mins => x.handoff_alert_minutes)
    order by x.waiting_since
    limit 100`.execute(db);
  return result.rows.map((r) => ({
    id: r.id,
    customer: r.name_enc ? cipher.decrypt(r.name_enc, CONTACT_NAME_PURPOSE) : "WhatsApp customer",
    waitingSince: new Date(r.waiting_since),
  }));
}

/** What an agent needs to act on one conversation of the workspace (null: none such). */
export async function conversationForAgent(db: Db, workspaceId: string, conversationId: string) {
  const row = await db
    .selectFrom("conversations")
    .innerJoin("contacts", "contacts.id", "conversations.contact_id")
    .innerJoin("channels", "channels.id", "conversations.channel_id")
    .innerJoin("flow_versions", "flow_versions.id", "conversations.flow_version_id")
    .innerJoin("flows", "flows.id", "flow_versions.flow_id")
    .leftJoin("users", "users.id", "conversations.claimed_by")
    .select([
      "conversations.id",
      "conversations.status",
      "conversations.state_enc",
      "conversations.flow_version_id as flowVersionId",
      "conversations.handoff_at as handoffAt",
      "conversations.claimed_by as claimedBy",
      "users.display_name as claimedByName",
      "conversations.claimed_at as claimedAt",
      "contacts.id as contactId",
      "contacts.wa_id_enc as waIdEnc",
      "contacts.user_id_enc as userIdEnc",
      "contacts.name_enc as nameEnc",
      "contacts.last_inbound_at as lastInboundAt",
      "channels.id as channelId",
      "channels.name as channelName",
      "channels.phone_number_id as phoneNumberId",
      "channels.waba_id as wabaId",
      "channels.status as channelStatus",
      "flows.name as flowName",
      "flow_versions.number as versionNumber",
    ])
    .where("conversations.id", "=", conversationId)
    .where("conversations.workspace_id", "=", workspaceId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    ...row,
    handoffAt: row.handoffAt ? new Date(row.handoffAt) : null,
    claimedAt: row.claimedAt ? new Date(row.claimedAt) : null,
    lastInboundAt: row.lastInboundAt ? new Date(row.lastInboundAt) : null,
    label: `${row.flowName} on ${row.channelName}`,
  };
}
export type AgentConversation = NonNullable<Awaited<ReturnType<typeof conversationForAgent>>>;

/**
 * Takes a conversation waiting for a person for `userId`, unless another member holds it. Locks the
 * row until the caller's transaction ends. Returns the outcome for the caller to explain.
 */
export async function claimConversation(
  db: Db,
  input: { workspaceId: string; conversationId: string; userId: string },
): Promise<"claimed" | "already_yours" | { heldBy: string } | "not_waiting"> {
  const row = await db
    .selectFrom("conversations")
    .leftJoin("users", "users.id", "conversations.claimed_by")
    .select(["conversations.status", "conversations.claimed_by", "users.display_name"])
    .where("conversations.id", "=", input.conversationId)
    .where("conversations.workspace_id", "=", input.workspaceId)
    .forUpdate("conversations")
    .executeTakeFirst();
  if (row?.status !== "handoff") return "not_waiting";
  if (row.claimed_by === input.userId) return "already_yours";
  if (row.claimed_by) return { heldBy: row.display_name ?? "another member" };
  await db
    .updateTable("conversations")
    .set({ claimed_by: input.userId, claimed_at: new Date() })
    .where("id", "=", input.conversationId)
    .execute();
  return "claimed";
}

/**
 * The conversation row locked for an agent's reply, when it is waiting for a person and held by
 * `userId`; the reason otherwise.
 */
export async function lockForReply(
  db: Db,
  input: { workspaceId: string; conversationId: string; userId: string },
): Promise<"ok" | "not_waiting" | "not_claimed" | { heldBy: string }> {
  const row = await db
    .selectFrom("conversations")
    .leftJoin("users", "users.id", "conversations.claimed_by")
    .select(["conversations.status", "conversations.claimed_by", "users.display_name"])
    .where("conversations.id", "=", input.conversationId)
    .where("conversations.workspace_id", "=", input.workspaceId)
    .forUpdate("conversations")
    .executeTakeFirst();
  if (row?.status !== "handoff") return "not_waiting";
  if (!row.claimed_by) return "not_claimed";
  if (row.claimed_by !== input.userId) return { heldBy: row.display_name ?? "another member" };
  return "ok";
}

/**
 * Queues an agent's message for the outbox (its ordering, rate limit and retries apply) and adds the
 * transcript line, both in the caller's transaction. Returns the outbox row's id.
 */
export async function queueAgentMessage(
  db: Db,
  cipher: Cipher,
  input: {
    conversationId: string;
    channelId: string;
    contactId: string;
    authorUserId: string;
    /** The Graph API request body, already encrypted by the caller. */
    payloadEnc: string;
    /** The redacted transcript line. */
    line: string;
  },
): Promise<string> {
  const outbox = await db
    .insertInto("outbox")
    .values({
      channel_id: input.channelId,
      conversation_id: input.conversationId,
      contact_id: input.contactId,
      payload_enc: input.payloadEnc,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("transcript")
    .values({
      conversation_id: input.conversationId,
      direction: "out",
      block_id: null,
      body_enc: cipher.encrypt(input.line, TRANSCRIPT_PURPOSE),
      author_user_id: input.authorUserId,
    })
    .execute();
  return String(outbox.id);
}

/** Ends a conversation's handoff bookkeeping (who held it) in the caller's transaction. */
export async function releaseConversation(db: Db, conversationId: string): Promise<void> {
  await db
    .updateTable("conversations")
    .set({ claimed_by: null, claimed_at: null, handoff_at: null })
    .where("id", "=", conversationId)
    .execute();
}

/** The transcript with who wrote each outgoing line (an agent's name; null: the bot). */
export async function agentTranscript(db: Db, cipher: Cipher, conversationId: string) {
  const rows = await db
    .selectFrom("transcript")
    .leftJoin("users", "users.id", "transcript.author_user_id")
    .select([
      "transcript.id",
      "transcript.direction",
      "transcript.block_id as blockId",
      "transcript.body_enc",
      "transcript.created_at as createdAt",
      "users.display_name as authorName",
      "transcript.author_user_id as authorUserId",
    ])
    .where("transcript.conversation_id", "=", conversationId)
    .orderBy("transcript.id")
    .limit(2000)
    .execute();
  return rows.map((r) => ({
    id: String(r.id),
    direction: r.direction,
    blockId: r.blockId,
    body: cipher.decrypt(r.body_enc, TRANSCRIPT_PURPOSE),
    createdAt: new Date(r.createdAt),
    author: r.authorUserId ? (r.authorName ?? "a former member") : null,
  }));
}

/**
 * What the customer has read since they last wrote: the conversation's outgoing lines after its
 * latest incoming one, oldest first, at most `limit` of them. The outbound guard reads a new reply
 * together with these, so a request split over several messages is judged as one.
 */
export async function outboundSinceCustomer(
  db: Db,
  cipher: Cipher,
  conversationId: string,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom("transcript")
    .select(["direction", "body_enc"])
    .where("conversation_id", "=", conversationId)
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  const lines: string[] = [];
  for (const r of rows) {
    if (r.direction === "in") break;
    lines.unshift(cipher.decrypt(r.body_enc, TRANSCRIPT_PURPOSE));
  }
  return lines;
}

/** The delivery of the messages sent in a conversation, newest first (for agents' replies). */
export async function conversationDeliveries(
  db: Db,
  conversationId: string,
): Promise<Array<{ id: string; status: OutboxStatus; error: string | null; createdAt: Date }>> {
  const rows = await db
    .selectFrom("outbox")
    .select(["id", "status", "last_error", "created_at"])
    .where("conversation_id", "=", conversationId)
    .orderBy("id", "desc")
    .limit(50)
    .execute();
  return rows.map((r) => ({
    id: String(r.id),
    status: r.status,
    error: r.last_error,
    createdAt: new Date(r.created_at),
  }));
}
