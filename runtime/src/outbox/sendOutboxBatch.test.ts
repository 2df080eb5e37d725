import { contactIndex } from "@benteng/db/queries/contacts";
import { renewInboxLeases } from "@benteng/db/queries/inbox";
import { type ClaimedOutboxRow, renewOutboxLeases, wamidIndex } from "@benteng/db/queries/outbox";
import { sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { allowlistCache } from "../inbox/allowlistCache.ts";
import { flowCache } from "../inbox/flowCache.ts";
import { inboxWorker } from "../inbox/inboxWorker.ts";
import { type LeaseKeeper, leaseKeeper } from "../inbox/leaseKeeper.ts";
import { type RuntimeHarness, startRuntimeHarness } from "../testing/runtimeHarness.ts";
import { textMessage, webhookEnvelope } from "../testing/webhookPayloads.ts";
import { channelCache } from "../whatsapp/channelCache.ts";
import { sharedRateLimiter } from "./rateLimiter.ts";
import {
  type OutboxBatchOptions,
  sendClaimed,
  sendOutboxBatch,
  WINDOW_CLOSED_ERROR,
} from "./sendOutboxBatch.ts";
import { sentRecorder } from "./sentRecorder.ts";

let h: RuntimeHarness;
let customerNo = 0;
let inboxLeases: LeaseKeeper;
let sendLeases: LeaseKeeper;
beforeAll(async () => {
  h = await startRuntimeHarness();
  inboxLeases = leaseKeeper({
    name: "inbox",
    leaseMs: 60_000,
    renew: (leases, ms) => renewInboxLeases(h.db, leases, ms),
    log: () => {},
  });
  sendLeases = leaseKeeper({
    name: "outbox",
    leaseMs: 60_000,
    renew: (leases, ms) => renewOutboxLeases(h.db, leases, ms),
    log: () => {},
  });
});
afterAll(async () => {
  inboxLeases.stop();
  sendLeases.stop();
  await h.close();
});
beforeEach(async () => {
  // Each test starts with a clean queue and a working channel.
  await h.db.deleteFrom("outbox").execute();
  await h.db.updateTable("channels").set({ status: "active", last_error: null }).execute();
});

/** A customer writes; the inbox worker (no sender running) queues hello + question. Returns their wa_id. */
async function customerWrites(): Promise<string> {
  const waId = `62813000${String(++customerNo).padStart(4, "0")}`;
  await h.post(webhookEnvelope(h.phoneNumberId, { messages: [textMessage({ waId }, "hi")] }));
  await work();
  return waId;
}

/** The inbox worker once over what is pending; `direct`: replies are leased to it for sending. */
async function work(direct = false): Promise<{ queued: number; toSend: ClaimedOutboxRow[] }> {
  const result = { queued: 0, toSend: [] as ClaimedOutboxRow[] };
  const worker = inboxWorker({
    db: h.db,
    cipher: h.cipher,
    deps: {},
    batchSize: 10,
    maxInFlight: 10,
    sessionTimeoutMs: 60_000,
    flowCache: flowCache(),
    allowlists: allowlistCache(),
    log: () => {},
    leases: inboxLeases,
    ...(direct ? { sendLeases } : {}),
    onCommitted({ queued, toSend }) {
      result.queued += queued;
      result.toSend.push(...toSend);
    },
  });
  await worker.processBatch();
  await worker.drain();
  return result;
}

const sending = (): OutboxBatchOptions => ({
  db: h.db,
  cipher: h.cipher,
  batchSize: 50,
  leases: sendLeases,
  recorder: sentRecorder(h.db, h.cipher, () => {}),
  limiter: sharedRateLimiter(h.db, 1_000_000),
  channels: channelCache(h.db, h.cipher, 0),
  maxAttempts: 5,
  log: () => {},
});
const send = () => sendOutboxBatch(sending());
const outbox = () => h.db.selectFrom("outbox").selectAll().orderBy("id").execute();

describe("sendOutboxBatch", () => {
  it("sends a contact's messages in order and records the returned wamids", async () => {
    const waId = await customerWrites();
    expect(await send()).toEqual({ claimed: 2, sent: 2 });
    const rows = await outbox();
    expect(rows.map((r) => r.status)).toEqual(["sent", "sent"]);
    const toCustomer = h.graph.messages.filter((m) => m.body.to === waId);
    expect(rows.map((r) => r.wa_message_id)).toEqual(
      toCustomer.map((m) => m.waMessageId && wamidIndex(h.cipher, m.waMessageId)),
    );
    expect((toCustomer[0]!.body.text as { body: string }).body).toBe("Hi! I'm the shop assistant.");
  });

  it("marks the channel needs_token on 190 and stops sending to it", async () => {
    await customerWrites();
    h.graph.failNext(190, 401);
    const before = h.graph.requests;
    expect((await send()).sent).toBe(0);
    const channel = await h.db
      .selectFrom("channels")
      .select(["status", "last_error"])
      .executeTakeFirstOrThrow();
    expect(channel.status).toBe("needs_token");
    expect(channel.last_error).toContain("190");
    expect((await outbox()).map((r) => r.status)).toEqual(["queued", "queued"]);
    // The second message was not attempted behind the failed first one.
    expect(h.graph.requests - before).toBe(1);
  });

  it("fails 131047 without retrying", async () => {
    await customerWrites();
    h.graph.failNext(131047);
    await send();
    const [first, second] = await outbox();
    expect(first).toMatchObject({ status: "failed", error_code: 131047, attempts: 1 });
    expect(second!.status).toBe("sent");
    await h.db
      .updateTable("outbox")
      .set({ next_attempt_at: new Date(0) })
      .execute();
    expect((await send()).claimed).toBe(0);
  });

  it("retries 130429 with backoff, keeping the contact's later messages behind it", async () => {
    await customerWrites();
    h.graph.failNext(130429);
    await send();
    let [first, second] = await outbox();
    expect(first).toMatchObject({ status: "queued", error_code: 130429, attempts: 1 });
    expect(first!.next_attempt_at.getTime()).toBeGreaterThan(Date.now() + 500);
    expect(second!.status).toBe("queued");
    expect((await send()).claimed).toBe(0);
    await h.db
      .updateTable("outbox")
      .set({ next_attempt_at: new Date(0) })
      .execute();
    await send();
    [first, second] = await outbox();
    expect([first!.status, second!.status]).toEqual(["sent", "sent"]);
  });

  it("does not attempt a free-form message outside the 24-hour window", async () => {
    const waId = await customerWrites();
    await h.db
      .updateTable("contacts")
      .set({ last_inbound_at: new Date(Date.now() - 25 * 3600_000) })
      .where("identity_index", "=", contactIndex(h.cipher, h.channelId, `wa:${waId}`))
      .execute();
    const before = h.graph.requests;
    await send();
    const rows = await outbox();
    expect(rows.map((r) => r.status)).toEqual(["failed", "failed"]);
    expect(rows[0]!.last_error).toBe(WINDOW_CLOSED_ERROR);
    expect(h.graph.requests).toBe(before);
  });

  it("hands each reply on with its own row when the batch's outbox ids cross a power of ten", async () => {
    // Ids 995…1004: sorted as text, "1000" came before "999" and replies went out under other rows'
    // ids, so the rows they were really stored as were sent a second time by the sender's claim.
    await sql`select setval(pg_get_serial_sequence('outbox', 'id'), 994)`.execute(h.db);
    const waIds = Array.from({ length: 5 }, () => `62813950${String(++customerNo).padStart(4, "0")}`);
    for (const waId of waIds) {
      await h.post(webhookEnvelope(h.phoneNumberId, { messages: [textMessage({ waId }, "hi")] }));
    }
    const { toSend } = await work(true);
    expect(toSend.map((r) => Number(r.id))).toEqual(Array.from({ length: 10 }, (_, i) => 995 + i));
    const stored = new Map((await outbox()).map((r) => [String(r.id), r]));
    for (const row of toSend) {
      expect(stored.get(row.id)).toMatchObject({ contact_id: row.contact_id, payload_enc: row.payload_enc });
    }
    expect(await sendClaimed(toSend, sending())).toBe(10);
    // Nothing left for the sender's claim to send again.
    expect((await send()).claimed).toBe(0);
    for (const waId of waIds) expect(h.graph.messages.filter((m) => m.body.to === waId)).toHaveLength(2);
  });

  it("sends a worker's replies right after its commit, without a claim, unless an earlier message still waits", async () => {
    const waId = `62813900${String(++customerNo).padStart(4, "0")}`;
    await h.post(webhookEnvelope(h.phoneNumberId, { messages: [textMessage({ waId }, "hi")] }));
    const { toSend } = await work(true);
    expect(toSend).toHaveLength(2);
    // Leased to this worker: the sender's claim leaves them alone.
    expect((await send()).claimed).toBe(0);
    expect(await sendClaimed(toSend, sending())).toBe(2);
    expect((await outbox()).map((r) => r.status)).toEqual(["sent", "sent"]);
    const texts = h.graph.messages
      .filter((m) => m.body.to === waId)
      .map((m) => (m.body.text as { body?: string } | undefined)?.body ?? "(interactive)");
    expect(texts).toEqual(["Hi! I'm the shop assistant.", "What is your order number?"]);

    // The first reply of the next turn fails and waits to be retried: the reply after it must not
    // overtake it, so the worker queues that one for the sender instead of sending it.
    await h.post(webhookEnvelope(h.phoneNumberId, { messages: [textMessage({ waId }, "not a number")] }));
    const retry = await work(true);
    expect(retry.toSend).toHaveLength(1);
    h.graph.failNext(130429);
    await sendClaimed(retry.toSend, sending());
    await h.post(webhookEnvelope(h.phoneNumberId, { messages: [textMessage({ waId }, "4242")] }));
    const behind = await work(true);
    expect(behind.queued).toBe(1);
    expect(behind.toSend).toEqual([]);
  });
});
