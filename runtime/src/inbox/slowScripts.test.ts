import { scriptError } from "@benteng/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RuntimeHarness, startRuntimeHarness } from "../testing/runtimeHarness.ts";
import { buildFlow } from "../testing/sampleFlow.ts";
import { textMessage, webhookEnvelope } from "../testing/webhookPayloads.ts";

// A flow where customers who answer "slow" reach a script that runs to its 3 s limit, and the others
// are answered at once: a crowd of the first must not hold up the second.
let h: RuntimeHarness;
beforeAll(async () => {
  h = await startRuntimeHarness({
    flow: buildFlow(
      [
        { id: "start", type: "start", data: { keywords: [] } },
        {
          id: "ask",
          type: "question",
          data: { prompt: "Which?", variable: "which", input: { type: "text" }, maxAttempts: 2 },
        },
        {
          id: "route",
          type: "condition",
          data: {
            branches: [{ id: "slow", rules: [{ variable: "which", operator: "equals", value: "slow" }] }],
          },
        },
        { id: "script", type: "script", data: { code: "await new Promise(() => {});" } },
        { id: "after", type: "message", data: { text: "Script done." } },
        { id: "fast", type: "message", data: { text: "Right away." } },
      ],
      [
        ["start", "next", "ask"],
        ["ask", "next", "route"],
        ["route", "slow", "script"],
        ["route", "else", "fast"],
        ["script", "success", "after"],
        ["script", "error", "after"],
      ],
    ),
  });
});
afterAll(async () => {
  await h.close();
});

describe("a conversation whose script runs long", () => {
  it("delays only itself: with every claim slot's worth of customers waiting on scripts, another customer is answered at once", async () => {
    // Four claim slots; each script waits its whole 3 s limit, as the sandbox's would.
    const runtime = await h.startRuntime({
      batchSize: 4,
      maxInFlight: 4,
      runScript: () =>
        new Promise((resolve) =>
          setTimeout(() => resolve({ ok: false, error: scriptError("timeout", "3 s limit") }), 3_000),
        ),
    });
    const say = (waId: string, text: string) =>
      h.post(webhookEnvelope(h.phoneNumberId, { messages: [textMessage({ waId }, text)] }));
    const texts = (waId: string) =>
      h.graph.messages
        .filter((m) => m.body.to === waId)
        .map((m) => (m.body.text as { body?: string } | undefined)?.body);
    const crowd = Array.from({ length: 12 }, (_, i) => `62811000000${String(i).padStart(2, "0")}`);
    const other = "6281199999999";
    for (const waId of [...crowd, other]) await say(waId, "hi");
    await h.graph.waitFor(() => [...crowd, other].every((w) => texts(w).length >= 1), 30_000);
    for (const waId of crowd) await say(waId, "slow");
    const asked = performance.now();
    await say(other, "fast");
    await h.graph.waitFor(() => texts(other).includes("Right away."), 30_000);
    const waited = performance.now() - asked;
    // Before, the crowd held all four slots for 3 s at a time: about 9 s for the other customer.
    expect(waited).toBeLessThan(6_000);
    await h.graph.waitFor(() => crowd.every((w) => texts(w).includes("Script done.")), 60_000);
    await runtime.stop();
  });
});
