import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RuntimeHarness, startRuntimeHarness } from "../testing/runtimeHarness.ts";
import { buildFlow } from "../testing/sampleFlow.ts";
import { textMessage, webhookEnvelope } from "../testing/webhookPayloads.ts";
import { toGraphPayload } from "../whatsapp/toGraphPayload.ts";

/** A file uploaded to Benteng, as the media block refers to it (see web/server/mediaRoutes.ts). */
const UPLOADED = {
  sha256: "3f".repeat(32),
  ext: "pdf",
  mimeType: "application/pdf",
  bytes: 2048,
  name: "Price list.pdf",
};

let h: RuntimeHarness;
beforeAll(async () => {
  h = await startRuntimeHarness({
    flow: buildFlow(
      [
        { id: "start", type: "start", data: { keywords: [] } },
        {
          id: "ask",
          type: "question",
          data: { prompt: "Which invoice?", variable: "invoice", input: { type: "text" }, maxAttempts: 2 },
        },
        {
          id: "doc",
          type: "media",
          data: {
            kind: "document",
            url: "https://cdn.shop.example/invoices/{{invoice}}.pdf",
            caption: "Invoice {{invoice}}",
            filename: "Invoice {{invoice}}.pdf",
          },
        },
        {
          id: "sticker",
          type: "media",
          data: { kind: "sticker", url: "https://cdn.shop.example/thanks.webp" },
        },
        {
          id: "uploaded",
          type: "media",
          data: { kind: "document", url: "", file: UPLOADED },
        },
        { id: "end", type: "end", data: {} },
      ],
      [
        ["start", "next", "ask"],
        ["ask", "next", "doc"],
        ["doc", "next", "sticker"],
        ["sticker", "next", "uploaded"],
        ["uploaded", "next", "end"],
      ],
    ),
  });
});
afterAll(async () => {
  await h.close();
});

describe("media block", () => {
  it("sends a document and a sticker by link, with the customer's answer encoded into the link, and an uploaded file from Benteng's public URL", async () => {
    const runtime = await h.startRuntime({ publicUrl: "https://bot.example.com" });
    const waId = "6285500000077";
    const say = (text: string) =>
      h.post(webhookEnvelope(h.phoneNumberId, { messages: [textMessage({ waId }, text)] }));
    const sent = () => h.graph.messages.filter((m) => m.body.to === waId);
    await say("hi");
    await h.graph.waitFor(() => sent().length >= 1);
    await say("A-7/../../admin?x");
    await h.graph.waitFor(() => sent().length >= 4);
    await runtime.stop();
    const [, document, sticker, uploaded] = sent().map((m) => m.body);
    expect(document).toMatchObject({
      type: "document",
      document: {
        link: "https://cdn.shop.example/invoices/A-7%2F..%2F..%2Fadmin%3Fx.pdf",
        caption: "Invoice A-7/../../admin?x",
        filename: "Invoice A-7/../../admin?x.pdf",
      },
    });
    expect(sticker).toMatchObject({
      type: "sticker",
      sticker: { link: "https://cdn.shop.example/thanks.webp" },
    });
    expect(sticker?.sticker).not.toHaveProperty("caption");
    // An uploaded file goes out as a link to Benteng's own copy, named as it was uploaded; the fake
    // Graph API took it (it refuses links that are not https).
    expect(uploaded).toMatchObject({
      type: "document",
      document: {
        link: `https://bot.example.com/media/${UPLOADED.sha256}.pdf`,
        filename: "Price list.pdf",
      },
    });
  });

  it("is what the Graph API takes: the fake refuses what Meta refuses (a caption on audio)", async () => {
    const send = (body: unknown) =>
      fetch(`${h.graph.url}/${h.phoneNumberId}/messages`, {
        method: "POST",
        headers: { authorization: "Bearer t", "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const audio = toGraphPayload(
      { kind: "media", mediaType: "audio", link: "https://cdn.shop.example/a.mp3" },
      "wa:6285500000078",
    );
    expect((await send(audio)).status).toBe(200);
    const refused = await send({
      ...audio,
      audio: { link: "https://cdn.shop.example/a.mp3", caption: "hi" },
    });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { code: number } }).error.code).toBe(131009);
  });
});
