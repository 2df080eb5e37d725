import type { WebhookBatchInput } from "@benteng/db/queries/inbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RuntimeHarness, startRuntimeHarness } from "../testing/runtimeHarness.ts";
import { channelCache } from "../whatsapp/channelCache.ts";
import { webhookWriter } from "./webhookWriter.ts";

let h: RuntimeHarness;
beforeAll(async () => {
  h = await startRuntimeHarness();
});
afterAll(async () => {
  await h.close();
});

let n = 0;
function webhook(
  identity: string,
  options: { wamid?: string; nameEnc?: string | null } = {},
): WebhookBatchInput {
  const wamid = options.wamid ?? `wamid.writer-${++n}`;
  return {
    workspaceId: h.workspaceId,
    channelId: h.channelId,
    contacts: [{ identity, waId: identity.slice(3), userId: null, nameEnc: options.nameEnc ?? null }],
    messages: [{ channelId: h.channelId, waMessageId: wamid, contactIdentity: identity, payloadEnc: wamid }],
    statuses: [],
  };
}

const inboxOf = (identity: string) =>
  h.db
    .selectFrom("inbox")
    .select(["id", "wa_message_id"])
    .where("contact_identity", "=", identity)
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
      .where("identity", "=", identity)
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

describe("channelCache", () => {
  it("shares one lookup between concurrent callers and does not remember unknown channels", async () => {
    const cache = channelCache(h.db, h.cipher);
    const found = await Promise.all(Array.from({ length: 10 }, () => cache.get(h.channelId)));
    expect(new Set(found).size).toBe(1);
    expect(found[0]?.phoneNumberId).toBe(h.phoneNumberId);
    expect(await cache.get("00000000-0000-4000-8000-000000000000")).toBeUndefined();
  });
});
