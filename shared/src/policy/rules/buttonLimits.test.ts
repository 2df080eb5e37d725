import { describe, expect, it } from "vitest";
import { lintFlow } from "../lintFlow.ts";
import { testFlow } from "../testFlow.ts";

const hits = (buttons: Array<{ id: string; title: string }>) =>
  lintFlow(testFlow([{ id: "b", type: "buttons", data: { body: "Choose", buttons } }])).filter(
    (f) => f.ruleId === "buttonLimits",
  );

describe("buttonLimits", () => {
  it("accepts three distinct buttons", () => {
    expect(
      hits([
        { id: "a", title: "Yes" },
        { id: "b", title: "No" },
        { id: "c", title: "Later" },
      ]),
    ).toEqual([]);
  });

  it("refuses a fourth button and suggests a list", () => {
    const [f] = hits(["a", "b", "c", "d"].map((id) => ({ id, title: id })));
    expect(f?.message).toMatch(/4 buttons.*List block/);
  });

  it("refuses titles that differ only in case or spacing", () => {
    const [f] = hits([
      { id: "a", title: "Yes" },
      { id: "b", title: " yes" },
    ]);
    expect(f).toMatchObject({ field: "buttons.1.title", severity: "error" });
  });
});

describe("buttonLimits: ids", () => {
  it("refuses two buttons with one id", () => {
    const [f, ...rest] = hits([
      { id: "a", title: "Yes" },
      { id: "a", title: "No" },
    ]);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ field: "buttons.1.id", message: expect.stringMatching(/same id/) });
  });
});
