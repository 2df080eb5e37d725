import { describe, expect, it } from "vitest";
import { knownVariables } from "../../flow/flowVariables.ts";
import { checkOutboundMessage } from "../checkOutboundMessage.ts";
import { lintFlow } from "../lintFlow.ts";
import { testFlow } from "../testFlow.ts";
import { whatsAppRejections } from "../whatsAppRejections.ts";

const flowWith = (data: Record<string, unknown>) => testFlow([{ id: "l", type: "locationRequest", data }]);
const lint = (data: Record<string, unknown>) =>
  lintFlow(flowWith(data)).filter(
    (f) => f.blockId === "l" && f.ruleId !== "deadEnd" && f.ruleId !== "unreachableBlock",
  );

describe("locationRequestVariables", () => {
  it("passes the defaults with a request text, and offers the stored parts as typed variables", () => {
    expect(lint({ prompt: "Where should we deliver?" })).toEqual([]);
    const known = knownVariables(flowWith({ prompt: "Where?" }));
    expect(known.filter((v) => v.source === "Ask for location").map((v) => [v.name, v.type])).toEqual([
      ["latitude", "number"],
      ["locationAddress", "text"],
      ["locationName", "text"],
      ["longitude", "number"],
    ]);
  });

  it("refuses a location that would be lost or overwritten", () => {
    expect(lint({ prompt: "Where?", latitudeVariable: "" }).map((f) => [f.ruleId, f.field])).toEqual([
      ["locationRequestVariables", "latitudeVariable"],
    ]);
    expect(
      lint({ prompt: "Where?", nameVariable: "place", addressVariable: "place" }).map((f) => f.message),
    ).toEqual(["The address and the place name both go into {{place}}; give each its own variable."]);
  });

  it("holds the request text to WhatsApp's 1,024 characters and reads it for secret requests", () => {
    const ids = (data: Record<string, unknown>) => lint(data).map((f) => [f.ruleId, f.field]);
    expect(ids({ prompt: "" })).toEqual([["requiredText", "prompt"]]);
    expect(ids({ prompt: "x".repeat(1025) })).toEqual([["textLength", "prompt"]]);
    expect(ids({ prompt: "Reply with your card PIN" })).toContainEqual(["secretRequestInText", "prompt"]);
    expect(checkOutboundMessage({ kind: "locationRequest", body: "Reply with your OTP" })).toHaveLength(1);
    expect(
      whatsAppRejections({ kind: "locationRequest", body: "x".repeat(1025) }).map((r) => r.field),
    ).toEqual(["body"]);
  });
});
