import { describe, expect, it } from "vitest";
import { lintFlow } from "../lintFlow.ts";
import { testFlow } from "../testFlow.ts";

const hits = (code: string) =>
  lintFlow(
    testFlow(
      [
        { id: "start", type: "start" },
        { id: "s", type: "script", data: { code } },
      ],
      ["start:next>s"],
    ),
  ).filter((f) => f.ruleId === "scriptCode");

describe("scriptCode", () => {
  it("accepts a script that parses as an async function body, top-level await and return included", () => {
    expect(hits("const r = await fetch('https://api.example.com');\nreturn { ok: r.ok };")).toEqual([]);
  });

  it("refuses a syntax error with its line and column, as an error on the code field", () => {
    const [f, ...rest] = hits("const a = 1;\nreturn { a: a ;");
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: "error", blockId: "s", field: "code" });
    expect(f?.message).toMatch(/^Line 2, column \d+ of the Script block "s": /);
  });

  it("refuses what the sandbox never runs (require, process)", () => {
    const found = hits("const fs = require('fs');\nreturn process.env.KEY;");
    expect(found.map((f) => f.message.slice(0, 20))).toEqual([
      expect.stringMatching(/^Line 1, column 12/),
      expect.stringMatching(/^Line 2, column 8/),
    ]);
  });
});
