import { describe, expect, it } from "vitest";
import { lintFlow } from "../lintFlow.ts";
import { testFlow } from "../testFlow.ts";

const findings = (data: Record<string, unknown>) =>
  lintFlow(testFlow([{ id: "b", type: "buttons", data }])).filter((f) => f.ruleId === "textLength");

describe("textLength", () => {
  it("flags a button title over 20 characters and highlights the overflow", () => {
    const [f, ...rest] = findings({
      body: "Pick one",
      buttons: [{ id: "a", title: "Track my parcel today!" }],
    });
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      severity: "error",
      blockId: "b",
      field: "buttons.0.title",
      span: { start: 20, end: 22 },
    });
    expect(f?.message).toContain("at most 20");
  });

  it("counts emoji with skin tones as one character, so 20 of them fit", () => {
    expect(findings({ body: "Pick", buttons: [{ id: "a", title: "👍🏽".repeat(20) }] })).toEqual([]);
    expect(findings({ body: "Pick", buttons: [{ id: "a", title: "👍🏽".repeat(21) }] })).toHaveLength(1);
  });

  it("applies the 1024 limit to an interactive body and 4096 to a plain message", () => {
    expect(findings({ body: "x".repeat(1025), buttons: [{ id: "a", title: "Ok" }] })[0]?.field).toBe("body");
    const message = (text: string) =>
      lintFlow(testFlow([{ id: "m", type: "message", data: { text } }])).filter(
        (f) => f.ruleId === "textLength",
      );
    expect(message("x".repeat(4096))).toEqual([]);
    expect(message("x".repeat(4097))).toHaveLength(1);
  });
});
