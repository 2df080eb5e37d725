import { describe, expect, it } from "vitest";
import { lintFlow } from "../lintFlow.ts";
import { testFlow } from "../testFlow.ts";

describe("requiredText", () => {
  it("flags an empty message and a blank button title, not an empty optional footer", () => {
    const flow = testFlow([
      { id: "m", type: "message", data: { text: "   " } },
      { id: "b", type: "buttons", data: { body: "Choose", footer: "", buttons: [{ id: "x", title: "" }] } },
    ]);
    const hits = lintFlow(flow).filter((f) => f.ruleId === "requiredText");
    expect(hits.map((f) => `${f.blockId}.${f.field}`)).toEqual(["m.text", "b.buttons.0.title"]);
    expect(hits[0]?.severity).toBe("error");
  });
});
