import type { ConversationState, InboundEvent } from "@benteng/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGraphApi, startFakeGraphApi } from "../../testing/fakeGraphApi.ts";
import { buildFlow } from "../../testing/sampleFlow.ts";
import { locationMessage, webhookEnvelope } from "../../testing/webhookPayloads.ts";
import { graphClient } from "../../whatsapp/graphClient.ts";
import { readWebhook } from "../../whatsapp/readWebhook.ts";
import { toGraphPayload } from "../../whatsapp/toGraphPayload.ts";
import { webhookSchema } from "../../whatsapp/webhookSchema.ts";
import { stepConversation } from "../stepConversation.ts";

const flow = buildFlow(
  [
    { id: "start", type: "start", data: { keywords: [] } },
    {
      id: "where",
      type: "locationRequest",
      data: {
        prompt: "Where should we deliver?",
        repromptText: "Tap Send location, please.",
        maxAttempts: 2,
      },
    },
    {
      id: "card",
      type: "contactCard",
      data: { name: "Toko Ana", phones: [{ id: "p1", phone: "+62 812 3456 7890", type: "WORK" }] },
    },
    {
      id: "thanks",
      type: "message",
      data: { text: "Delivering to {{locationName}} ({{latitude}}, {{longitude}})." },
    },
    { id: "sorry", type: "message", data: { text: "No problem, call us instead." } },
  ],
  [
    ["start", "next", "where"],
    ["where", "next", "thanks"],
    ["thanks", "next", "card"],
    ["where", "giveUp", "sorry"],
  ],
);
const hi: InboundEvent = { text: "hi", messageType: "text" };
const shared = (place: InboundEvent["location"]): InboundEvent => ({
  text: "",
  location: place,
  messageType: "location",
});

async function converse(...events: InboundEvent[]) {
  let state: ConversationState | null = null;
  const steps = [];
  for (const event of events) {
    const step = await stepConversation(flow, state, event);
    state = step.state;
    steps.push(step);
  }
  return steps;
}

describe("Ask for location", () => {
  it("sends WhatsApp's location request and stores the place the customer shares", async () => {
    const [first, second] = await converse(
      hi,
      shared({ latitude: -6.2, longitude: 106.8, name: "Monas", address: "Gambir, Jakarta" }),
    );
    expect(first?.outbound.map((o) => o.message)).toEqual([
      { kind: "locationRequest", body: "Where should we deliver?" },
    ]);
    expect(first?.state.waitingAt).toBe("where");
    expect(second?.state.variables).toMatchObject({
      latitude: -6.2,
      longitude: 106.8,
      locationName: "Monas",
      locationAddress: "Gambir, Jakarta",
    });
    expect(second?.outbound.map((o) => o.message.kind)).toEqual(["text", "contacts"]);
    expect(second?.outbound[0]?.message).toEqual({
      kind: "text",
      body: "Delivering to Monas (-6.2, 106.8).",
    });
  });

  it("stores a dropped pin with an empty name and address", async () => {
    const [, second] = await converse(hi, shared({ latitude: 1.5, longitude: 2.25 }));
    expect(second?.state.variables).toMatchObject({
      latitude: 1.5,
      longitude: 2.25,
      locationName: "",
      locationAddress: "",
    });
  });

  it("asks again with the button when the answer is not a location, and gives up after maxAttempts", async () => {
    const [, typed, again] = await converse(hi, { text: "Jalan Sudirman 1", messageType: "text" }, hi);
    expect(typed?.outbound.map((o) => o.message)).toEqual([
      { kind: "locationRequest", body: "Tap Send location, please." },
    ]);
    expect(typed?.state.waitingAt).toBe("where");
    expect(typed?.state.variables.latitude).toBeUndefined();
    expect(again?.outbound.map((o) => o.message)).toEqual([
      { kind: "text", body: "No problem, call us instead." },
    ]);
  });
});

describe("location requests and contact cards on the wire", () => {
  let graph: FakeGraphApi;
  beforeAll(async () => {
    graph = await startFakeGraphApi();
  });
  afterAll(async () => {
    await graph.close();
  });

  it("builds Meta's payloads, which the fake Graph API accepts", async () => {
    const [first, second] = await converse(hi, shared({ latitude: -6.2, longitude: 106.8 }));
    const request = first?.outbound[0]?.message;
    const card = second?.outbound[1]?.message;
    expect(toGraphPayload(request!, "wa:6281")).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: "6281",
      type: "interactive",
      interactive: {
        type: "location_request_message",
        body: { text: "Where should we deliver?" },
        action: { name: "send_location" },
      },
    });
    expect(toGraphPayload(card!, "wa:6281")).toMatchObject({
      type: "contacts",
      contacts: [
        {
          // Meta wants a part of the name besides the formatted one.
          name: { formatted_name: "Toko Ana", first_name: "Toko Ana" },
          phones: [{ phone: "+62 812 3456 7890", type: "WORK" }],
        },
      ],
    });
    const client = graphClient({ graphBaseUrl: graph.url, phoneNumberId: "1055", accessToken: "tok" });
    expect(await client.sendMessage(request!, "6281")).toMatchObject({ ok: true });
    expect(await client.sendMessage(card!, "6281")).toMatchObject({ ok: true });
  });

  it("refuses what Meta refuses: an over-long request text, a card without a formatted name", async () => {
    const client = graphClient({ graphBaseUrl: graph.url, phoneNumberId: "1055", accessToken: "tok" });
    expect(
      await client.sendMessage({ kind: "locationRequest", body: "x".repeat(1025) }, "6281"),
    ).toMatchObject({
      ok: false,
      code: 131009,
    });
    expect(
      await client.sendMessage(
        { kind: "contacts", contacts: [{ name: "", phones: [], emails: [], urls: [] }] },
        "6281",
      ),
    ).toMatchObject({ ok: false, code: 131009 });
  });

  it("reads an inbound location message into the event, dropping coordinates that are no place", () => {
    const read = (place: { latitude: number; longitude: number; name?: string }) =>
      readWebhook(
        webhookSchema.parse(webhookEnvelope("111", { messages: [locationMessage({ waId: "62" }, place)] })),
        "111",
      ).messages[0]?.event;
    expect(read({ latitude: -6.2, longitude: 106.8, name: "Monas" })).toEqual({
      text: "",
      location: { latitude: -6.2, longitude: 106.8, name: "Monas" },
      messageType: "location",
    });
    expect(read({ latitude: 91, longitude: 0 })).toEqual({ text: "", messageType: "location" });
  });
});
