import { describe, expect, it } from "vitest";
import { lintFlow } from "../lintFlow.ts";
import { testFlow } from "../testFlow.ts";

const hits = (types: string[]) =>
  lintFlow(testFlow(types.map((type, i) => ({ id: `n${i}`, type })))).filter(
    (f) => f.ruleId === "startBlock",
  );

describe("startBlock", () => {
  it("needs a start block", () => {
    const [f] = hits(["end"]);
    expect(f).toMatchObject({ severity: "error" });
    expect(f?.blockId).toBeUndefined();
  });
  it("refuses a second start block, pointing at the extra one", () => {
    expect(hits(["start", "start"]).map((f) => f.blockId)).toEqual(["n1"]);
  });
  it("is happy with exactly one", () => {
    expect(hits(["start", "end"])).toEqual([]);
  });
});
