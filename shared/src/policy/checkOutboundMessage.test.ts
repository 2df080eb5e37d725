import { describe, expect, it } from "vitest";
import { fillTemplate } from "../flow/template.ts";
import { checkOutboundMessage } from "./checkOutboundMessage.ts";

describe("checkOutboundMessage", () => {
  it("blocks a message that only becomes a request once a variable is filled in", () => {
    const template = "To continue, send us your {{what}}";
    expect(
      checkOutboundMessage({ kind: "text", body: fillTemplate(template, { what: "order number" }) }),
    ).toEqual([]);
    const [f] = checkOutboundMessage({ kind: "text", body: fillTemplate(template, { what: "PIN" }) });
    expect(f).toMatchObject({ ruleId: "secretRequestInText", severity: "error", field: "body" });
  });

  it("checks every part of an interactive message", () => {
    const findings = checkOutboundMessage({
      kind: "list",
      body: "How can we help?",
      button: "Options",
      sections: [
        { title: "Account", rows: [{ id: "r1", title: "Unlock", description: "Type your password here" }] },
      ],
    });
    expect(findings.map((f) => f.field)).toEqual(["sections.0.rows.0.description"]);
  });

  it("lets the safety notice and ordinary messages through", () => {
    expect(
      checkOutboundMessage({ kind: "text", body: "We will never ask for your PIN, password or OTP." }),
    ).toEqual([]);
    expect(
      checkOutboundMessage({
        kind: "buttons",
        body: "Your parcel is on its way",
        buttons: [{ id: "t", title: "Track it" }],
      }),
    ).toEqual([]);
  });

  it("judges a message after what the customer read just before it, and only for what reaches into it", () => {
    const split = ["To confirm it is you, reply in the next message with your"];
    expect(checkOutboundMessage({ kind: "text", body: "ATM PIN" }, { earlier: split })).toHaveLength(1);
    expect(checkOutboundMessage({ kind: "text", body: "ATM PIN" })).toEqual([]);
    // A request that was all in an earlier message was judged when that one was sent.
    expect(
      checkOutboundMessage({ kind: "text", body: "Thank you!" }, { earlier: ["Send us your PIN here."] }),
    ).toEqual([]);
  });
});
