import { TRACE_DETAIL_PURPOSE } from "@benteng/db/queries/conversationTrace";
import { everyBlockFlow } from "@benteng/runtime/testing/sampleFlow";
import type { TraceEntry } from "@benteng/shared";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LiveChannel, startLiveChannel } from "../../testing/liveChannel.ts";
import { data, query, setUpAdmin } from "../../testing/securityTestKit.ts";
import { createTestApp, type TestApp } from "../../testing/testApp.ts";

type Insight = {
  visits: number;
  exits: number;
  dropOff: number;
  waiting: number;
  errors: number;
  errorsByKind: Record<string, number>;
};
type Insights = {
  blocks: Record<string, Insight>;
  daily: Array<{ day: string; conversations: number; errors: number; handoffs: number }>;
};
type Trace = {
  flowId: string;
  entries: Array<TraceEntry & { id: string }>;
  deliveries: Array<{ status: string }>;
};

const customers = {
  budi: { waId: "6281200000001", name: "Budi" },
  sari: { waId: "6281200000002", name: "Sari" },
  ana: { waId: "6281200000003", name: "Ana" },
  dewi: { waId: "6281200000004", name: "Dewi" },
};

/**
 * Signed webhooks through the real runtime and the real sandbox, on a flow with a block of every
 * type whose script fails its input schema (a Number question feeding a string input): the trace
 * says why, per conversation, and the insights drawn on the canvas count what the trace holds.
 */
describe("conversation trace and insights", () => {
  let t: TestApp;
  let admin: string;
  let live: LiveChannel;
  let flowId: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await setUpAdmin(t);
    flowId = data<{ id: string }>(await t.call("flows.create", { name: "Shop" }, { cookie: admin })).id;
    live = await startLiveChannel(t, flowId, everyBlockFlow());
  }, 120_000);
  afterAll(async () => {
    await live?.close();
    await t?.close();
  });

  /** A customer message that gets no reply: wait until the runtime stored its outcome. */
  const settle = async () => {
    for (let i = 0; i < 300; i++) {
      const pending = await t.db
        .selectFrom("inbox")
        .select(sql<number>`count(*)::int`.as("n"))
        .where("status", "=", "pending")
        .executeTakeFirstOrThrow();
      if (Number(pending.n) === 0) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error("the runtime did not process the message");
  };
  const conversationOf = async (name: string) => {
    const list = data<Array<{ id: string; customer: string }>>(
      await query(t, "conversations.list", {}, admin),
    );
    return list.find((c) => c.customer === name)?.id as string;
  };

  it("records every step with the script's reason and counts every block type", async () => {
    const { budi, sari, ana, dewi } = customers;
    // Budi: reaches the handoff after the script fails.
    await live.customerSays("hi", 2, budi);
    await live.customerSays("An order", 1, budi);
    await live.customerSays("3", 1, budi);
    await live.customerSays("Yes please", 1, budi);
    // Sari: "Something else" ends at once.
    await live.customerSays("hi", 2, sari);
    await live.customerSays("Something else", 0, sari);
    await settle();
    // Ana: gives an answer that is not a number, then stops.
    await live.customerSays("hi", 2, ana);
    await live.customerSays("An order", 1, ana);
    await live.customerSays("abc", 1, ana);
    // Dewi: through the failed script, then declines a person.
    await live.customerSays("hi", 2, dewi);
    await live.customerSays("An order", 1, dewi);
    await live.customerSays("5", 1, dewi);
    await live.customerSays("No thanks", 0, dewi);
    await settle();

    const budiTrace = data<Trace>(
      await query(t, "conversations.trace", { conversationId: await conversationOf("Budi") }, admin),
    );
    expect(budiTrace.flowId).toBe(flowId);
    const path = budiTrace.entries.map(
      (e) => `${e.blockId}:${e.action}:${e.outcome}${e.output ? `:${e.output}` : ""}`,
    );
    expect(path).toEqual([
      "start:enter:next:next",
      "hello:enter:next:next",
      "topic:enter:wait",
      "topic:resume:next:order",
      "source:enter:next:next",
      "ask:enter:wait",
      "ask:resume:next:next",
      "calc:enter:next:error",
      "check:enter:next:schema",
      "menu:enter:wait",
      "menu:resume:next:human",
      "agent:enter:handoff",
    ]);
    const calc = budiTrace.entries.find((e) => e.blockId === "calc");
    expect(calc?.script?.ok).toBe(false);
    expect(calc?.script?.error?.kind).toBe("input-schema");
    expect(calc?.script?.error?.message).toMatch(/amount/);
    expect(calc?.script?.error?.message).toMatch(/expected string, received number/);
    expect(budiTrace.entries.find((e) => e.blockId === "ask" && e.action === "resume")?.variables).toEqual({
      amount: "3",
    });
    const hello = budiTrace.entries.find((e) => e.blockId === "hello");
    expect(hello?.sent).toBe(1);
    expect(hello?.guard).toBeUndefined(); // passed: only blocked decisions are kept
    // Steps with nothing private store no encrypted detail (the hot path encrypts only what it must).
    const plain = await t.db
      .selectFrom("conversation_trace")
      .select("block_id")
      .where("detail_enc", "is", null)
      .where("block_id", "in", ["start", "hello", "check"])
      .execute();
    expect(plain.length).toBeGreaterThanOrEqual(3);
    expect(budiTrace.deliveries).toHaveLength(5);
    expect(budiTrace.deliveries.every((d) => ["sent", "delivered", "read"].includes(d.status))).toBe(true);

    // Stored encrypted: the reason is not in clear in the database.
    const stored = await t.db
      .selectFrom("conversation_trace")
      .select(["detail_enc", "error_kind"])
      .where("block_id", "=", "calc")
      .execute();
    expect(stored.map((r) => r.error_kind)).toEqual(["input-schema", "input-schema"]);
    expect(stored[0]?.detail_enc).not.toMatch(/expected string/);
    expect(
      JSON.stringify(t.cipher.decryptJson(stored[0]?.detail_enc as string, TRACE_DETAIL_PURPOSE)),
    ).toMatch(/expected string/);

    let insights = data<Insights>(await query(t, "flows.insights", { flowId, range: "today" }, admin));
    const counts = (b: string) => {
      const i = insights.blocks[b];
      return i ? [i.visits, i.exits, i.dropOff, i.waiting, i.errors] : undefined;
    };
    //                                 visits exits dropOff waiting errors
    expect(counts("start")).toEqual([4, 4, 0, 0, 0]);
    expect(counts("hello")).toEqual([4, 4, 0, 0, 0]);
    expect(counts("topic")).toEqual([4, 4, 0, 0, 0]);
    expect(counts("source")).toEqual([3, 3, 0, 0, 0]);
    expect(counts("ask")).toEqual([3, 2, 0, 1, 0]);
    expect(counts("calc")).toEqual([2, 2, 0, 0, 2]);
    expect(insights.blocks.calc?.errorsByKind).toEqual({ "input-schema": 2 });
    expect(counts("check")).toEqual([2, 2, 0, 0, 0]);
    expect(counts("menu")).toEqual([2, 2, 0, 0, 0]);
    expect(counts("agent")).toEqual([1, 0, 0, 1, 0]);
    expect(counts("done")).toEqual([2, 0, 0, 0, 0]);
    expect(insights.blocks.thanks).toBeUndefined();
    expect(insights.daily).toEqual([
      { day: new Date().toISOString().slice(0, 10), conversations: 4, errors: 2, handoffs: 1 },
    ]);

    // Ana stops answering and sends the stop word: she dropped off at the question.
    await live.customerSays("stop", 1, ana);
    insights = data<Insights>(await query(t, "flows.insights", { flowId, range: "today" }, admin));
    expect(counts("ask")).toEqual([3, 2, 1, 0, 0]);

    // The range: Sari's steps ten days ago count in 30 days, not in 7.
    const sariId = await conversationOf("Sari");
    await sql`update conversation_trace set created_at = now() - interval '10 days'
      where conversation_id = ${sariId}::uuid`.execute(t.db);
    const week = data<Insights>(await query(t, "flows.insights", { flowId, range: "7d" }, admin));
    const month = data<Insights>(await query(t, "flows.insights", { flowId, range: "30d" }, admin));
    expect([week.blocks.start?.visits, month.blocks.start?.visits]).toEqual([3, 4]);
    expect([week.blocks.done?.visits, month.blocks.done?.visits]).toEqual([1, 2]);
  }, 180_000);

  it("answers 404 for a conversation or flow that is not the member's, and 400 for a bad range", async () => {
    // Sari's conversation moved to another workspace: its trace is not this member's to read, and
    // it no longer counts in this workspace's insights.
    const sariId = await conversationOf("Sari");
    const other = await t.db
      .insertInto("workspaces")
      .values({ name: "Elsewhere", link_allowlist: sql<string[]>`'[]'::jsonb` })
      .returning("id")
      .executeTakeFirstOrThrow();
    await t.db
      .updateTable("conversations")
      .set({ workspace_id: other.id })
      .where("id", "=", sariId)
      .execute();
    expect((await query(t, "conversations.trace", { conversationId: sariId }, admin)).statusCode).toBe(404);
    const month = data<Insights>(await query(t, "flows.insights", { flowId, range: "30d" }, admin));
    expect(month.blocks.start?.visits).toBe(3);
    const stranger = "00000000-0000-4000-8000-000000000000";
    expect((await query(t, "conversations.trace", { conversationId: stranger }, admin)).statusCode).toBe(404);
    expect((await query(t, "flows.insights", { flowId: stranger, range: "7d" }, admin)).statusCode).toBe(404);
    expect((await query(t, "flows.insights", { flowId, range: "year" }, admin)).statusCode).toBe(400);
  });
});
