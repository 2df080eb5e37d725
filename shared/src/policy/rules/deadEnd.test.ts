import { describe, expect, it } from "vitest";
import { lintFlow } from "../lintFlow.ts";
import { testFlow } from "../testFlow.ts";

describe("deadEnd", () => {
  it("warns about each unconnected output, with the give-up path explained", () => {
    const flow = testFlow(
      [
        { id: "s", type: "start" },
        { id: "q", type: "question", data: { prompt: "Your order number?", variable: "order" } },
        {
          id: "b",
          type: "buttons",
          data: {
            body: "Ok?",
            buttons: [
              { id: "y", title: "Yes" },
              { id: "n", title: "No" },
            ],
          },
        },
        { id: "e", type: "end" },
      ],
      ["s:next>q", "q:next>b", "b:y>e"],
    );
    const hits = lintFlow(flow).filter((f) => f.ruleId === "deadEnd");
    expect(hits.map((f) => f.blockId)).toEqual(["q", "b"]);
    expect(hits[0]?.message).toMatch(/Gave up.*invalid answers/);
    expect(hits[1]?.message).toContain('"No"');
    expect(hits.every((f) => f.severity === "warning")).toBe(true);
  });

  it("does not expect outputs from End and Handoff blocks", () => {
    const flow = testFlow(
      [
        { id: "s", type: "start" },
        { id: "h", type: "handoff" },
      ],
      ["s:next>h"],
    );
    expect(lintFlow(flow).filter((f) => f.ruleId === "deadEnd")).toEqual([]);
  });
});
