import { describe, expect, it } from "vitest";
import { lintFlow } from "../lintFlow.ts";
import { testFlow } from "../testFlow.ts";

const blocks = [
  { id: "s", type: "start" },
  { id: "m1", type: "message", data: { text: "One" } },
  { id: "m2", type: "message", data: { text: "Two" } },
  { id: "q", type: "question", data: { prompt: "Again?", variable: "again" } },
];

describe("loopWithoutWait", () => {
  it("refuses a loop of messages that never waits for the customer", () => {
    const hits = lintFlow(testFlow(blocks, ["s:next>m1", "m1:next>m2", "m2:next>m1"])).filter(
      (f) => f.ruleId === "loopWithoutWait",
    );
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ severity: "error", blockId: "m1" });
    expect(hits[0]?.message).toMatch(/m1.*m2/);
  });

  it("accepts the same loop once it passes a question", () => {
    const flow = testFlow(blocks, ["s:next>m1", "m1:next>m2", "m2:next>q", "q:next>m1", "q:giveUp>m1"]);
    expect(lintFlow(flow).filter((f) => f.ruleId === "loopWithoutWait")).toEqual([]);
  });

  it("refuses a block connected to itself", () => {
    const flow = testFlow(blocks.slice(0, 2), ["s:next>m1", "m1:next>m1"]);
    expect(lintFlow(flow).filter((f) => f.ruleId === "loopWithoutWait")).toHaveLength(1);
  });
});
