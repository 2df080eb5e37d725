import { describe, expect, it } from "vitest";
import { lintFlow } from "../lintFlow.ts";
import { testFlow } from "../testFlow.ts";

describe("unreachableBlock", () => {
  it("warns about a block no path leads to, even if it leads somewhere itself", () => {
    const flow = testFlow(
      [
        { id: "s", type: "start" },
        { id: "m", type: "message", data: { text: "Hi" } },
        { id: "orphan", type: "message", data: { text: "Lost" } },
        { id: "e", type: "end" },
      ],
      ["s:next>m", "m:next>e", "orphan:next>e"],
    );
    const hits = lintFlow(flow).filter((f) => f.ruleId === "unreachableBlock");
    expect(hits.map((f) => [f.blockId, f.severity])).toEqual([["orphan", "warning"]]);
  });
});
