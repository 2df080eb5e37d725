import { CONTACT_USER_ID_PURPOSE, CONTACT_WA_ID_PURPOSE, contactIndex } from "@benteng/db/queries/contacts";
import { applyEarlyStatuses, markOutboxSent, wamidIndex } from "@benteng/db/queries/outbox";
import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RuntimeHarness, startRuntimeHarness } from "../testing/runtimeHarness.ts";
import {
  buttonReply,
  metaJson,
  newWamid,
  signWebhook,
  statusUpdate,
  textMessage,
  unknownTypeMessage,
  webhookEnvelope,
} from "../testing/webhookPayloads.ts";
import { webhookRoutes } from "./webhookRoutes.ts";

let h: RuntimeHarness;
beforeAll(async () => {
  h = await startRuntimeHarness();
});
afterAll(async () => {
  await h.close();
});

const countInbox = async () =>
  Number(
    (
      await h.db
        .selectFrom("inbox")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("GET /webhooks/whatsapp/:channelId (verification)", () => {
  it("answers the challenge as plain text for the right verify token, 403 otherwise, 404 for unknown channels", async () => {
    const get = (channelId: string, token: string) =>
      h.app.inject({
        method: "GET",
        url: `/webhooks/whatsapp/${channelId}?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=1158201444`,
      });
    const ok = await get(h.channelId, "verify-me");
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toBe("1158201444");
    expect(ok.headers["content-type"]).toMatch(/^text\/plain/);
    expect((await get(h.channelId, "wrong")).statusCode).toBe(403);
    expect((await get("6f1c1f3e-0000-4000-8000-000000000000", "verify-me")).statusCode).toBe(404);
  });

  it("answers 400 to a repeated or unusable hub parameter, never 5xx", async () => {
    const base = `/webhooks/whatsapp/${h.channelId}?hub.mode=subscribe&hub.challenge=1`;
    const get = (query: string) => h.app.inject({ method: "GET", url: `${base}&${query}` });
    expect((await get("hub.verify_token=verify-me&hub.verify_token=verify-me")).statusCode).toBe(400);
    expect((await get("hub.verify_token=verify-me&hub.challenge=2")).statusCode).toBe(400);
    expect((await get("hub.verify_token=verify%00me")).statusCode).toBe(400);
    expect((await get("hub.verify_token=verify-me%FF")).statusCode).toBe(403);
  });
});

describe("POST /webhooks/whatsapp/:channelId", () => {
  it("refuses missing and wrong signatures with 401 and stores nothing", async () => {
    const payload = webhookEnvelope(h.phoneNumberId, {
      messages: [textMessage({ waId: "6281200000001" }, "hi")],
    });
    const before = await countInbox();
    expect((await h.post(payload, { signature: null })).statusCode).toBe(401);
    expect((await h.post(payload, { signature: `sha256=${"0".repeat(64)}` })).statusCode).toBe(401);
    expect((await h.post(payload, { signature: "sha1=abc" })).statusCode).toBe(401);
    expect(await countInbox()).toBe(before);
  });

  it("checks the signature over the raw bytes (Meta's \\/ and \\uXXXX escaping), then stores the message", async () => {
    const payload = webhookEnvelope(h.phoneNumberId, {
      messages: [textMessage({ waId: "6281200000002", name: "Siti Nurhaliza ❤️" }, "https://shop.id/ä")],
    });
    const before = await countInbox();
    const response = await h.post(payload);
    expect(response.statusCode).toBe(200);
    expect(await countInbox()).toBe(before + 1);
    const contact = await h.db
      .selectFrom("contacts")
      .select(["identity_index", "wa_id_enc", "name_enc", "last_inbound_at"])
      .where("identity_index", "=", contactIndex(h.cipher, h.channelId, "wa:6281200000002"))
      .executeTakeFirstOrThrow();
    expect(contact.name_enc).not.toContain("Siti");
    // The number is stored encrypted, and looked up by its keyed index.
    expect(JSON.stringify(contact)).not.toContain("6281200000002");
    expect(h.cipher.decrypt(contact.wa_id_enc!, CONTACT_WA_ID_PURPOSE)).toBe("6281200000002");
    expect(h.cipher.decrypt(contact.name_enc!, "contact.name")).toBe("Siti Nurhaliza ❤️");
    expect(contact.last_inbound_at).not.toBeNull();
  });

  it("answers 404 for an unknown channel, also for an id that is not a uuid", async () => {
    const payload = webhookEnvelope(h.phoneNumberId, { messages: [textMessage({ waId: "1" }, "x")] });
    expect((await h.post(payload, { channelId: "6f1c1f3e-0000-4000-8000-000000000000" })).statusCode).toBe(
      404,
    );
    expect((await h.post(payload, { channelId: "not-a-uuid" })).statusCode).toBe(404);
  });

  it("acknowledges signed bodies that can never be stored (not UTF-8, not JSON, not a webhook) and stores nothing; 413 to a 4 MB body", async () => {
    const before = await countInbox();
    // Meta retries any non-200 for 7 days; these bytes would never become readable.
    expect((await h.post(null, { raw: '{"object":"whatsapp_business_account","entry":[' })).statusCode).toBe(
      200,
    );
    expect((await h.post(null, { raw: '{"hello":"world"}' })).statusCode).toBe(200);
    const notUtf8 = Buffer.concat([
      Buffer.from('{"object":"whatsapp_business_account","entry":[],"x":"'),
      Buffer.from([0xff, 0xfe, 0xc3]),
      Buffer.from('"}'),
    ]);
    expect((await h.post(null, { raw: notUtf8 })).statusCode).toBe(200);
    const huge = JSON.stringify({
      object: "whatsapp_business_account",
      entry: [],
      pad: "x".repeat(4 * 1024 * 1024),
    });
    expect((await h.post(null, { raw: huge })).statusCode).toBe(413);
    expect(await countInbox()).toBe(before);
  });

  it("drops (200) only the messages and statuses with a NUL or lone surrogate in an id or text over the cap; keeps a text with one, repaired; stores the rest of the batch", async () => {
    const before = await countInbox();
    const good = textMessage({ waId: "6281200000090" }, "halo");
    const payload = webhookEnvelope(h.phoneNumberId, {
      messages: [
        textMessage({ waId: "62812\u0000" }, "NUL in from"),
        textMessage({ waId: "6281200000091" }, "NUL in id", "wamid.\u0000"),
        textMessage({ waId: "6281200000092" }, "lone \ud800 surrogate"),
        textMessage({ waId: "6281200000093" }, "x".repeat(65_537)),
        good,
      ],
      statuses: [statusUpdate("wamid.\u0000bad", "delivered")],
    });
    // The escapes above are written into the JSON text itself, as Meta would send them.
    const raw = metaJson(payload).replaceAll("\\\\u", "\\u");
    const response = await h.post(null, { raw });
    expect(response.statusCode).toBe(200);
    expect(await countInbox()).toBe(before + 2);
    const stored = await h.db
      .selectFrom("inbox")
      .select("wa_message_id")
      .where("wa_message_id", "=", wamidIndex(h.cipher, good.message.id))
      .executeTakeFirst();
    expect(stored).toBeDefined();
  });

  it("stores unknown message types and user_id-only contacts without crashing; ignores other numbers' changes", async () => {
    const before = await countInbox();
    const payload = webhookEnvelope(h.phoneNumberId, {
      messages: [
        unknownTypeMessage({ waId: "6281200000003" }),
        textMessage({ userId: "ID.1234567890" }, "halo"),
      ],
    });
    expect((await h.post(payload)).statusCode).toBe(200);
    expect(await countInbox()).toBe(before + 2);
    const contact = await h.db
      .selectFrom("contacts")
      .select(["wa_id_enc", "user_id_enc"])
      .where("identity_index", "=", contactIndex(h.cipher, h.channelId, "user:ID.1234567890"))
      .executeTakeFirstOrThrow();
    expect(contact.wa_id_enc).toBeNull();
    expect(h.cipher.decrypt(contact.user_id_enc!, CONTACT_USER_ID_PURPOSE)).toBe("ID.1234567890");
    const otherNumber = webhookEnvelope("999999", {
      messages: [textMessage({ waId: "6281200000004" }, "hi")],
    });
    expect((await h.post(otherNumber)).statusCode).toBe(200);
    expect(await countInbox()).toBe(before + 2);
  });

  it("answers 200 to a status for an unknown wamid and changes nothing", async () => {
    const payload = webhookEnvelope(h.phoneNumberId, {
      statuses: [statusUpdate("wamid.unknown", "delivered")],
    });
    expect((await h.post(payload)).statusCode).toBe(200);
  });

  it("answers 200 to a failed status whose error code no integer column holds (2^63, 1e308), keeping the status", async () => {
    for (const code of [2 ** 63, 1e308, -(2 ** 40), 1.5]) {
      const payload = webhookEnvelope(h.phoneNumberId, {
        statuses: [statusUpdate("wamid.unknown", "failed", undefined, code)],
      });
      expect((await h.post(payload)).statusCode).toBe(200);
    }
  });
});

describe("when the database fails", () => {
  it("answers non-200 (Meta retries) and acknowledges nothing that was not stored", async () => {
    let down = false;
    // The same database behind a switch that makes every statement fail, like a PostgreSQL outage.
    const flaky = h.db.withPlugin({
      transformQuery(args) {
        if (down) throw new Error("connection refused");
        return args.node;
      },
      transformResult: async (args) => args.result,
    });
    const app = Fastify({ logger: false });
    await app.register(webhookRoutes, { db: flaky, cipher: h.cipher });
    const body = metaJson(
      webhookEnvelope(h.phoneNumberId, { messages: [textMessage({ waId: "6281200000009" }, "hi")] }),
    );
    const post = () =>
      app.inject({
        method: "POST",
        url: `/webhooks/whatsapp/${h.channelId}`,
        headers: {
          "content-type": "application/json",
          "x-hub-signature-256": signWebhook(body, h.appSecret),
        },
        payload: body,
      });
    const before = await countInbox();
    // A verification request warms the channel cache, so the failure hits the insert itself.
    await app.inject({
      method: "GET",
      url: `/webhooks/whatsapp/${h.channelId}?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1`,
    });
    down = true;
    const failed = await post();
    expect(failed.statusCode).toBe(503);
    expect(failed.body).not.toContain("connection refused");
    expect(await countInbox()).toBe(before);
    down = false;
    expect((await post()).statusCode).toBe(200);
    expect(await countInbox()).toBe(before + 1);
    await app.close();
  });
});

describe("the message path end to end", () => {
  it("replays the same webhook 5 times and replies once; a button reply takes the right branch", async () => {
    const runtime = await h.startRuntime();
    const customer = { waId: "6281299990001" };
    const hello = webhookEnvelope(h.phoneNumberId, { messages: [textMessage(customer, "hi", newWamid())] });
    for (let i = 0; i < 5; i++) expect((await h.post(hello)).statusCode).toBe(200);
    const toCustomer = () => h.graph.messages.filter((m) => m.body.to === customer.waId);
    await h.graph.waitFor(() => toCustomer().length >= 2);
    await h.post(webhookEnvelope(h.phoneNumberId, { messages: [textMessage(customer, "4242")] }));
    await h.graph.waitFor(() => toCustomer().length >= 3);
    expect(toCustomer()[2]!.body).toMatchObject({ type: "interactive", interactive: { type: "button" } });
    await h.post(
      webhookEnvelope(h.phoneNumberId, {
        messages: [buttonReply(customer, { id: "cancel", title: "Cancel it" })],
      }),
    );
    await h.graph.waitFor(() => toCustomer().length >= 4);
    await new Promise((r) => setTimeout(r, 200));
    const texts = toCustomer().map(
      (m) => (m.body.text as { body?: string } | undefined)?.body ?? "(interactive)",
    );
    expect(texts).toEqual([
      "Hi! I'm the shop assistant.",
      "What is your order number?",
      "(interactive)",
      "Order 4242 is cancelled.",
    ]);
    expect(toCustomer()[0]!.headers.authorization).toBe("Bearer test-access-token");
    await runtime.stop();
  });

  it("moves statuses forward only: read is not undone by a late delivered or sent", async () => {
    // The wamid the Graph API answered with; the outbox stores only its blind index.
    const wamid = h.graph.messages.find((m) => m.waMessageId)!.waMessageId!;
    const row = await h.db
      .selectFrom("outbox")
      .select(["id"])
      .where("wa_message_id", "=", wamidIndex(h.cipher, wamid))
      .executeTakeFirstOrThrow();
    const status = async () =>
      (await h.db.selectFrom("outbox").select("status").where("id", "=", row.id).executeTakeFirstOrThrow())
        .status;
    await h.post(webhookEnvelope(h.phoneNumberId, { statuses: [statusUpdate(wamid, "read")] }));
    expect(await status()).toBe("read");
    await h.post(
      webhookEnvelope(h.phoneNumberId, {
        statuses: [statusUpdate(wamid, "delivered"), statusUpdate(wamid, "sent")],
      }),
    );
    await h.post(webhookEnvelope(h.phoneNumberId, { statuses: [statusUpdate(wamid, "read")] }));
    expect(await status()).toBe("read");
    await h.post(
      webhookEnvelope(h.phoneNumberId, { statuses: [statusUpdate(wamid, "failed", undefined, 131026)] }),
    );
    expect(await status()).toBe("failed");
    await h.post(webhookEnvelope(h.phoneNumberId, { statuses: [statusUpdate(wamid, "delivered")] }));
    expect(await status()).toBe("failed");
  });

  it("keeps a status that beats the sender's record of its wamid, and applies it once the wamid is known", async () => {
    // The sender has had the Graph API's answer but not yet stored it when Meta's webhook arrives.
    const row = await h.db
      .selectFrom("outbox")
      .select(["id"])
      .where("status", "=", "sent")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    await h.db.updateTable("outbox").set({ wa_message_id: null }).where("id", "=", row.id).execute();
    const wamid = newWamid();
    const early = () =>
      h.db
        .selectFrom("early_statuses")
        .select(["status"])
        .where("wa_message_id", "=", wamidIndex(h.cipher, wamid))
        .execute();
    await h.post(webhookEnvelope(h.phoneNumberId, { statuses: [statusUpdate(wamid, "read")] }));
    expect(
      (await h.post(webhookEnvelope(h.phoneNumberId, { statuses: [statusUpdate(wamid, "delivered")] })))
        .statusCode,
    ).toBe(200);
    expect(await early()).toEqual([{ status: "read" }]);

    await markOutboxSent(h.db, [{ id: row.id, waMessageIndex: wamidIndex(h.cipher, wamid) }]);
    expect(await applyEarlyStatuses(h.db)).toBe(1);
    const stored = await h.db
      .selectFrom("outbox")
      .select(["status"])
      .where("id", "=", row.id)
      .executeTakeFirstOrThrow();
    expect(stored.status).toBe("read");
    expect(await early()).toEqual([]);

    // A status for a wamid this channel never sent waits, applies to nothing, and expires.
    await h.post(
      webhookEnvelope(h.phoneNumberId, { statuses: [statusUpdate("wamid.never-sent", "delivered")] }),
    );
    expect(await applyEarlyStatuses(h.db)).toBe(0);
    await applyEarlyStatuses(h.db, 0);
    expect(
      await h.db
        .selectFrom("early_statuses")
        .select("wa_message_id")
        .where("channel_id", "=", h.channelId)
        .execute(),
    ).toEqual([]);
  });

  it("stores transcripts encrypted and masks card numbers", async () => {
    const runtime = await h.startRuntime();
    const customer = { waId: "6281299990002" };
    await h.post(
      webhookEnvelope(h.phoneNumberId, {
        messages: [textMessage(customer, "my card is 4111 1111 1111 1111")],
      }),
    );
    await h.graph.waitFor((all) => all.filter((m) => m.body.to === customer.waId).length >= 2);
    await runtime.stop();
    const lines = await h.db
      .selectFrom("transcript")
      .innerJoin("conversations", "conversations.id", "transcript.conversation_id")
      .innerJoin("contacts", "contacts.id", "conversations.contact_id")
      .select(["transcript.body_enc", "transcript.direction"])
      .where("contacts.identity_index", "=", contactIndex(h.cipher, h.channelId, "wa:6281299990002"))
      .orderBy("transcript.id")
      .execute();
    expect(lines[0]!.body_enc).not.toContain("1111");
    expect(h.cipher.decrypt(lines[0]!.body_enc, "transcript.body")).toBe("my card is •••• •••• •••• 1111");
    expect(lines.map((l) => l.direction)).toEqual(["in", "out", "out"]);
  });
});
