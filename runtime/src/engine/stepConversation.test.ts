import type { ConversationState, InboundEvent, OutboundMessage, TraceEntry } from "@benteng/shared";
import { describe, expect, it } from "vitest";
import { guardVerdict } from "../composition/engine.ts";
import { buildFlow, everyBlockFlow, sampleFlow } from "../testing/sampleFlow.ts";
import { BLOCKED_FALLBACK_TEXT, SAFETY_NOTICE, stepConversation } from "./stepConversation.ts";
import type { StepDeps } from "./stepDeps.ts";

const say = (text: string, replyId?: string): InboundEvent => ({
  text,
  messageType: replyId ? "interactive" : "text",
  ...(replyId ? { replyId } : {}),
});
const bodies = (out: Array<{ message: OutboundMessage }>) =>
  out.map((o) =>
    "body" in o.message ? o.message.body : o.message.kind === "media" ? o.message.caption : undefined,
  );

/** Runs a conversation through several customer messages and returns every step's result. */
async function converse(flow = sampleFlow(), ...events: InboundEvent[]) {
  let state: ConversationState | null = null;
  const steps = [];
  for (const event of events) {
    const step = await stepConversation(flow, state, event);
    state = step.state;
    steps.push(step);
  }
  return steps;
}

describe("stepConversation", () => {
  it("starts a new conversation at the start block and waits at the first question", async () => {
    const [first] = await converse(sampleFlow(), say("hi"));
    expect(bodies(first!.outbound)).toEqual(["Hi! I'm the shop assistant.", "What is your order number?"]);
    expect(first!.state).toMatchObject({ status: "active", waitingAt: "ask" });
    expect(first!.visited).toEqual(["start", "hello", "ask"]);
  });

  it("follows the condition and the tapped button's branch with variables filled in", async () => {
    const steps = await converse(sampleFlow(), say("hi"), say("4242"), say("Track it", "track"));
    expect(steps[1]!.outbound[0]!.message).toMatchObject({
      kind: "buttons",
      body: "Order 4242: what do you need?",
    });
    expect(bodies(steps[2]!.outbound)).toEqual(["Order 4242 is on its way."]);
    expect(steps[2]!.state.status).toBe("ended");
  });

  it("matches a typed button title case-insensitively and re-sends the buttons otherwise", async () => {
    const steps = await converse(sampleFlow(), say("hi"), say("4242"), say("maybe"), say("CANCEL IT"));
    expect(steps[2]!.outbound[0]!.message.kind).toBe("buttons");
    expect(steps[2]!.state.waitingAt).toBe("menu");
    expect(bodies(steps[3]!.outbound)).toEqual(["Order 4242 is cancelled."]);
  });

  it("takes the else branch when no rule holds", async () => {
    const steps = await converse(sampleFlow(), say("hi"), say("7"));
    expect(bodies(steps[1]!.outbound)).toEqual(["Order 7 is archived."]);
  });

  it("re-prompts invalid answers and takes the give-up path after maxAttempts", async () => {
    const steps = await converse(sampleFlow(), say("hi"), say("abc"), say("-5"));
    expect(bodies(steps[1]!.outbound)).toEqual(["Sorry, I didn't get that. Please try again."]);
    expect(steps[1]!.state.attempts).toBe(1);
    expect(bodies(steps[2]!.outbound)).toEqual(["Let me find a person to help you."]);
    expect(steps[2]!.state.status).toBe("handoff");
  });

  it("stays silent during a handoff and starts again after the end", async () => {
    const steps = await converse(sampleFlow(), say("hi"), say("x"), say("x"), say("hello?"));
    expect(steps[3]!.outbound).toEqual([]);
    expect(steps[3]!.logs.join()).toContain("agent");
    const ended = await converse(sampleFlow(), say("hi"), say("7"), say("again"));
    expect(bodies(ended[2]!.outbound)[0]).toBe("Hi! I'm the shop assistant.");
  });

  it("honours stop, help and restart keywords in any language at any block", async () => {
    const stop = await converse(sampleFlow(), say("hi"), say("BERHENTI"));
    expect(stop[1]!.state.status).toBe("ended");
    expect(bodies(stop[1]!.outbound)[0]).toContain("Anda tidak akan menerima");
    const help = await converse(sampleFlow(), say("hi"), say("ayuda"));
    expect(help[1]!.state.waitingAt).toBe("ask");
    expect(bodies(help[1]!.outbound)[0]).toContain("Responde");
    const restart = await converse(sampleFlow(), say("hi"), say("4242"), say("restart"));
    expect(restart[2]!.state.waitingAt).toBe("ask");
    expect(bodies(restart[2]!.outbound)).toEqual([
      "Hi! I'm the shop assistant.",
      "What is your order number?",
    ]);
    const helpFirst = await converse(sampleFlow(), say("help"), say("hi"));
    expect(helpFirst[0]!.state.status).toBe("ended");
    expect(bodies(helpFirst[1]!.outbound)[0]).toBe("Hi! I'm the shop assistant.");
    // A keyword inside a longer answer is an answer, not a command.
    const answer = await converse(sampleFlow(), say("hi"), say("4242"), say("stop the order"));
    expect(answer[2]!.state.waitingAt).toBe("menu");
  });

  it("stays idle when start keywords are set and the first message matches none", async () => {
    const flow = buildFlow(
      [
        { id: "start", type: "start", data: { keywords: ["promo"] } },
        { id: "m", type: "message", data: { text: "Here is the promo" } },
      ],
      [["start", "next", "m"]],
    );
    const [idle] = await converse(flow, say("hello"));
    expect(idle!.outbound).toEqual([]);
    const [started] = await converse(flow, say("I want the PROMO please"));
    expect(bodies(started!.outbound)).toEqual(["Here is the promo"]);
  });

  it("adds the safety notice once per conversation to the first message", async () => {
    const steps = await converse(sampleFlow({ safetyNotice: true }), say("hi"), say("4242"));
    expect(bodies(steps[0]!.outbound)[0]).toBe(`Hi! I'm the shop assistant.\n\n${SAFETY_NOTICE}`);
    expect(bodies(steps[0]!.outbound)[1]).not.toContain(SAFETY_NOTICE);
    expect(bodies(steps[1]!.outbound).join()).not.toContain(SAFETY_NOTICE);
  });

  it("ends a flow that loops without waiting, with a clear log", async () => {
    const flow = buildFlow(
      [
        { id: "start", type: "start", data: {} },
        { id: "a", type: "setVariable", data: { variable: "n", value: "x" } },
        { id: "b", type: "setVariable", data: { variable: "n", value: "y" } },
      ],
      [
        ["start", "next", "a"],
        ["a", "next", "b"],
        ["b", "next", "a"],
      ],
    );
    const [step] = await converse(flow, say("hi"));
    expect(step!.state.status).toBe("ended");
    expect(step!.loopGuardTripped).toBe(true);
    expect(step!.logs.join()).toMatch(/stopped after 200 blocks/);
  });

  it("treats customer text as data: templates in answers are not expanded", async () => {
    const flow = buildFlow(
      [
        { id: "start", type: "start", data: {} },
        { id: "q", type: "question", data: { prompt: "Name?", variable: "name" } },
        { id: "s", type: "setVariable", data: { variable: "secret", value: "s3cr3t" } },
        { id: "m", type: "message", data: { text: "Hello {{name}}" } },
      ],
      [
        ["start", "next", "q"],
        ["q", "next", "s"],
        ["s", "next", "m"],
      ],
    );
    const steps = await converse(flow, say("hi"), say("{{secret}}"));
    expect(bodies(steps[1]!.outbound)).toEqual(["Hello {{secret}}"]);
  });

  it("replaces an outbound message the guard blocks with a safe fallback and logs it", async () => {
    const flow = buildFlow(
      [
        { id: "start", type: "start", data: {} },
        { id: "m", type: "message", data: { text: "Send us your PIN" } },
      ],
      [["start", "next", "m"]],
    );
    const step = await stepConversation(flow, null, say("hi"), {
      guardOutbound: (m) => ({ blocked: "body" in m && m.body.includes("PIN"), reason: "asks for a PIN" }),
    });
    expect(bodies(step.outbound)).toEqual([BLOCKED_FALLBACK_TEXT]);
    expect(step.logs.join()).toContain("blocked: asks for a PIN");
  });

  it("guards a message read after the earlier ones of the same turn, and log-in links by the allow-list", async () => {
    const flow = buildFlow(
      [
        { id: "start", type: "start", data: {} },
        {
          id: "m1",
          type: "message",
          data: { text: "To confirm it is you, reply in the next message with your" },
        },
        { id: "m2", type: "message", data: { text: "ATM PIN" } },
        { id: "q", type: "question", data: { prompt: "What is your name?", variable: "name" } },
        { id: "m3", type: "message", data: { text: "Thanks {{name}}" } },
      ],
      [
        ["start", "next", "m1"],
        ["m1", "next", "m2"],
        ["m2", "next", "q"],
        ["q", "next", "m3"],
      ],
    );
    const deps: StepDeps = {
      guardOutbound: (m, where) =>
        guardVerdict(m, {
          earlier: where.earlier,
          ...(where.linkAllowlist ? { linkAllowlist: where.linkAllowlist } : {}),
        }),
      linkAllowlist: ["bank.example"],
    };
    const first = await stepConversation(flow, null, say("hi"), deps);
    // Each text alone passes; together they ask for the ATM PIN, so the second is withheld.
    expect(bodies(first.outbound)).toEqual([
      "To confirm it is you, reply in the next message with your",
      BLOCKED_FALLBACK_TEXT,
      "What is your name?",
    ]);
    expect(first.trace.find((e) => e.blockId === "m2")?.guard?.[0]?.reason).toMatch(
      /^Read together with the messages just before it/,
    );
    // A customer's answer echoed back: a log-in link to a host the workspace does not vouch for is a lure.
    const lure = await stepConversation(
      flow,
      first.state,
      say("Please log in to verify your account at https://bit.ly/abc123"),
      deps,
    );
    expect(bodies(lure.outbound)).toEqual([BLOCKED_FALLBACK_TEXT]);
    const own = await stepConversation(
      flow,
      first.state,
      say("Please log in to see your statement at https://bank.example/statements"),
      deps,
    );
    expect(bodies(own.outbound)).toEqual([
      "Thanks Please log in to see your statement at https://bank.example/statements",
    ]);
  });

  it("evaluates condition operators with and/or", async () => {
    const flow = (combinator: "and" | "or", rules: unknown[]) =>
      buildFlow(
        [
          { id: "start", type: "start", data: {} },
          { id: "s", type: "setVariable", data: { variable: "city", value: "Jakarta" } },
          { id: "c", type: "condition", data: { branches: [{ id: "yes", combinator, rules }] } },
          { id: "y", type: "message", data: { text: "yes" } },
          { id: "n", type: "message", data: { text: "no" } },
        ],
        [
          ["start", "next", "s"],
          ["s", "next", "c"],
          ["c", "yes", "y"],
          ["c", "else", "n"],
        ],
      );
    const run = async (combinator: "and" | "or", rules: unknown[]) =>
      bodies((await stepConversation(flow(combinator, rules), null, say("hi"))).outbound)[0];
    expect(await run("and", [{ variable: "city", operator: "equals", value: "jakarta" }])).toBe("yes");
    expect(await run("and", [{ variable: "city", operator: "notEquals", value: "Jakarta" }])).toBe("no");
    expect(await run("and", [{ variable: "city", operator: "contains", value: "KART" }])).toBe("yes");
    expect(await run("and", [{ variable: "city", operator: "matches", value: "^ja" }])).toBe("yes");
    expect(await run("and", [{ variable: "nope", operator: "isNotSet" }])).toBe("yes");
    expect(
      await run("and", [
        { variable: "city", operator: "isSet" },
        { variable: "nope", operator: "isSet" },
      ]),
    ).toBe("no");
    expect(
      await run("or", [
        { variable: "city", operator: "isSet" },
        { variable: "nope", operator: "isSet" },
      ]),
    ).toBe("yes");
    expect(await run("and", [{ variable: "city", operator: "matches", value: "(" }])).toBe("no");
  });

  it("cuts a filled-in text at WhatsApp's limit before the guard sees it, however long the answer", async () => {
    const flow = buildFlow(
      [
        { id: "start", type: "start", data: { keywords: [] } },
        { id: "ask", type: "question", data: { prompt: "Name?", variable: "name", input: { type: "text" } } },
        {
          id: "menu",
          type: "buttons",
          data: { body: "Hi {{name}}", buttons: [{ id: "ok", title: "{{name}}" }] },
        },
      ],
      [
        ["start", "next", "ask"],
        ["ask", "next", "menu"],
      ],
    );
    const seen: number[] = [];
    const deps = {
      guardOutbound: (m: OutboundMessage) => {
        if ("body" in m) seen.push(m.body.length);
        return { blocked: false };
      },
    };
    const first = await stepConversation(flow, null, say("hi"), deps);
    const answer = "pin:".repeat(16_384);
    const second = await stepConversation(flow, first.state, say(answer), deps);
    const menu = second.outbound[0]!.message;
    expect(menu.kind === "buttons" && [menu.body.length, menu.buttons[0]!.title]).toEqual([
      1024,
      "pin:pin:pin:pin:pin…",
    ]);
    expect(Math.max(...seen)).toBe(1024);
    expect(second.state.variables.name).toBe(answer);
  });

  it("traces every block: entered or resumed, output taken, variables set, script error, guard, sends", async () => {
    // The sandbox's verdict on a Number answer fed to a string input, as the real sandbox returns it.
    const deps: StepDeps = {
      runScript: async () => ({
        ok: false,
        error: { kind: "input-schema", message: "amount: Invalid input: expected string, received number" },
      }),
      guardOutbound: (m) =>
        "body" in m && m.body.includes("wrong") ? { blocked: true, reason: "test rule" } : { blocked: false },
    };
    let state: ConversationState | null = null;
    const trace: TraceEntry[] = [];
    for (const text of ["hi", "An order", "3", "Yes please", "hello?"]) {
      const step = await stepConversation(everyBlockFlow(), state, say(text), deps);
      state = step.state;
      trace.push(...step.trace);
    }
    const short = trace.map((e) => [e.blockId, e.action, e.outcome, e.output ?? null]);
    expect(short).toEqual([
      ["start", "enter", "next", "next"],
      ["hello", "enter", "next", "next"],
      ["topic", "enter", "wait", null],
      ["topic", "resume", "next", "order"],
      ["source", "enter", "next", "next"],
      ["ask", "enter", "wait", null],
      ["ask", "resume", "next", "next"],
      ["calc", "enter", "next", "error"],
      ["check", "enter", "next", "schema"],
      ["menu", "enter", "wait", null],
      ["menu", "resume", "next", "human"],
      ["agent", "enter", "handoff", null],
      ["system", "system", "none", null],
    ]);
    const at = (blockId: string, action = "enter") =>
      trace.find((e) => e.blockId === blockId && e.action === action);
    expect(at("topic", "resume")?.variables).toEqual({ topic: "An order" });
    expect(at("source")?.variables).toEqual({ source: "whatsapp An order" });
    expect(at("ask", "resume")?.variables).toEqual({ amount: "3" });
    expect(at("calc")?.script).toEqual({
      ok: false,
      error: { kind: "input-schema", message: "amount: Invalid input: expected string, received number" },
    });
    expect(at("calc")?.variables).toEqual({
      lastScriptError: "input-schema: amount: Invalid input: expected string, received number",
    });
    expect(at("hello")?.sent).toBe(1);
    expect(at("hello")?.guard).toEqual([{ blocked: false }]);
    expect(at("menu")?.guard).toEqual([{ blocked: true, reason: "test rule" }]);
    expect(at("menu")?.notes?.[0]).toMatch(/blocked: test rule; fallback sent/);
    expect(trace.at(-1)?.notes).toEqual(["conversation is with an agent: the bot stays silent"]);
    expect(blockTypesSeen(trace)).toEqual(
      [
        "buttons",
        "condition",
        "handoff",
        "list",
        "message",
        "question",
        "script",
        "setVariable",
        "start",
      ].sort(),
    );
  });

  it("traces keywords, a path that stops and the loop guard", async () => {
    const stop = await stepConversation(sampleFlow(), null, say("STOP"));
    expect(stop.trace).toEqual([
      expect.objectContaining({
        blockId: "system",
        action: "system",
        notes: ["customer sent a stop keyword: conversation ended"],
      }),
    ]);
    const dangling = buildFlow(
      [
        { id: "start", type: "start", data: { keywords: [] } },
        { id: "m", type: "message", data: { text: "hi" } },
      ],
      [["start", "next", "m"]],
    );
    const ended = await stepConversation(dangling, null, say("hi"));
    expect(ended.trace.at(-1)).toMatchObject({ blockId: "m", outcome: "stopped", output: "next" });
    const loop = buildFlow(
      [
        { id: "start", type: "start", data: { keywords: [] } },
        { id: "a", type: "setVariable", data: { variable: "x", value: "1" } },
      ],
      [
        ["start", "next", "a"],
        ["a", "next", "a"],
      ],
    );
    const looped = await stepConversation(loop, null, say("hi"), { maxBlocksPerStep: 5 });
    expect(looped.trace.filter((e) => e.blockId === "a").at(-1)?.outcome).toBe("stopped");
    expect(looped.trace.at(-1)?.notes?.[0]).toMatch(/the flow loops/);
  });
});

function blockTypesSeen(trace: Array<{ blockType: string | null }>) {
  return [...new Set(trace.flatMap((e) => (e.blockType ? [e.blockType] : [])))].sort();
}

describe("built-in variables", () => {
  it("fills in the customer's profile name, redacted phone and channel before any block runs", async () => {
    const flow = buildFlow(
      [
        { id: "start", type: "start", data: { keywords: [] } },
        { id: "hi", type: "message", data: { text: "Hi {{contactName}} ({{contactPhone}}, {{channel}})" } },
      ],
      [["start", "next", "hi"]],
    );
    const step = await stepConversation(
      flow,
      null,
      say("hello"),
      {},
      {
        contactName: "Budi",
        contactPhone: "•••• 7890",
        channel: "whatsapp",
      },
    );
    expect(bodies(step.outbound)).toEqual(["Hi Budi (•••• 7890, whatsapp)"]);
  });
});
