import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RuntimeHarness, startRuntimeHarness } from "../testing/runtimeHarness.ts";
import { buttonReply, textMessage, webhookEnvelope } from "../testing/webhookPayloads.ts";

// The message path against a Graph API that speaks HTTP/2 over TLS, as graph.facebook.com does.
let h: RuntimeHarness;
beforeAll(async () => {
  h = await startRuntimeHarness({ graphTls: true });
});
afterAll(async () => {
  await h.close();
});

const textOf = (body: Record<string, unknown>) => (body.text as { body?: string } | undefined)?.body ?? "";

describe("replies over HTTP/2", () => {
  it("answers every contact's three messages, in order, over HTTP/2 streams of few connections", async () => {
    await h.startRuntime({ rateLimitPerSecond: 100_000 });
    const contacts = Array.from({ length: 12 }, (_, i) => `62878000${String(i).padStart(4, "0")}`);
    await Promise.all(
      contacts.map(async (waId, i) => {
        for (const message of [
          textMessage({ waId }, "hi"),
          textMessage({ waId }, String(2000 + i)),
          buttonReply({ waId }, { id: "track", title: "Track it" }),
        ]) {
          // The next message after this one's reply, as a customer who reads before answering.
          const before = h.graph.messages.filter((m) => m.body.to === waId).length;
          const response = await h.post(webhookEnvelope(h.phoneNumberId, { messages: [message] }));
          expect(response.statusCode).toBe(200);
          await h.graph.waitFor((all) => all.filter((m) => m.body.to === waId).length > before, 20_000);
        }
      }),
    );
    await h.graph.waitFor(
      (all) =>
        contacts.every((waId) =>
          all.some((m) => m.body.to === waId && textOf(m.body).includes("on its way")),
        ),
      20_000,
    );
    for (const [i, waId] of contacts.entries()) {
      const replies = h.graph.messages.filter((m) => m.body.to === waId);
      expect(replies[0] && textOf(replies[0].body)).toMatch(/^Hi!/);
      expect(replies.at(-1) && textOf(replies.at(-1)!.body)).toBe(`Order ${2000 + i} is on its way.`);
      // Exactly once each: no reply repeated.
      expect(new Set(replies.map((m) => m.waMessageId)).size).toBe(replies.length);
    }
    expect(h.graph.messages.every((m) => m.httpVersion === "2.0")).toBe(true);
    expect(h.graph.connections).toBeLessThan(h.graph.messages.length / 4);
  }, 60_000);
});
