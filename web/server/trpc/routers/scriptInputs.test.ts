import { emptyFlow, type Flow } from "@benteng/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, data, enrolTwoFactor, mutate, query, setUpAdmin } from "../../testing/securityTestKit.ts";
import { createTestApp, type TestApp } from "../../testing/testApp.ts";

// Issue 12, F8: a marketer routes other data to a script by writing the variable it reads. Decision:
// what a variable holds is flow content (questions and set-variable blocks write it; making those
// developer-only would stop marketers collecting the answers scripts need), so the write is allowed
// and review names it: the reviewer sees which new block now feeds which script.

function orderLookup(): Flow {
  const flow = emptyFlow();
  flow.variables = [{ name: "order_id", type: "text" }];
  flow.nodes.push({
    id: "lookup",
    type: "script",
    position: { x: 300, y: 0 },
    data: {
      code: "return { found: input.order.length > 0 };",
      inputMapping: [{ field: "order", variable: "order_id" }],
      inputSchema: [{ name: "order", type: "string", required: true }],
      outputSchema: [{ name: "found", type: "boolean", required: true }],
      outputMapping: [],
      allowedHosts: [],
      secrets: [],
      timeoutMs: 1000,
      memoryMb: 32,
    },
  });
  flow.edges.push({ id: "e1", source: "start", sourceHandle: "next", target: "lookup" });
  return flow;
}

describe("data routed to a script through a variable is shown to the reviewer (F8)", () => {
  let t: TestApp;
  let developer: string;
  let marketer: string;
  let reviewer: string;
  let flowId: string;

  async function save(cookie: string, draft: Flow) {
    const { revision } = data<{ revision: number }>(await query(t, "flows.byId", { flowId }, cookie));
    return t.call("flows.save", { flowId, baseRevision: revision, draft }, { cookie });
  }
  const changesOf = async (versionId: string) =>
    data<{ scriptInputChanges: Array<{ blockId: string; variable: string; scriptBlockIds: string[] }> }>(
      await query(t, "versions.byId", { versionId }, reviewer),
    ).scriptInputChanges;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = (await enrolTwoFactor(t, await setUpAdmin(t))).cookie;
    developer = (await addMember(t, admin, "dev@example.com", ["developer"])).cookie;
    marketer = (await addMember(t, admin, "mira@example.com", ["marketer"])).cookie;
    reviewer = (await enrolTwoFactor(t, (await addMember(t, admin, "rudi@example.com", ["reviewer"])).cookie))
      .cookie;
    flowId = (await mutate<{ id: string }>(t, "flows.create", { name: "Orders" }, developer)).id;
    expect((await save(developer, orderLookup())).statusCode).toBe(200);
    const v1 = await mutate<{ id: string; contentHash: string }>(t, "versions.submit", { flowId }, developer);
    expect(await changesOf(v1.id)).toEqual([]);
    await mutate(
      t,
      "versions.approve",
      { versionId: v1.id, contentHash: v1.contentHash, warningsAcknowledged: true },
      reviewer,
    );
    await mutate(t, "versions.publish", { versionId: v1.id }, reviewer);
  });
  afterAll(() => t.close());

  it("a marketer's set-variable that fills the script's input is saved, and review names it", async () => {
    const draft = orderLookup();
    draft.nodes.push({
      id: "fill",
      type: "setVariable",
      position: { x: 150, y: 100 },
      data: { variable: "order_id", value: "{{contactPhone}}" },
    });
    draft.nodes.push({ id: "hi", type: "message", position: { x: 150, y: 200 }, data: { text: "Halo!" } });
    draft.edges = [
      { id: "e0", source: "start", sourceHandle: "next", target: "fill" },
      { id: "e1", source: "fill", sourceHandle: "next", target: "lookup" },
    ];
    expect((await save(marketer, draft)).statusCode).toBe(200);
    const v2 = await mutate<{ id: string }>(t, "versions.submit", { flowId }, marketer);
    expect(await changesOf(v2.id)).toEqual([
      { blockId: "fill", blockLabel: "Set variable", variable: "order_id", scriptBlockIds: ["lookup"] },
    ]);
  });

  it("the script's input mapping itself stays developer-only", async () => {
    const draft = orderLookup();
    const script = draft.nodes[1];
    if (script?.type !== "script") throw new Error("no script block");
    script.data.inputMapping = [{ field: "order", variable: "contactPhone" }];
    expect((await save(marketer, draft)).statusCode).toBe(403);
  });
});
