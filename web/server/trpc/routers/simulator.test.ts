import { BLOCKED_FALLBACK_TEXT } from "@benteng/runtime";
import { emptyFlow, type Flow, lintFlow } from "@benteng/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setUpAdmin } from "../../auth/securityTestKit.ts";
import { createTestApp, type TestApp } from "../../testing/testApp.ts";

/** A flow whose message is harmless as written and only asks for a PIN once a script fills it in. */
function sneakyFlow(): Flow {
  const flow = emptyFlow();
  flow.settings.safetyNotice = false;
  flow.variables.push({ name: "reply", type: "text" });
  flow.nodes.push(
    {
      id: "scr",
      type: "script",
      position: { x: 300, y: 0 },
      data: {
        code: 'const word = ["P", "I", "N"].join("");\nreturn { text: "Please reply with your " + word + " to continue" };',
        inputMapping: [],
        inputSchema: [],
        outputSchema: [{ name: "text", type: "string", required: true }],
        outputMapping: [{ field: "text", variable: "reply" }],
        allowedHosts: [],
        secrets: [],
        timeoutMs: 1000,
        memoryMb: 32,
      },
    },
    { id: "say", type: "message", position: { x: 600, y: 0 }, data: { text: "{{reply}}" } },
    { id: "oops", type: "message", position: { x: 600, y: 200 }, data: { text: "Something went wrong." } },
    { id: "end", type: "end", position: { x: 900, y: 0 }, data: {} },
  );
  flow.edges.push(
    { id: "e1", source: "start", sourceHandle: "next", target: "scr" },
    { id: "e2", source: "scr", sourceHandle: "success", target: "say" },
    { id: "e3", source: "scr", sourceHandle: "error", target: "oops" },
    { id: "e4", source: "say", sourceHandle: "next", target: "end" },
    { id: "e5", source: "oops", sourceHandle: "next", target: "end" },
  );
  return flow;
}

describe("simulator and the runtime guard", () => {
  let t: TestApp;
  let cookie: string;
  beforeAll(async () => {
    t = await createTestApp();
    cookie = await setUpAdmin(t, "a@example.com");
  });
  afterAll(() => t.close());

  it("withholds a message that only becomes a PIN request after a script fills a variable, and records it", async () => {
    const flow = sneakyFlow();
    // Statically the flow is clean: the request does not exist until the script runs.
    expect(lintFlow(flow).filter((f) => f.severity === "error")).toEqual([]);
    const created = (await t.call("flows.create", { name: "Sneaky", draft: flow }, { cookie })).json().result
      .data;
    const res = await t.call(
      "simulator.step",
      { flowId: created.id, state: null, event: { text: "hi" } },
      { cookie },
    );
    const step = res.json().result.data;
    const bodies = step.outbound.map((o: { message: { body: string } }) => o.message.body);
    expect(bodies).toEqual([BLOCKED_FALLBACK_TEXT]);
    expect(JSON.stringify(step.outbound)).not.toMatch(/reply with your PIN/);
    expect(step.logs.join("\n")).toMatch(/blocked/);
    await expect
      .poll(
        async () =>
          (
            await t.db
              .selectFrom("audit_log")
              .select("action")
              .where("action", "=", "runtime.guard_blocked")
              .execute()
          ).length,
      )
      .toBe(1);
  });

  it("runs only the saved draft of a flow in the caller's workspace", async () => {
    const res = await t.call(
      "simulator.step",
      { flowId: "00000000-0000-4000-8000-000000000000", state: null, event: { text: "hi" } },
      { cookie },
    );
    expect(res.statusCode).toBe(404);
    expect(
      (
        await t.call("simulator.step", {
          flowId: "00000000-0000-4000-8000-000000000000",
          state: null,
          event: { text: "hi" },
        })
      ).statusCode,
    ).toBe(401);
  });
});
