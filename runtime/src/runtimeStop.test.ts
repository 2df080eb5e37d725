// Runtime.stop, as a supervisor's SIGTERM reaches it: claims nothing more, lets the steps in hand
// finish within the grace, and hands the ones still running back to the queue (nothing of theirs is
// stored) so the next runtime answers them — every customer exactly once. PGlite by default,
// PostgreSQL with DATABASE_URL; the real processes are in web/server/shutdown.test.ts.
import { contactIndex } from "@benteng/db/queries/contacts";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ScriptOutcome } from "./engine/stepDeps.ts";
import { type RuntimeHarness, startRuntimeHarness } from "./testing/runtimeHarness.ts";
import { buildFlow } from "./testing/sampleFlow.ts";
import { textMessage, webhookEnvelope } from "./testing/webhookPayloads.ts";

// Every first message runs a script block, then "looked up".
const scriptFlow = buildFlow(
  [
    { id: "start", type: "start", data: {} },
    { id: "lookup", type: "script", data: { code: "return {}" } },
    { id: "done", type: "message", data: { text: "looked up" } },
    { id: "oops", type: "message", data: { text: "lookup failed" } },
  ],
  [
    ["start", "next", "lookup"],
    ["lookup", "success", "done"],
    ["lookup", "error", "oops"],
  ],
);

let h: RuntimeHarness;
beforeAll(async () => {
  h = await startRuntimeHarness({ flow: scriptFlow });
});
afterAll(async () => {
  await h.close();
});

const textOf = (body: Record<string, unknown>) => (body.text as { body?: string } | undefined)?.body;
const repliesTo = (waId: string) =>
  h.graph.messages.filter((m) => m.body.to === waId).map((m) => textOf(m.body));
const customersSay = async (waIds: string[]) => {
  for (const waId of waIds) {
    const response = await h.post(
      webhookEnvelope(h.phoneNumberId, { messages: [textMessage({ waId }, "hi")] }),
    );
    expect(response.statusCode).toBe(200);
  }
};
const inboxOf = (since: number) =>
  h.db
    .selectFrom("inbox")
    .select(["status", "lease_owner", "attempts"])
    .where("id", ">", String(since))
    .orderBy("id")
    .execute();
const lastInboxId = async () =>
  Number(
    (
      await h.db
        .selectFrom("inbox")
        .select(({ fn }) => fn.max("id").as("id"))
        .executeTakeFirst()
    )?.id ?? 0,
  );

describe("stopping the runtime", () => {
  it("hands back the messages still running when the grace ends, and the next runtime answers each once", async () => {
    const since = await lastInboxId();
    const customers = ["6288200000001", "6288200000002", "6288200000003"];
    await customersSay(customers);
    // Scripts that would outlast any grace: the first runtime is stopped while all three wait.
    const started: Array<(outcome: ScriptOutcome) => void> = [];
    const first = await h.startRuntime({
      runScript: () => new Promise<ScriptOutcome>((resolve) => started.push(resolve)),
    });
    await expect.poll(() => started.length, { timeout: 30_000 }).toBe(3);
    await first.stop({ graceMs: 200 });

    // Back in the queue at once: no lease, and the claim that gave them back is not counted.
    expect(await inboxOf(since)).toEqual(
      customers.map(() => ({ status: "pending", lease_owner: null, attempts: 0 })),
    );
    // The abandoned steps finishing later store nothing and send nothing.
    for (const resolve of started) resolve({ ok: true, output: {} });
    await new Promise((r) => setTimeout(r, 300));
    for (const c of customers) expect(repliesTo(c)).toEqual([]);

    const next = await h.startRuntime({ runScript: async () => ({ ok: true, output: {} }) });
    await h.graph.waitFor(() => customers.every((c) => repliesTo(c).length > 0), 30_000);
    await new Promise((r) => setTimeout(r, 500));
    for (const c of customers) expect(repliesTo(c)).toEqual(["looked up"]);
    expect((await inboxOf(since)).map((r) => r.status)).toEqual(customers.map(() => "done"));
    await next.stop();
  });

  it("lets the steps in hand finish within the grace: stored, replies sent, before stop returns", async () => {
    const since = await lastInboxId();
    const customers = ["6288200000011", "6288200000012"];
    await customersSay(customers);
    let running = 0;
    const runtime = await h.startRuntime({
      runScript: async () => {
        running++;
        await new Promise((r) => setTimeout(r, 500));
        return { ok: true, output: {} };
      },
    });
    await expect.poll(() => running, { timeout: 30_000 }).toBe(2);
    await runtime.stop({ graceMs: 20_000 });
    for (const c of customers) expect(repliesTo(c)).toEqual(["looked up"]);
    expect((await inboxOf(since)).map((r) => r.status)).toEqual(customers.map(() => "done"));
  });

  it("after the grace, hands back the replies not yet sent (due now, no attempt counted) and records those sent", async () => {
    const since = await lastInboxId();
    const customers = ["6288200000021", "6288200000022", "6288200000023", "6288200000024"];
    await customersSay(customers);
    // One send a second: when the stop comes, the first reply is out and the others wait their turn.
    const runtime = await h.startRuntime({
      runScript: async () => ({ ok: true, output: {} }),
      rateLimitPerSecond: 1,
    });
    await h.graph.waitFor(() => customers.some((c) => repliesTo(c).length > 0), 30_000);
    await expect
      .poll(async () => (await inboxOf(since)).map((r) => r.status), { timeout: 30_000 })
      .toEqual(customers.map(() => "done"));
    await runtime.stop({ graceMs: 0 });
    const sentBeforeStop = customers.filter((c) => repliesTo(c).length > 0).length;
    expect(sentBeforeStop).toBeLessThan(customers.length);
    const rows = await h.db
      .selectFrom("outbox")
      .innerJoin("contacts", "contacts.id", "outbox.contact_id")
      .select(["outbox.status", "outbox.lease_owner", "outbox.attempts"])
      .select(sql<boolean>`outbox.next_attempt_at <= now()`.as("due"))
      .where(
        "contacts.identity_index",
        "in",
        customers.map((c) => contactIndex(h.cipher, h.channelId, `wa:${c}`)),
      )
      .execute();
    // What went out is on record; nothing stays leased to the stopped process; the rest is due now.
    expect(rows.filter((r) => r.status === "sent")).toHaveLength(sentBeforeStop);
    expect(rows.filter((r) => r.status === "queued")).toEqual(
      Array.from({ length: customers.length - sentBeforeStop }, () => ({
        status: "queued",
        lease_owner: null,
        attempts: 0,
        due: true,
      })),
    );
    // The restart sends them at once, each customer's reply exactly once.
    const next = await h.startRuntime({ runScript: async () => ({ ok: true, output: {} }) });
    await h.graph.waitFor(() => customers.every((c) => repliesTo(c).length > 0), 30_000);
    await new Promise((r) => setTimeout(r, 300));
    for (const c of customers) expect(repliesTo(c)).toEqual(["looked up"]);
    await next.stop();
  });
});
