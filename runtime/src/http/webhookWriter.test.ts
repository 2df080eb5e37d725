import { CONTACT_WA_ID_PURPOSE, contactIndex } from "@benteng/db/queries/contacts";
import type { WebhookBatchInput } from "@benteng/db/queries/inbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RuntimeHarness, startRuntimeHarness } from "../testing/runtimeHarness.ts";
import { channelCache } from "../whatsapp/channelCache.ts";
import { splitByBytes, webhookWriter } from "./webhookWriter.ts";

let h: RuntimeHarness;
beforeAll(async () => {
  h = await startRuntimeHarness();
});
afterAll(async () => {
  await h.close();
});

let n = 0;
const indexOf = (identity: string) => contactIndex(h.cipher, h.channelId, identity);
function webhook(
  identity: string,
  options: { wamid?: string; nameEnc?: string | null } = {},
): WebhookBatchInput {
  const wamid = options.wamid ?? `wamid.writer-${++n}`;
  return {
    workspaceId: h.workspaceId,
    channelId: h.channelId,
    contacts: [
      {
        identityIndex: indexOf(identity),
        waIdEnc: h.cipher.encrypt(identity.slice(3), CONTACT_WA_ID_PURPOSE),
        userIdEnc: null,
        nameEnc: options.nameEnc ?? null,
      },
    ],
    messages: [
      { channelId: h.channelId, waMessageIndex: wamid, contactIndex: indexOf(identity), payloadEnc: wamid },
    ],
    statuses: [],
  };
}

const inboxOf = (identity: string) =>
  h.db
    .selectFrom("inbox")
    .select(["id", "wa_message_id"])
    .where("contact_index", "=", indexOf(identity))
    .orderBy("id")
    .execute();

describe("webhookWriter (group commit)", () => {
  it("stores webhooks that arrive together in arrival order, each wamid once, each contact once", async () => {
    const writer = webhookWriter(h.db, { maxRows: 7 });
    const identity = "wa:6281277700001";
    const inputs = Array.from({ length: 20 }, (_, i) =>
      webhook(identity, { wamid: `wamid.order-${i}`, nameEnc: i === 19 ? "newest name" : null }),
    );
    // The same webhook delivered twice in the same burst (Meta retries) is stored once.
    const results = await Promise.all(
      [...inputs, webhook(identity, { wamid: "wamid.order-3" })].map((input) => writer.store(input)),
    );
    expect(Math.max(...results.map((r) => r.inserted))).toBeGreaterThan(0);
    const rows = await inboxOf(identity);
    expect(rows.map((r) => r.wa_message_id)).toEqual(inputs.map((_, i) => `wamid.order-${i}`));
    const contacts = await h.db
      .selectFrom("contacts")
      .select(["name_enc"])
      .where("channel_id", "=", h.channelId)
      .where("identity_index", "=", indexOf(identity))
      .execute();
    expect(contacts).toEqual([{ name_enc: "newest name" }]);
  });

  it("a webhook acknowledged before another arrives is stored (and so processed) before it", async () => {
    const writer = webhookWriter(h.db);
    const identity = "wa:6281277700002";
    await writer.store(webhook(identity, { wamid: "wamid.first" }));
    await Promise.all([
      writer.store(webhook(identity, { wamid: "wamid.second" })),
      writer.store(webhook(identity, { wamid: "wamid.third" })),
    ]);
    expect((await inboxOf(identity)).map((r) => r.wa_message_id)).toEqual([
      "wamid.first",
      "wamid.second",
      "wamid.third",
    ]);
  });

  it("fails every webhook of a statement that failed, stores none of them, and keeps working", async () => {
    const writer = webhookWriter(h.db);
    const identity = "wa:6281277700003";
    const broken: WebhookBatchInput = {
      ...webhook(identity),
      channelId: "00000000-0000-4000-8000-000000000000",
    };
    broken.messages = broken.messages.map((m) => ({ ...m, channelId: broken.channelId }));
    const settled = await Promise.allSettled([
      writer.store(webhook(identity)),
      writer.store(broken),
      writer.store(webhook(identity)),
    ]);
    // The first went alone (the database was idle); the other two shared a statement that failed.
    expect(settled.map((s) => s.status)).toEqual(["fulfilled", "rejected", "rejected"]);
    expect(await inboxOf(identity)).toHaveLength(1);
    await writer.store(webhook(identity));
    expect(await inboxOf(identity)).toHaveLength(2);
  });
});

describe("webhookWriter (large webhooks)", () => {
  it("stores a webhook larger than one statement's bytes in parts, in order, senders first, answered after the last", async () => {
    const writer = webhookWriter(h.db, { maxBytes: 1_000 });
    const identities = ["wa:6281277700010", "wa:6281277700011"];
    const big: WebhookBatchInput = {
      ...webhook(identities[0]!),
      contacts: identities.map((identity) => webhook(identity).contacts[0]!),
      messages: Array.from({ length: 9 }, (_, i) => ({
        channelId: h.channelId,
        waMessageIndex: `wamid.big-${i}`,
        contactIndex: indexOf(identities[i % 2]!),
        payloadEnc: `${i}`.repeat(400),
      })),
    };
    const parts = splitByBytes(big, 1_000);
    expect(parts.length).toBeGreaterThan(3);
    expect(parts[0]?.input.contacts).toHaveLength(2);
    expect(parts.slice(1).every((p) => p.input.contacts.length === 0)).toBe(true);
    expect(parts.flatMap((p) => p.input.messages)).toEqual(big.messages);

    const { inserted } = await writer.store(big);
    expect(inserted).toBeGreaterThan(0);
    const stored = await h.db
      .selectFrom("inbox")
      .innerJoin("contacts", (j) =>
        j
          .onRef("contacts.identity_index", "=", "inbox.contact_index")
          .onRef("contacts.channel_id", "=", "inbox.channel_id"),
      )
      .select(["inbox.wa_message_id"])
      .where("inbox.wa_message_id", "like", "wamid.big-%")
      .orderBy("inbox.id")
      .execute();
    expect(stored.map((r) => r.wa_message_id)).toEqual(big.messages.map((m) => m.waMessageIndex));
    // Delivered again (Meta retries): nothing new.
    expect((await writer.store(big)).inserted).toBe(0);
  });
});

describe("channelCache", () => {
  it("shares one lookup between concurrent callers and does not remember unknown channels", async () => {
    const cache = channelCache(h.db, h.cipher);
    const found = await Promise.all(Array.from({ length: 10 }, () => cache.get(h.channelId)));
    expect(new Set(found).size).toBe(1);
    expect(found[0]?.phoneNumberId).toBe(h.phoneNumberId);
    expect(await cache.get("00000000-0000-4000-8000-000000000000")).toBeUndefined();
  });
});
