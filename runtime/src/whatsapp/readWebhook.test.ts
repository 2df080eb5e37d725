import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  buttonReply,
  listReply,
  statusUpdate,
  textMessage,
  unknownTypeMessage,
  webhookEnvelope,
} from "../testing/webhookPayloads.ts";
import { classifyGraphError } from "./errorCodes.ts";
import { readWebhook } from "./readWebhook.ts";
import { toGraphPayload } from "./toGraphPayload.ts";
import { verifySignature } from "./verifySignature.ts";
import { webhookSchema } from "./webhookSchema.ts";

const read = (payload: unknown, phoneNumberId = "111") =>
  readWebhook(webhookSchema.parse(payload), phoneNumberId);

describe("readWebhook", () => {
  it("reads every entry and change, and ignores changes for other numbers and other fields", () => {
    const a = webhookEnvelope("111", { messages: [textMessage({ waId: "1" }, "one")] });
    const b = webhookEnvelope("111", { messages: [listReply({ waId: "2" }, { id: "r2", title: "Row 2" })] });
    const other = webhookEnvelope("999", { messages: [textMessage({ waId: "3" }, "not ours")] });
    const payload = {
      ...a,
      entry: [
        ...a.entry,
        ...b.entry,
        ...other.entry,
        { id: "x", changes: [{ field: "account_update", value: { anything: true } }] },
      ],
    };
    const batch = read(payload);
    expect(batch.messages.map((m) => [m.identity, m.event])).toEqual([
      ["wa:1", { text: "one", messageType: "text" }],
      ["wa:2", { text: "Row 2", replyId: "r2", messageType: "interactive" }],
    ]);
    expect(batch.ignored).toBe(2);
  });

  it("counts as unreadable, and leaves out, items with a NUL or lone surrogate in an id, over-long text or no sender; repairs such characters in what the customer wrote", () => {
    const batch = read(
      webhookEnvelope("111", {
        messages: [
          textMessage({ waId: "1\u0000" }, "NUL in the sender"),
          textMessage({ waId: "2" }, "a lone \udc00 surrogate"),
          buttonReply({ waId: "3" }, { id: "b1", title: "t".repeat(65_537) }),
          { message: { id: "wamid.nobody", type: "text", text: { body: "no sender" } }, contact: {} },
          textMessage({ waId: "4" }, "fine 👋"),
        ],
        statuses: [statusUpdate("wamid.\ud800", "read"), statusUpdate("wamid.ok", "read")],
      }),
    );
    expect(batch.messages.map((m) => m.event.text)).toEqual(["a lone \ufffd surrogate", "fine 👋"]);
    expect(batch.statuses.map((s) => s.waMessageId)).toEqual(["wamid.ok"]);
    // Three messages, one status, and the contact entry beside the NUL sender.
    expect(batch.unreadable).toBe(5);
  });

  it("identifies username users by their business-scoped user id", () => {
    const batch = read(
      webhookEnvelope("111", { messages: [buttonReply({ userId: "US.123" }, { id: "b1", title: "Yes" })] }),
    );
    expect(batch.messages[0]).toMatchObject({ identity: "user:US.123", waId: null, userId: "US.123" });
  });

  it("keeps unknown message types as empty events and reads statuses (played counts as read)", () => {
    const batch = read(
      webhookEnvelope("111", {
        messages: [unknownTypeMessage({ waId: "4" })],
        statuses: [
          statusUpdate("wamid.A", "delivered"),
          { id: "wamid.B", status: "played" },
          { id: "wamid.C", status: "deleted" },
        ],
      }),
    );
    expect(batch.messages[0]!.event).toEqual({ text: "", messageType: "hologram" });
    expect(batch.statuses.map((s) => [s.waMessageId, s.status])).toEqual([
      ["wamid.A", "delivered"],
      ["wamid.B", "read"],
    ]);
  });
});

describe("Graph API contract", () => {
  it("classifies error codes, not HTTP statuses", () => {
    expect(classifyGraphError(190, 401)).toBe("needs_token");
    for (const code of [130429, 131056, 131000, 131016]) expect(classifyGraphError(code, 400)).toBe("retry");
    for (const code of [131047, 131026, 100, 131008, 131009])
      expect(classifyGraphError(code, 500)).toBe("permanent");
    expect(classifyGraphError(null, 502)).toBe("retry");
    expect(classifyGraphError(null, null)).toBe("retry");
    expect(classifyGraphError(null, 404)).toBe("permanent");
  });

  it("builds reply buttons and lists, addressing username users by recipient", () => {
    expect(
      toGraphPayload({ kind: "buttons", body: "Pick", buttons: [{ id: "y", title: "Yes" }] }, "wa:6281"),
    ).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: "6281",
      type: "interactive",
      interactive: {
        type: "button",
        body: { text: "Pick" },
        action: { buttons: [{ type: "reply", reply: { id: "y", title: "Yes" } }] },
      },
    });
    const list = toGraphPayload(
      {
        kind: "list",
        body: "Menu",
        button: "Open",
        sections: [{ title: "Food", rows: [{ id: "r1", title: "Rice" }] }],
      },
      "user:US.9",
    );
    expect(list).toMatchObject({
      recipient: "US.9",
      interactive: {
        type: "list",
        action: { button: "Open", sections: [{ title: "Food", rows: [{ id: "r1", title: "Rice" }] }] },
      },
    });
    expect(list).not.toHaveProperty("to");
  });

  it("verifies signatures over the exact bytes", () => {
    const body = Buffer.from('{"a":"\\/\\u00e9"}');
    const good = `sha256=${createHmac("sha256", "s3cret").update(body).digest("hex")}`;
    expect(verifySignature(body, good, "s3cret")).toBe(true);
    expect(verifySignature(Buffer.from('{"a":"/é"}'), good, "s3cret")).toBe(false);
    expect(verifySignature(body, good, "other")).toBe(false);
    expect(verifySignature(body, undefined, "s3cret")).toBe(false);
    expect(verifySignature(body, "sha256=zz", "s3cret")).toBe(false);
  });
});
