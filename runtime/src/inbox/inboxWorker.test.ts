import { connectDatabase } from "@benteng/db";
import { contactIndex } from "@benteng/db/queries/contacts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRuntime } from "../runtimeService.ts";
import { type RuntimeHarness, startRuntimeHarness } from "../testing/runtimeHarness.ts";
import { buildFlow } from "../testing/sampleFlow.ts";
import { textMessage, webhookEnvelope } from "../testing/webhookPayloads.ts";

// Echoes every answer: "got <n>" then asks again, so the order of replies shows the order of processing.
const echoFlow = buildFlow(
  [
    { id: "start", type: "start", data: {} },
    { id: "ask", type: "question", data: { prompt: "say", variable: "t" } },
    { id: "echo", type: "message", data: { text: "got {{t}}" } },
  ],
  [
    ["start", "next", "ask"],
    ["ask", "next", "echo"],
    ["echo", "next", "ask"],
  ],
);

let h: RuntimeHarness;
beforeAll(async () => {
  h = await startRuntimeHarness({ flow: echoFlow });
});
afterAll(async () => {
  await h.close();
});

const textOf = (body: Record<string, unknown>) => (body.text as { body?: string } | undefined)?.body;

describe("inbox workers", () => {
  // PGlite has a single connection, so concurrency across processes can only be shown on PostgreSQL.
  it.skipIf(!process.env.DATABASE_URL)(
    "process 200 messages of 20 contacts across 2 runtimes in per-contact order, losing and repeating nothing",
    async () => {
      const second = await connectDatabase({ kind: "postgres", url: h.url!, poolSize: 4 });
      const runtimes = [
        await h.startRuntime({ workers: 2, batchSize: 8, rateLimitPerSecond: 100_000 }),
        await startRuntime({
          db: second.db,
          cipher: h.cipher,
          workers: 2,
          batchSize: 8,
          pollMs: 20,
          rateLimitPerSecond: 100_000,
        }),
      ];
      const contacts = Array.from({ length: 20 }, (_, i) => `62877000${String(i).padStart(4, "0")}`);
      // Each contact sends 10 messages one after another; the contacts send concurrently.
      await Promise.all(
        contacts.map(async (waId) => {
          for (let n = 0; n < 10; n++) {
            const response = await h.post(
              webhookEnvelope(h.phoneNumberId, { messages: [textMessage({ waId }, String(n))] }),
            );
            expect(response.statusCode).toBe(200);
          }
        }),
      );
      await h.graph.waitFor(
        (all) => all.filter((m) => textOf(m.body)?.startsWith("got")).length >= 180,
        30_000,
      );
      await new Promise((r) => setTimeout(r, 300));
      for (const r of runtimes) await r.stop();
      await second.close();

      for (const waId of contacts) {
        const replies = h.graph.messages.filter((m) => m.body.to === waId).map((m) => textOf(m.body));
        expect(replies.filter((t) => t?.startsWith("got"))).toEqual(
          Array.from({ length: 9 }, (_, i) => `got ${i + 1}`),
        );
        expect(replies.length).toBe(19);
      }
      const pending = await h.db.selectFrom("inbox").select("id").where("status", "!=", "done").execute();
      expect(pending).toEqual([]);
    },
  );

  it("pins a conversation to the version it started on", async () => {
    const runtime = await h.startRuntime();
    const waId = "6287799990001";
    await h.post(webhookEnvelope(h.phoneNumberId, { messages: [textMessage({ waId }, "hi")] }));
    await h.graph.waitFor((all) => all.some((m) => m.body.to === waId));
    // Publish a new version that would greet differently; the running conversation must not notice.
    const { createVersion, publishVersion } = await import("@benteng/db/queries/flowVersions");
    const flowId = (await h.db.selectFrom("flows").select("id").executeTakeFirstOrThrow()).id;
    const changed = buildFlow(
      [
        { id: "start", type: "start", data: {} },
        { id: "ask", type: "question", data: { prompt: "new version", variable: "t" } },
        { id: "echo", type: "message", data: { text: "v2 {{t}}" } },
      ],
      [
        ["start", "next", "ask"],
        ["ask", "next", "echo"],
      ],
    );
    const v2 = await createVersion(h.db, {
      workspaceId: h.workspaceId,
      flowId,
      document: changed,
      lintReport: [],
      status: "approved",
      note: "",
      userId: null,
    });
    await publishVersion(h.db, h.workspaceId, flowId, v2.id);
    await h.post(webhookEnvelope(h.phoneNumberId, { messages: [textMessage({ waId }, "x")] }));
    await h.graph.waitFor((all) => all.filter((m) => m.body.to === waId).length >= 3);
    await runtime.stop();
    expect(h.graph.messages.filter((m) => m.body.to === waId).map((m) => textOf(m.body))).toEqual([
      "say",
      "got x",
      "say",
    ]);
  });

  it("starts a new conversation after the session timeout", async () => {
    const runtime = await h.startRuntime({ sessionTimeoutMs: 1 });
    const waId = "6287799990002";
    const replies = () => h.graph.messages.filter((m) => m.body.to === waId).map((m) => textOf(m.body));
    await h.post(webhookEnvelope(h.phoneNumberId, { messages: [textMessage({ waId }, "hi")] }));
    await h.graph.waitFor(() => replies().length >= 1);
    await new Promise((r) => setTimeout(r, 20));
    await h.post(webhookEnvelope(h.phoneNumberId, { messages: [textMessage({ waId }, "x")] }));
    await h.graph.waitFor(() => replies().length >= 2);
    await runtime.stop();
    // "x" did not answer the old question: the idle conversation ended and a new one greeted again.
    expect(replies()[1]).not.toBe("got x");
    const statuses = await h.db
      .selectFrom("conversations")
      .innerJoin("contacts", "contacts.id", "conversations.contact_id")
      .select("conversations.status")
      .where("contacts.identity_index", "=", contactIndex(h.cipher, h.channelId, `wa:${waId}`))
      .orderBy("conversations.created_at")
      .execute();
    expect(statuses.map((s) => s.status)).toEqual(["ended", "active"]);
    // The old conversation's trace says why it ended, after the question it waited at.
    const trace = await h.db
      .selectFrom("conversation_trace as t")
      .innerJoin("conversations as c", "c.id", "t.conversation_id")
      .innerJoin("contacts", "contacts.id", "c.contact_id")
      .select(["t.block_id", "t.action", "t.outcome", "c.status"])
      .where("contacts.identity_index", "=", contactIndex(h.cipher, h.channelId, `wa:${waId}`))
      .orderBy("t.id")
      .execute();
    expect(trace.filter((r) => r.status === "ended").map((r) => [r.block_id, r.action, r.outcome])).toEqual([
      ["start", "enter", "next"],
      ["ask", "enter", "wait"],
      ["system", "system", "ended"],
    ]);
  });
});
