import { randomUUID } from "node:crypto";
import { contactIndex } from "@benteng/db/queries/contacts";
import { claimInbox, commitInboxOutcomes } from "@benteng/db/queries/inbox";
import { wamidIndex } from "@benteng/db/queries/outbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ScriptOutcome } from "../engine/stepDeps.ts";
import { type RuntimeHarness, startRuntimeHarness } from "../testing/runtimeHarness.ts";
import { buildFlow } from "../testing/sampleFlow.ts";
import { killRuntime, spawnRuntime } from "../testing/spawnRuntime.ts";
import { textMessage, webhookEnvelope } from "../testing/webhookPayloads.ts";
import { allowlistCache } from "./allowlistCache.ts";
import { flowCache } from "./flowCache.ts";
import { MAX_CLAIMS, stepInboxMessage } from "./stepInboxMessage.ts";

// "say" to the first message; every answer runs a script block (how long it takes is up to the
// test's runScript), then "looked up <answer>" and "say" again.
const scriptFlow = buildFlow(
  [
    { id: "start", type: "start", data: {} },
    { id: "ask", type: "question", data: { prompt: "say", variable: "t" } },
    { id: "lookup", type: "script", data: { code: "return {}" } },
    { id: "done", type: "message", data: { text: "looked up {{t}}" } },
    { id: "oops", type: "message", data: { text: "lookup failed" } },
  ],
  [
    ["start", "next", "ask"],
    ["lookup", "success", "done"],
    ["lookup", "error", "oops"],
    ["done", "next", "ask"],
    ["ask", "next", "lookup"],
  ],
);

let h: RuntimeHarness;
beforeAll(async () => {
  h = await startRuntimeHarness({ flow: scriptFlow });
});
afterAll(async () => {
  await h.close();
});

const ok = async (): Promise<ScriptOutcome> => ({ ok: true, output: {} });
const textOf = (body: Record<string, unknown>) => (body.text as { body?: string } | undefined)?.body;
const repliesTo = (waId: string) =>
  h.graph.messages.filter((m) => m.body.to === waId).map((m) => textOf(m.body));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const customerSays = async (waId: string, text: string) => {
  const response = await h.post(
    webhookEnvelope(h.phoneNumberId, { messages: [textMessage({ waId }, text)] }),
  );
  expect(response.statusCode).toBe(200);
};

/** What the database holds for a contact's conversations. */
async function storedFor(waId: string) {
  const contact = await h.db
    .selectFrom("contacts")
    .select("id")
    .where("identity_index", "=", contactIndex(h.cipher, h.channelId, `wa:${waId}`))
    .executeTakeFirstOrThrow();
  const conversations = await h.db
    .selectFrom("conversations")
    .select("id")
    .where("contact_id", "=", contact.id)
    .execute();
  const transcript = await h.db
    .selectFrom("transcript")
    .select("direction")
    .where(
      "conversation_id",
      "in",
      conversations.map((c) => c.id),
    )
    .orderBy("id")
    .execute();
  const outbox = await h.db.selectFrom("outbox").select("id").where("contact_id", "=", contact.id).execute();
  return {
    conversations: conversations.length,
    transcript: transcript.map((t) => t.direction),
    outbox: outbox.length,
  };
}

describe("inbox leases", () => {
  it("takes over a message whose worker died mid-step once its lease runs out, and stores it exactly once", async () => {
    const waId = "6288100000001";
    await customerSays(waId, "hi");
    // A worker claims the message, steps it, and dies before committing: its lease is never renewed.
    const dead = randomUUID();
    const claimed = await claimInbox(h.db, { limit: 10, owner: dead, leaseMs: 4_000 });
    expect(claimed).toHaveLength(1);
    const claimedAt = Date.now();
    const zombie = await stepInboxMessage(claimed[0]!, dead, {
      db: h.db,
      cipher: h.cipher,
      deps: { runScript: ok },
      sessionTimeoutMs: 60_000,
      flowCache: flowCache(),
      allowlists: allowlistCache(),
      log: () => {},
    });
    expect(zombie?.outbox).toHaveLength(1);

    const runtime = await h.startRuntime({ leaseMs: 4_000, runScript: ok });
    try {
      await sleep(500);
      // The lease still runs: nobody else steps this conversation meanwhile.
      expect(repliesTo(waId)).toEqual([]);
      await h.graph.waitFor(() => repliesTo(waId).length >= 1, 20_000);
      expect(Date.now() - claimedAt).toBeGreaterThanOrEqual(3_500);

      // The dead worker comes back and commits what it had: its lease is gone, nothing is stored.
      const late = await commitInboxOutcomes(h.db, [zombie!]);
      expect(late.committed.size).toBe(0);
    } finally {
      await runtime.stop();
    }
    expect(repliesTo(waId)).toEqual(["say"]);
    expect(await storedFor(waId)).toEqual({ conversations: 1, transcript: ["in", "out"], outbox: 1 });
    const inbox = await h.db
      .selectFrom("inbox")
      .select(["status", "attempts", "lease_owner"])
      .where("contact_index", "=", contactIndex(h.cipher, h.channelId, `wa:${waId}`))
      .executeTakeFirstOrThrow();
    expect(inbox).toEqual({ status: "done", attempts: 2, lease_owner: null });
  });

  it("sets aside a message that was claimed again and again without being stored, and answers the next one", async () => {
    const waId = "6288100000002";
    await customerSays(waId, "hi");
    // Every worker that took it died mid-step (as if the step took the process down).
    for (let i = 0; i < MAX_CLAIMS; i++) {
      expect(await claimInbox(h.db, { limit: 10, owner: randomUUID(), leaseMs: 1 })).toHaveLength(1);
      await sleep(10);
    }
    await customerSays(waId, "again");
    const runtime = await h.startRuntime({ runScript: ok });
    try {
      await h.graph.waitFor(() => repliesTo(waId).length >= 1, 20_000);
    } finally {
      await runtime.stop();
    }
    // "hi" never got an answer; "again" started the conversation.
    expect(repliesTo(waId)).toEqual(["say"]);
    const inbox = await h.db
      .selectFrom("inbox")
      .select(["status", "attempts"])
      .where("contact_index", "=", contactIndex(h.cipher, h.channelId, `wa:${waId}`))
      .orderBy("id")
      .execute();
    expect(inbox).toEqual([
      { status: "failed", attempts: MAX_CLAIMS + 1 },
      { status: "done", attempts: 1 },
    ]);
  });

  it("steps a slow conversation without holding the database or the other contacts", async () => {
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered: () => void = () => {};
    const slowStarted = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const slowWaId = "6288100000100";
    const runtime = await h.startRuntime({
      // Only the slow customer's script waits (until the test lets it finish), like a slow API would.
      runScript: async (request) => {
        if (request.variables.t !== "slow") return ok();
        entered();
        await released;
        return ok();
      },
    });
    try {
      await customerSays(slowWaId, "hi");
      await h.graph.waitFor(() => repliesTo(slowWaId).length >= 1, 20_000);
      await customerSays(slowWaId, "slow");
      await slowStarted;

      // While that script runs: the database answers at once, and other customers are answered.
      const queryStarted = performance.now();
      await h.db.selectFrom("channels").select("id").limit(1).execute();
      expect(performance.now() - queryStarted).toBeLessThan(1_000);
      const others = Array.from({ length: 5 }, (_, i) => `62881000002${String(i).padStart(2, "0")}`);
      await Promise.all(others.map((waId) => customerSays(waId, "hi")));
      await h.graph.waitFor(() => others.every((waId) => repliesTo(waId).length >= 1), 20_000);
      await Promise.all(others.map((waId) => customerSays(waId, "again")));
      await h.graph.waitFor(() => others.every((waId) => repliesTo(waId).length >= 3), 20_000);
      for (const waId of others) expect(repliesTo(waId)).toEqual(["say", "looked up again", "say"]);
      expect(repliesTo(slowWaId)).toEqual(["say"]);

      release();
      await h.graph.waitFor(() => repliesTo(slowWaId).length >= 3, 20_000);
    } finally {
      release();
      await runtime.stop();
    }
    expect(repliesTo(slowWaId)).toEqual(["say", "looked up slow", "say"]);
  });

  // A process killed with SIGKILL: only meaningful with a server that outlives it.
  it.skipIf(!process.env.DATABASE_URL)(
    "renews the lease while a step runs, and after a SIGKILL mid-step another process stores the message exactly once",
    async () => {
      const waId = "6288100000300";
      const answer = textMessage({ waId }, "x");
      const answerId = answer.message.id;
      const leaseOf = async () =>
        h.db
          .selectFrom("inbox")
          .select(["lease_owner", "lease_until", "status"])
          .where("contact_index", "=", contactIndex(h.cipher, h.channelId, `wa:${waId}`))
          .where("wa_message_id", "=", wamidIndex(h.cipher, answerId))
          .executeTakeFirst();
      // Its scripts never finish while it lives.
      const first = await spawnRuntime(h, {
        BENTENG_TEST_LEASE_MS: "1500",
        BENTENG_TEST_SCRIPT_MS: "600000",
      });
      let second: Awaited<ReturnType<typeof spawnRuntime>> | undefined;
      try {
        await customerSays(waId, "hi");
        await h.graph.waitFor(() => repliesTo(waId).length >= 1, 20_000);
        const posted = await h.post(webhookEnvelope(h.phoneNumberId, { messages: [answer] }));
        expect(posted.statusCode).toBe(200);
        const deadline = Date.now() + 20_000;
        while (!(await leaseOf())?.lease_owner && Date.now() < deadline) await sleep(50);
        const before = await leaseOf();
        expect(before?.lease_owner).toBeTruthy();
        // Three lease lengths later the step still holds it: the heartbeat renewed it.
        await sleep(4_500);
        const after = await leaseOf();
        expect(after?.lease_owner).toBe(before?.lease_owner);
        expect(after?.status).toBe("pending");
        expect(new Date(after!.lease_until!).getTime()).toBeGreaterThan(
          new Date(before!.lease_until!).getTime(),
        );

        await killRuntime(first);
        second = await spawnRuntime(h, { BENTENG_TEST_LEASE_MS: "1500", BENTENG_TEST_SCRIPT_MS: "0" });
        await h.graph.waitFor(() => repliesTo(waId).length >= 3, 20_000);
        await sleep(1_000);
      } finally {
        await killRuntime(first);
        if (second) await killRuntime(second);
      }
      expect(repliesTo(waId)).toEqual(["say", "looked up x", "say"]);
      expect(await storedFor(waId)).toEqual({
        conversations: 1,
        transcript: ["in", "out", "in", "out", "out"],
        outbox: 3,
      });
    },
  );
});
