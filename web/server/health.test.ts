// A database that stops answering (here: a transaction holding the tables a webhook needs) must not
// hold webhooks forever, and /healthz must say so instead of answering 200.
import { contactIndex } from "@benteng/db/queries/contacts";
import { channelCache, healthRoute, WriterTimeoutError, webhookWriter } from "@benteng/runtime";
import { type RuntimeHarness, startRuntimeHarness } from "@benteng/runtime/testing/runtimeHarness";
import Fastify, { type FastifyInstance } from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let h: RuntimeHarness;
let app: FastifyInstance;
beforeAll(async () => {
  h = await startRuntimeHarness();
  app = Fastify({ logger: false });
  await app.register(healthRoute, { db: h.db, probeMs: 500, writerStuckMs: 300 });
});
afterAll(async () => {
  await app.close();
  await h.close();
});

let n = 0;
const webhook = () => {
  const wamid = `wamid.health-${++n}`;
  const identity = "wa:6281255500001";
  return {
    workspaceId: h.workspaceId,
    channelId: h.channelId,
    contacts: [
      {
        identityIndex: contactIndex(h.cipher, h.channelId, identity),
        waIdEnc: null,
        userIdEnc: null,
        nameEnc: null,
      },
    ],
    messages: [
      {
        channelId: h.channelId,
        waMessageIndex: wamid,
        contactIndex: contactIndex(h.cipher, h.channelId, identity),
        payloadEnc: wamid,
      },
    ],
    statuses: [],
  };
};

/** Holds the inbox and channels tables in a transaction until the returned function is called. */
async function holdTables(): Promise<() => Promise<void>> {
  let release!: () => void;
  const held = new Promise<void>((r) => {
    release = r;
  });
  let locked!: () => void;
  const lockTaken = new Promise<void>((r) => {
    locked = r;
  });
  const transaction = h.db.transaction().execute(async (trx) => {
    await sql`lock table inbox, channels in access exclusive mode`.execute(trx);
    locked();
    await held;
  });
  await lockTaken;
  return async () => {
    release();
    await transaction;
  };
}

describe("deadlines and /healthz while the database does not answer", () => {
  it("answers 200 when a webhook would be stored now", async () => {
    const res = await app.inject({ method: "GET", url: "/healthz" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
  });

  it("rejects a waiting webhook and channel lookup at their deadlines, reports the stuck writer, and recovers", async () => {
    const writer = webhookWriter(h.db, { waitMs: 500 });
    const cache = channelCache(h.db, h.cipher, 5_000, 500);
    const release = await holdTables();
    let stuck: Promise<unknown> | undefined;
    try {
      stuck = writer.store(webhook()).catch((e) => e);
      expect(await stuck).toBeInstanceOf(WriterTimeoutError);
      await expect(cache.get(h.channelId)).rejects.toThrow("channel lookup got no answer within 500 ms");
      const health = await app.inject({ method: "GET", url: "/healthz" });
      expect(health.statusCode).toBe(503);
      expect(health.json()).toMatchObject({ ok: false, degraded: { webhookWriter: expect.any(String) } });
    } finally {
      await release();
    }
    // Nothing stays wedged: the next webhook is stored, the next lookup asks the database again.
    expect(await writer.store(webhook())).toEqual({ inserted: expect.any(Number) });
    expect((await cache.get(h.channelId))?.id).toBe(h.channelId);
    expect((await app.inject({ method: "GET", url: "/healthz" })).statusCode).toBe(200);
  });
});
