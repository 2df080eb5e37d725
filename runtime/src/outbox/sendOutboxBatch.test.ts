import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { flowCache, processInboxBatch } from "../inbox/processInboxBatch.ts";
import { type RuntimeHarness, startRuntimeHarness } from "../testing/runtimeHarness.ts";
import { textMessage, webhookEnvelope } from "../testing/webhookPayloads.ts";
import { channelCache } from "../whatsapp/channelCache.ts";
import { sharedRateLimiter } from "./rateLimiter.ts";
import { sendOutboxBatch, WINDOW_CLOSED_ERROR } from "./sendOutboxBatch.ts";

let h: RuntimeHarness;
let customerNo = 0;
beforeAll(async () => {
  h = await startRuntimeHarness();
});
afterAll(async () => {
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
  await processInboxBatch({
    db: h.db,
    cipher: h.cipher,
    deps: {},
    batchSize: 10,
    sessionTimeoutMs: 60_000,
    flowCache: flowCache(),
    log: () => {},
    notify: false,
  });
  return waId;
}

const send = () =>
  sendOutboxBatch({
    db: h.db,
    cipher: h.cipher,
    batchSize: 50,
    leaseMs: 60_000,
    limiter: sharedRateLimiter(h.db, 1_000_000),
    channels: channelCache(h.db, h.cipher, 0),
    maxAttempts: 5,
    log: () => {},
  });
const outbox = () => h.db.selectFrom("outbox").selectAll().orderBy("id").execute();

describe("sendOutboxBatch", () => {
  it("sends a contact's messages in order and records the returned wamids", async () => {
    const waId = await customerWrites();
    expect(await send()).toEqual({ claimed: 2, sent: 2 });
    const rows = await outbox();
    expect(rows.map((r) => r.status)).toEqual(["sent", "sent"]);
    const toCustomer = h.graph.messages.filter((m) => m.body.to === waId);
    expect(rows.map((r) => r.wa_message_id)).toEqual(toCustomer.map((m) => m.waMessageId));
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
      .where("identity", "=", `wa:${waId}`)
      .execute();
    const before = h.graph.requests;
    await send();
    const rows = await outbox();
    expect(rows.map((r) => r.status)).toEqual(["failed", "failed"]);
    expect(rows[0]!.last_error).toBe(WINDOW_CLOSED_ERROR);
    expect(h.graph.requests).toBe(before);
  });
});
