import type { ConversationState, InboundEvent, OutboundMessage } from "@benteng/shared";
import { describe, expect, it } from "vitest";
import { buildFlow, sampleFlow } from "../testing/sampleFlow.ts";
import { BLOCKED_FALLBACK_TEXT, SAFETY_NOTICE, stepConversation } from "./stepConversation.ts";

const say = (text: string, replyId?: string): InboundEvent => ({
  text,
  messageType: replyId ? "interactive" : "text",
  ...(replyId ? { replyId } : {}),
});
const bodies = (out: Array<{ message: OutboundMessage }>) => out.map((o) => o.message.body);

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
      guardOutbound: (m) => ({ blocked: m.body.includes("PIN"), reason: "asks for a PIN" }),
    });
    expect(bodies(step.outbound)).toEqual([BLOCKED_FALLBACK_TEXT]);
    expect(step.logs.join()).toContain("blocked: asks for a PIN");
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
});
