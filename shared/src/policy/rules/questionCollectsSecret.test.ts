import { describe, expect, it } from "vitest";
import { lintFlow } from "../lintFlow.ts";
import { testFlow } from "../testFlow.ts";

const hits = (data: Record<string, unknown>, before?: string) =>
  lintFlow(
    testFlow(
      [
        ...(before ? [{ id: "m", type: "message", data: { text: before } }] : []),
        { id: "q", type: "question", data: { prompt: "Thanks!", ...data } },
      ],
      before ? ["m:next>q"] : [],
    ),
  ).filter((f) => f.ruleId === "questionCollectsSecret");

describe("questionCollectsSecret", () => {
  it.each(["pin", "atmPin", "card_cvv", "otpCode", "kata_sandi", "senhaBanco", "userPassword", "cardNumber"])(
    "flags a question saving into %s",
    (variable) => {
      expect(hits({ variable })).toMatchObject([{ field: "variable", severity: "error" }]);
    },
  );

  it.each(["shipping", "spinner", "pincode_area", "topic", "opinion", "tracking_code", "name"])(
    "accepts an ordinary variable name %s",
    (variable) => {
      expect(hits({ variable })).toEqual([]);
    },
  );

  it("flags an answer pattern shaped like a card number", () => {
    const [f] = hits({
      variable: "x",
      input: { type: "pattern", pattern: "[0-9 ]{13,23}", description: "" },
    });
    expect(f?.message).toContain("card number");
  });

  it("flags a 3-digit answer right after a card question, not after a delivery question", () => {
    const input = { type: "pattern", pattern: "\\d{3}", description: "" };
    expect(hits({ variable: "x", input }, "Look at the back of your card.")).toHaveLength(1);
    expect(hits({ variable: "x", input }, "Which floor do you live on? (3 digits)")).toEqual([]);
  });

  it("flags an answer described as a secret, but not an order number", () => {
    const pattern = { type: "pattern", pattern: "\\d{6}" };
    const description = "the 6-digit OTP from your SMS";
    const [f] = hits({ variable: "code", input: { ...pattern, description } });
    expect(f).toMatchObject({ field: "input.description", severity: "error" });
    expect(description.slice(f!.span!.start, f!.span!.end)).toContain("OTP");
    expect(
      hits({ variable: "code", input: { ...pattern, description: "your 6-digit order number" } }),
    ).toEqual([]);
  });

  it("does not crash on an invalid pattern", () => {
    expect(hits({ variable: "x", input: { type: "pattern", pattern: "(", description: "" } })).toEqual([]);
  });
});
