import { emptyFlow, type Flow, type ScriptData, scriptPlaceholderData } from "@benteng/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, data, enrolTwoFactor, mutate, query, setUpAdmin } from "../../testing/securityTestKit.ts";
import { createTestApp, type TestApp } from "../../testing/testApp.ts";

const DEVELOPERS_SCRIPT: ScriptData = {
  code: "return { tier: input.phone.startsWith('62') ? 'local' : 'intl' };",
  inputMapping: [{ field: "phone", variable: "customer_phone" }],
  inputSchema: [{ name: "phone", type: "string", required: true }],
  outputSchema: [{ name: "tier", type: "string", required: true }],
  outputMapping: [{ field: "tier", variable: "tier" }],
  allowedHosts: [],
  secrets: [],
  timeoutMs: 1000,
  memoryMb: 32,
};

/** Start → greeting, plus the given script blocks. */
function flowWith(scripts: Record<string, ScriptData>, greeting = "Hello!"): Flow {
  const flow = emptyFlow();
  flow.nodes.push({ id: "hello", type: "message", position: { x: 300, y: 0 }, data: { text: greeting } });
  flow.edges.push({ id: "e1", source: "start", sourceHandle: "next", target: "hello" });
  let x = 600;
  for (const [id, d] of Object.entries(scripts)) {
    flow.nodes.push({ id, type: "script", position: { x, y: 0 }, data: d });
    x += 300;
  }
  return flow;
}

const ID_LIKE = /[0-9a-f]{8}-[0-9a-f]{4}|\bscr\b|\btodo\b/;

describe("privilege by field and hand-over between marketers and developers (issue 12 item 7a, issue 16 item 3)", () => {
  let t: TestApp;
  let developer: string;
  let marketer: string;
  let flowId: string;

  async function saveAs(cookie: string, draft: Flow) {
    const { revision } = data<{ revision: number }>(await query(t, "flows.byId", { flowId }, developer));
    return t.call("flows.save", { flowId, baseRevision: revision, draft }, { cookie });
  }
  const stored = async () => data<{ draft: Flow }>(await query(t, "flows.byId", { flowId }, developer)).draft;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = (await enrolTwoFactor(t, await setUpAdmin(t))).cookie;
    developer = (await addMember(t, admin, "dev@example.com", ["developer"])).cookie;
    marketer = (await addMember(t, admin, "mira@example.com", ["marketer"])).cookie;
    flowId = (await mutate<{ id: string }>(t, "flows.create", { name: "Tiers" }, developer)).id;
    expect((await saveAs(developer, flowWith({ scr: DEVELOPERS_SCRIPT }))).statusCode).toBe(200);
  });
  afterAll(() => t.close());

  it.each([
    ["input mapping", { inputMapping: [{ field: "phone", variable: "secret_note" }] }],
    ["output mapping", { outputMapping: [{ field: "tier", variable: "discount" }] }],
    ["input schema", { inputSchema: [{ name: "phone", type: "string", required: false }] }],
    ["output schema", { outputSchema: [] }],
    ["time limit", { timeoutMs: 3000 }],
    ["memory limit", { memoryMb: 64 }],
    ["code", { code: "return { tier: 'vip' };" }],
    ["hosts", { allowedHosts: ["evil.example"] }],
  ] as const)(
    "refuses a marketer's change to the script's %s, in words that say what to do",
    async (_, change) => {
      const res = await saveAs(
        marketer,
        flowWith({ scr: { ...DEVELOPERS_SCRIPT, ...change } as ScriptData }),
      );
      expect(res.statusCode).toBe(403);
      const message: string = res.json().error.message;
      expect(message).toMatch(/Only developers can change a script's code, the data it receives and returns/);
      expect(message).toMatch(/Ask a developer/);
      expect(message).not.toMatch(ID_LIKE);
      expect((await stored()).nodes.find((n) => n.id === "scr")?.data).toEqual(DEVELOPERS_SCRIPT);
    },
  );

  it("lets a developer change the same fields", async () => {
    const changed = { ...DEVELOPERS_SCRIPT, timeoutMs: 2000 };
    expect((await saveAs(developer, flowWith({ scr: changed }))).statusCode).toBe(200);
    expect((await saveAs(developer, flowWith({ scr: DEVELOPERS_SCRIPT }))).statusCode).toBe(200);
  });

  it("a marketer places a 'script needed' placeholder, a developer fills it in, and the marketer keeps saving", async () => {
    const withPlaceholder = flowWith({ scr: DEVELOPERS_SCRIPT, todo: scriptPlaceholderData() });
    const placed = await saveAs(marketer, withPlaceholder);
    expect(placed.statusCode).toBe(200);
    // The placeholder is a problem until a developer writes it: the flow cannot be submitted yet.
    const findings = placed.json().result.data.findings as Array<{ ruleId: string; blockId: string }>;
    expect(findings).toContainEqual(expect.objectContaining({ ruleId: "scriptNeeded", blockId: "todo" }));
    const submit = await t.call("versions.submit", { flowId, note: "" }, { cookie: marketer });
    expect(submit.statusCode).toBe(400);
    expect(submit.json().error.message).toMatch(/Script needed: a developer must write this script/);

    // The marketer cannot fill it in herself …
    const filledByMarketer = await saveAs(
      marketer,
      flowWith({ scr: DEVELOPERS_SCRIPT, todo: { ...scriptPlaceholderData(), code: "return {};" } }),
    );
    expect(filledByMarketer.statusCode).toBe(403);
    // … the developer does.
    const filled = { ...DEVELOPERS_SCRIPT, code: "return { tier: 'gold' };" };
    expect((await saveAs(developer, flowWith({ scr: DEVELOPERS_SCRIPT, todo: filled }))).statusCode).toBe(
      200,
    );
    // Every later save of the marketer's that leaves the scripts alone goes through.
    const edit = await saveAs(marketer, flowWith({ scr: DEVELOPERS_SCRIPT, todo: filled }, "Hi there!"));
    expect(edit.statusCode).toBe(200);
  });

  it("a marketer may remove her own unfilled placeholder but not a developer's script; later saves still work", async () => {
    const base = flowWith({
      scr: DEVELOPERS_SCRIPT,
      todo: { ...DEVELOPERS_SCRIPT, code: "return { tier: 'gold' };" },
    });
    expect((await saveAs(developer, base)).statusCode).toBe(200);
    expect(
      (await saveAs(marketer, flowWith({ scr: DEVELOPERS_SCRIPT, spare: scriptPlaceholderData() })))
        .statusCode,
    ).toBe(403); // "todo" (written by the developer) would disappear
    const placeholderAdded = flowWith({
      scr: DEVELOPERS_SCRIPT,
      todo: { ...DEVELOPERS_SCRIPT, code: "return { tier: 'gold' };" },
      spare: scriptPlaceholderData(),
    });
    expect((await saveAs(marketer, placeholderAdded)).statusCode).toBe(200);
    expect((await saveAs(marketer, base)).statusCode).toBe(200); // her placeholder removed again

    const withoutDevScript = flowWith({ todo: { ...DEVELOPERS_SCRIPT, code: "return { tier: 'gold' };" } });
    const removed = await saveAs(marketer, withoutDevScript);
    expect(removed.statusCode).toBe(403);
    expect(removed.json().error.message).toBe(
      "Only a developer can remove a script block a developer wrote. Ask a developer to remove it, or leave it in place.",
    );
    // Nothing was stored, so the next save based on what the server has goes through.
    expect(
      (
        await saveAs(
          marketer,
          flowWith(
            { scr: DEVELOPERS_SCRIPT, todo: { ...DEVELOPERS_SCRIPT, code: "return { tier: 'gold' };" } },
            "Welcome back!",
          ),
        )
      ).statusCode,
    ).toBe(200);
  });

  it("refuses a marketer's new script with code, through save, create and import alike", async () => {
    const sneaky = flowWith({
      scr: DEVELOPERS_SCRIPT,
      todo: { ...DEVELOPERS_SCRIPT, code: "return { tier: 'gold' };" },
      extra: { ...scriptPlaceholderData(), outputMapping: [{ field: "x", variable: "y" }] },
    });
    const res = await saveAs(marketer, sneaky);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toMatch(/Add a “Script needed” placeholder instead/);
    expect(
      (await t.call("flows.create", { name: "Sneaky", draft: sneaky }, { cookie: marketer })).statusCode,
    ).toBe(403);
    expect(
      (await t.call("flows.import", { name: "Sneaky", document: sneaky }, { cookie: marketer })).statusCode,
    ).toBe(403);
    // A new flow with only a placeholder is fine.
    const ok = await t.call(
      "flows.create",
      { name: "Needs a script", draft: flowWith({ todo: scriptPlaceholderData() }) },
      { cookie: marketer },
    );
    expect(ok.statusCode).toBe(200);
  });

  it("'keep mine as a copy': a marketer may copy the developer's scripts as they are, never altered", async () => {
    const current = await stored();
    const mine = structuredClone(current);
    const hello = mine.nodes.find((n) => n.id === "hello");
    if (hello?.type === "message") hello.data.text = "My own greeting";
    const copy = await t.call(
      "flows.create",
      { name: "Tiers (my copy)", draft: mine, copyOf: flowId },
      { cookie: marketer },
    );
    expect(copy.statusCode).toBe(200);
    // Leaving a script out of the copy takes nothing away from anyone.
    const fewer = { ...mine, nodes: mine.nodes.filter((n) => n.id !== "scr") };
    expect(
      (await t.call("flows.create", { name: "Fewer", draft: fewer, copyOf: flowId }, { cookie: marketer }))
        .statusCode,
    ).toBe(200);
    // Naming a source does not let an altered script through.
    const altered = structuredClone(mine);
    const scr = altered.nodes.find((n) => n.id === "scr");
    if (scr?.type === "script") scr.data.inputMapping = [{ field: "phone", variable: "otp" }];
    const refused = await t.call(
      "flows.create",
      { name: "Altered", draft: altered, copyOf: flowId },
      { cookie: marketer },
    );
    expect(refused.statusCode).toBe(403);
  });
});
