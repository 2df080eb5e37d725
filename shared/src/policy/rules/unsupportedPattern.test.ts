import { describe, expect, it } from "vitest";
import { lintFlow } from "../lintFlow.ts";
import { type TestBlock, testFlow } from "../testFlow.ts";

const hitsFor = (blocks: TestBlock[]) =>
  lintFlow(testFlow([{ id: "s", type: "start" }, ...blocks])).filter(
    (f) => f.ruleId === "unsupportedPattern",
  );

const question = (pattern: string): TestBlock => ({
  id: "q",
  type: "question",
  data: { prompt: "Your order number?", variable: "order", input: { type: "pattern", pattern } },
});
const condition = (...values: string[]): TestBlock => ({
  id: "c",
  type: "condition",
  data: {
    branches: values.map((value, i) => ({
      id: `b${i}`,
      rules: [{ variable: "order", operator: "matches", value }],
    })),
  },
});

describe("unsupportedPattern", () => {
  it("refuses answer patterns with lookarounds or backreferences, which the runtime's RE2 cannot run", () => {
    for (const pattern of ["(?=.*\\d)\\w+", "(a)\\1", "(?<!x)y"]) {
      expect(hitsFor([question(pattern)])).toHaveLength(1);
    }
  });

  it("accepts ordinary patterns, and condition patterns only variables complete at run time", () => {
    expect(hitsFor([question("[A-Z]{2}-\\d{4}"), condition("^AB", "{{prefix}}(?=x)")])).toEqual([]);
  });

  it("names the branch and rule of a condition pattern it refuses", () => {
    expect(hitsFor([condition("^AB", "(a)\\1")])[0]?.message).toMatch(/Rule 1 of branch 2/);
  });
});
