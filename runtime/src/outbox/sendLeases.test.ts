import { randomUUID } from "node:crypto";
import { CONTACT_WA_ID_PURPOSE, contactIndex } from "@benteng/db/queries/contacts";
import { claimOutbox, renewOutboxLeases } from "@benteng/db/queries/outbox";
import { sql } from "kysely";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type LeaseKeeper, leaseKeeper } from "../inbox/leaseKeeper.ts";
import { type RuntimeHarness, startRuntimeHarness } from "../testing/runtimeHarness.ts";
import { killRuntime, spawnRuntime } from "../testing/spawnRuntime.ts";
import { channelCache } from "../whatsapp/channelCache.ts";
import { toGraphPayload } from "../whatsapp/toGraphPayload.ts";
import { OUTBOX_PAYLOAD_PURPOSE } from "./outboxPayload.ts";
import { sharedRateLimiter } from "./rateLimiter.ts";
import { type OutboxBatchOptions, sendClaimed, sendOutboxBatch } from "./sendOutboxBatch.ts";
import { sentRecorder } from "./sentRecorder.ts";

let h: RuntimeHarness;
let customerNo = 0;
const keepers: LeaseKeeper[] = [];
beforeAll(async () => {
  h = await startRuntimeHarness();
});
afterEach(() => {
  h.graph.answerDelayMs = 0;
  for (const k of keepers.splice(0)) k.stop();
});
afterAll(async () => {
  await h.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const textOf = (body: Record<string, unknown>) => (body.text as { body?: string } | undefined)?.body;

/** Queues `count` texts ("<tag> 1", "<tag> 2", …) to each of `contacts` new customers; returns their wa_ids. */
async function queueTexts(contacts: number, count: number, tag: string): Promise<string[]> {
  const waIds: string[] = [];
  for (let c = 0; c < contacts; c++) {
    const waId = `62855000${String(++customerNo).padStart(4, "0")}`;
    waIds.push(waId);
    const contact = await h.db
      .insertInto("contacts")
      .values({
        workspace_id: h.workspaceId,
        channel_id: h.channelId,
        identity_index: contactIndex(h.cipher, h.channelId, `wa:${waId}`),
        wa_id_enc: h.cipher.encrypt(waId, CONTACT_WA_ID_PURPOSE),
        last_inbound_at: new Date(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await h.db
      .insertInto("outbox")
      .values(
        Array.from({ length: count }, (_, i) => ({
          channel_id: h.channelId,
          conversation_id: null,
          contact_id: contact.id,
          payload_enc: h.cipher.encryptJson(
            toGraphPayload({ kind: "text", body: `${tag} ${i + 1}` }, `wa:${waId}`),
            OUTBOX_PAYLOAD_PURPOSE,
          ),
        })),
      )
      .execute();
  }
  return waIds;
}

/** A sender of this process: its own leases (renewed by a heartbeat) and its own "sent" writer. */
function sender(leaseMs: number): OutboxBatchOptions {
  const leases = leaseKeeper({
    name: "outbox",
    leaseMs,
    renew: (held, ms) => renewOutboxLeases(h.db, held, ms),
    log: () => {},
  });
  keepers.push(leases);
  return {
    db: h.db,
    cipher: h.cipher,
    batchSize: 100,
    leases,
    recorder: sentRecorder(h.db, h.cipher, () => {}),
    limiter: sharedRateLimiter(h.db, 1_000_000),
    channels: channelCache(h.db, h.cipher, 0),
    maxAttempts: 5,
    log: () => {},
  };
}

const textsTo = (waIds: string[], tag: string) =>
  h.graph.messages.filter((m) => waIds.includes(String(m.body.to)) && textOf(m.body)?.startsWith(tag));
const sentCount = async (waIds: string[]) => {
  const rows = await h.db
    .selectFrom("outbox")
    .innerJoin("contacts", "contacts.id", "outbox.contact_id")
    .select("outbox.status")
    .where(
      "contacts.identity_index",
      "in",
      waIds.map((w) => contactIndex(h.cipher, h.channelId, `wa:${w}`)),
    )
    .execute();
  return rows.filter((r) => r.status === "sent").length;
};

const leasedCount = async (waIds: string[]) => {
  const rows = await h.db
    .selectFrom("outbox")
    .innerJoin("contacts", "contacts.id", "outbox.contact_id")
    .select("outbox.lease_owner")
    .where(
      "contacts.identity_index",
      "in",
      waIds.map((w) => contactIndex(h.cipher, h.channelId, `wa:${w}`)),
    )
    .execute();
  return rows.filter((r) => r.lease_owner !== null).length;
};

describe("sender leases", () => {
  it("records each message as sent as soon as its Graph API call returns, not when the batch ends", async () => {
    const waIds = await queueTexts(6, 2, "early");
    h.graph.answerDelayMs = 1_500;
    let finished = false;
    const batch = sendOutboxBatch(sender(60_000)).finally(() => {
      finished = true;
    });
    // A contact's second message goes out once its first was answered.
    await h.graph.waitFor(() => textsTo(waIds, "early").length === 12, 20_000);
    const deadline = Date.now() + 10_000;
    while ((await sentCount(waIds)) < 6 && Date.now() < deadline) await sleep(20);
    const recordedWhileSending = finished ? -1 : await sentCount(waIds);
    expect(await batch).toEqual({ claimed: 12, sent: 12 });
    // The first messages were on record while the second ones were still waiting for their answer.
    expect(recordedWhileSending).toBeGreaterThanOrEqual(6);
    expect(await sentCount(waIds)).toBe(12);
  });

  it("keeps the lease of a slow send with a heartbeat: another sender does not send it again", async () => {
    const waIds = await queueTexts(1, 2, "slow");
    // Each answer takes three lease lengths.
    h.graph.answerDelayMs = 2_400;
    const a = sender(800);
    const b = sender(800);
    let finished = false;
    const first = sendOutboxBatch(a).finally(() => {
      finished = true;
    });
    // The second sender starts once the first holds them: both claiming at once is a race either wins.
    while ((await leasedCount(waIds)) < 2) await sleep(20);
    let claimedBySecond = 0;
    while (!finished) {
      claimedBySecond += (await sendOutboxBatch(b)).claimed;
      await sleep(100);
    }
    expect(await first).toEqual({ claimed: 2, sent: 2 });
    expect(claimedBySecond).toBe(0);
    expect(textsTo(waIds, "slow").map((m) => textOf(m.body))).toEqual(["slow 1", "slow 2"]);
  });

  it("sends the messages of a sender that died once its lease runs out, each once", async () => {
    const waIds = await queueTexts(3, 2, "orphan");
    // A sender claims them and dies without sending anything.
    const claimedAt = Date.now();
    expect(await claimOutbox(h.db, { limit: 100, owner: randomUUID(), leaseMs: 2_000 })).toHaveLength(6);
    const live = sender(2_000);
    let sentAt = 0;
    while (sentAt === 0 && Date.now() - claimedAt < 20_000) {
      const { sent } = await sendOutboxBatch(live);
      if (sent > 0) sentAt = Date.now();
      else await sleep(50);
    }
    expect(sentAt - claimedAt).toBeGreaterThanOrEqual(1_500);
    expect(textsTo(waIds, "orphan")).toHaveLength(6);
    expect(await sentCount(waIds)).toBe(6);
  });

  it("checks a lease it can no longer vouch for before sending: sends if still its own, not if taken over", async () => {
    const ours = await queueTexts(1, 1, "stale");
    const options = sender(60_000);
    const owner = randomUUID();
    const rows = await claimOutbox(h.db, { limit: 100, owner, leaseMs: 60_000 });
    // Not renewed for longer than a lease (this process stalled): holds() cannot vouch for it.
    for (const row of rows) options.leases.hold({ id: row.id, owner }, performance.now() - 120_000);
    expect(await sendClaimed(rows, options)).toBe(1);
    expect(textsTo(ours, "stale")).toHaveLength(1);

    const theirs = await queueTexts(1, 1, "taken");
    const mine = await claimOutbox(h.db, { limit: 100, owner, leaseMs: 1 });
    for (const row of mine) options.leases.hold({ id: row.id, owner }, performance.now() - 120_000);
    await sleep(20);
    // Its lease ran out and another sender claimed the message.
    const other = randomUUID();
    expect(await claimOutbox(h.db, { limit: 100, owner: other, leaseMs: 60_000 })).toHaveLength(1);
    expect(await sendClaimed(mine, options)).toBe(0);
    expect(textsTo(theirs, "taken")).toHaveLength(0);
    const row = await h.db
      .selectFrom("outbox")
      .select(["status", "lease_owner"])
      .where("id", "=", mine[0]!.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "queued", lease_owner: other });
  });

  it("at shutdown hands back what is not yet sent (due now, no attempt counted) and records what was", async () => {
    const waIds = await queueTexts(3, 3, "stopping");
    // Each answer takes a while: the stop comes while the first message of each contact is on its way.
    h.graph.answerDelayMs = 600;
    let stopping = false;
    const options = { ...sender(60_000), handingBack: () => stopping };
    const batch = sendOutboxBatch(options);
    await h.graph.waitFor(() => textsTo(waIds, "stopping").length === 3, 20_000);
    stopping = true;
    // Only the three calls already on their way were made, and they are on record as sent.
    expect(await batch).toEqual({ claimed: 9, sent: 3 });
    expect(textsTo(waIds, "stopping").map((m) => textOf(m.body))).toEqual([
      "stopping 1",
      "stopping 1",
      "stopping 1",
    ]);
    const rows = await h.db
      .selectFrom("outbox")
      .innerJoin("contacts", "contacts.id", "outbox.contact_id")
      .select([
        "outbox.status",
        "outbox.lease_owner",
        "outbox.attempts",
        sql<boolean>`outbox.next_attempt_at <= now()`.as("due"),
      ])
      .where(
        "contacts.identity_index",
        "in",
        waIds.map((w) => contactIndex(h.cipher, h.channelId, `wa:${w}`)),
      )
      .orderBy("outbox.id")
      .execute();
    expect(rows.filter((r) => r.status === "sent")).toHaveLength(3);
    // The rest: back in the queue at once, no lease, no attempt counted.
    expect(rows.filter((r) => r.status === "queued")).toEqual(
      Array.from({ length: 6 }, () => ({ status: "queued", lease_owner: null, attempts: 0, due: true })),
    );
    // The next sender (the restart) sends them right away, each once and in order.
    h.graph.answerDelayMs = 0;
    expect(await sendOutboxBatch(sender(60_000))).toEqual({ claimed: 6, sent: 6 });
    for (const waId of waIds) {
      expect(textsTo([waId], "stopping").map((m) => textOf(m.body))).toEqual([
        "stopping 1",
        "stopping 2",
        "stopping 3",
      ]);
    }
  });

  // A process killed with SIGKILL: only meaningful with a server that outlives it.
  it.skipIf(!process.env.DATABASE_URL)(
    "after a sender is killed mid-batch, repeats at most the messages in flight and sends the rest within seconds",
    async () => {
      const waIds = await queueTexts(3, 30, "burst");
      h.graph.answerDelayMs = 40;
      // The runtime's default leases (10 s), as in production.
      const first = await spawnRuntime(h);
      let second: Awaited<ReturnType<typeof spawnRuntime>> | undefined;
      let killedAt = 0;
      let atKill = 0;
      let recoveredInMs = 0;
      try {
        await h.graph.waitFor(() => textsTo(waIds, "burst").length >= 30, 30_000);
        await killRuntime(first);
        killedAt = Date.now();
        atKill = textsTo(waIds, "burst").length;
        second = await spawnRuntime(h);
        const all = waIds.flatMap((w) => Array.from({ length: 30 }, (_, i) => `${w}:burst ${i + 1}`));
        await h.graph.waitFor(() => {
          const seen = new Set(textsTo(waIds, "burst").map((m) => `${m.body.to}:${textOf(m.body)}`));
          return all.every((k) => seen.has(k));
        }, 40_000);
        recoveredInMs = Date.now() - killedAt;
        const recordedBy = Date.now() + 10_000;
        while ((await sentCount(waIds)) < 90 && Date.now() < recordedBy) await sleep(20);
      } finally {
        await killRuntime(first);
        if (second) await killRuntime(second);
      }
      const sent = textsTo(waIds, "burst");
      const duplicates = sent.length - 90;
      process.stderr.write(
        `sender killed after ${atKill} sends: ${duplicates} duplicate(s), the rest out ${recoveredInMs} ms after the kill\n`,
      );
      // One send in flight per contact (a contact's messages go one after another): at most that
      // one, answered or not, per contact is repeated; not everything the dead sender had sent.
      expect(duplicates).toBeLessThanOrEqual(waIds.length);
      // Within the 10 s lease plus the sending itself, not a minute.
      expect(recoveredInMs).toBeLessThan(30_000);
      for (const waId of waIds) {
        const texts = sent.filter((m) => m.body.to === waId).map((m) => textOf(m.body));
        // In order; a repeat can only be the message right before the takeover.
        const firsts = texts.filter((t, i) => texts.indexOf(t) === i);
        expect(firsts).toEqual(Array.from({ length: 30 }, (_, i) => `burst ${i + 1}`));
      }
      expect(await sentCount(waIds)).toBe(90);
    },
  );
});
