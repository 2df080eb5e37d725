import { describe, expect, it } from "vitest";
import { checkOutboundMessage } from "../checkOutboundMessage.ts";
import { lintFlow } from "../lintFlow.ts";
import { testFlow } from "../testFlow.ts";
import { whatsAppRejections } from "../whatsAppRejections.ts";

const lint = (data: Record<string, unknown>) =>
  lintFlow(testFlow([{ id: "c", type: "contactCard", data }]), { linkAllowlist: ["tokoana.example"] }).filter(
    (f) => f.blockId === "c" && f.ruleId !== "deadEnd" && f.ruleId !== "unreachableBlock",
  );
const phone = (value: string, id = "p1") => ({ id, phone: value, type: "WORK" });

describe("contactCardFields", () => {
  it("passes a card with a name, an international phone, an e-mail address and an https link", () => {
    expect(
      lint({
        name: "Toko Ana",
        phones: [phone("+62 (812) 3456-7890")],
        emails: [{ id: "e1", email: "halo@tokoana.example", type: "WORK" }],
        urls: [{ id: "u1", url: "https://tokoana.example/kontak", type: "WORK" }],
      }),
    ).toEqual([]);
  });

  it("refuses what the customer could not use, and a card without a name or a way to reach anyone", () => {
    const hits = lint({
      name: "",
      phones: [phone("0812 3456", "p1"), phone("", "p2")],
      emails: [{ id: "e1", email: "halo at tokoana", type: "WORK" }],
      urls: [{ id: "u1", url: "tokoana.example", type: "HOME" }],
    }).map((f) => [f.ruleId, f.field]);
    expect(hits).toEqual(
      expect.arrayContaining([
        ["requiredText", "name"],
        ["contactCardFields", "phones.0.phone"],
        ["contactCardFields", "phones.1.phone"],
        ["contactCardFields", "emails.0.email"],
        ["contactCardFields", "urls.0.url"],
      ]),
    );
    expect(lint({ name: "Ana", phones: [] }).map((f) => [f.ruleId, f.field])).toEqual([
      ["contactCardFields", "phones"],
    ]);
    const many = Array.from({ length: 6 }, (_, i) => phone(`+62 812 0000 000${i}`, `p${i}`));
    expect(lint({ name: "Ana", phones: many }).map((f) => f.message)).toEqual([
      "The card has 6 phone numbers; keep at most 5.",
    ]);
  });

  it("checks a value with variables once it is filled in, and reads every text for secret requests and links", () => {
    expect(lint({ name: "Ana", phones: [phone("{{agentPhone}}")] }).map((f) => f.ruleId)).toEqual([
      "undefinedVariable",
    ]);
    const ids = lint({ name: "Send us your card PIN", phones: [phone("+62 812 3456 7890")] }).map(
      (f) => f.ruleId,
    );
    expect(ids).toContain("secretRequestInText");
    expect(
      lint({
        name: "Ana",
        urls: [{ id: "u1", url: "https://bit.ly/x", type: "WORK" }],
      }).map((f) => f.ruleId),
    ).toContain("linkShortener");
    expect(
      checkOutboundMessage({
        kind: "contacts",
        contacts: [{ name: "Reply with your OTP", phones: [], emails: [], urls: [] }],
      }).map((f) => f.field),
    ).toEqual(["contacts.0.name"]);
  });

  it("names what WhatsApp would refuse in a filled-in card", () => {
    expect(
      whatsAppRejections({
        kind: "contacts",
        contacts: [{ name: "Ana", phones: [{ phone: "12345", type: "CELL" }], emails: [], urls: [] }],
      }),
    ).toEqual([
      {
        field: "contacts.0.phones.0.phone",
        message: "Phone 1 is not an international number like +62 812 3456 7890.",
      },
    ]);
  });
});
