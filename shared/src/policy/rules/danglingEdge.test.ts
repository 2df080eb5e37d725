import { describe, expect, it } from "vitest";
import { lintFlow } from "../lintFlow.ts";
import { testFlow } from "../testFlow.ts";

const buttons = { body: "Choose", buttons: [{ id: "yes", title: "Yes" }] };
const hits = (edges: string[]) =>
  lintFlow(
    testFlow(
      [
        { id: "start", type: "start" },
        { id: "b", type: "buttons", data: buttons },
        { id: "x", type: "end" },
        { id: "y", type: "end" },
      ],
      edges,
    ),
  ).filter((f) => f.ruleId === "danglingEdge");

describe("danglingEdge", () => {
  it("accepts connections from outputs the blocks have", () => {
    expect(hits(["start:next>b", "b:yes>x"])).toEqual([]);
  });

  it("reports a connection from an output that does not exist, with the edge to remove", () => {
    expect(hits(["start:next>b", "b:yes>x", "b:maybe>y"])).toEqual([
      expect.objectContaining({
        severity: "error",
        blockId: "b",
        edgeId: "e2",
        message: expect.stringMatching(/output it does not have \("maybe"\)/),
      }),
    ]);
  });

  it("reports the second connection of one output: only the first is ever taken", () => {
    expect(hits(["start:next>b", "b:yes>x", "b:yes>y"])).toEqual([
      expect.objectContaining({
        edgeId: "e2",
        message: expect.stringMatching(/"Yes" output .* connected twice/),
      }),
    ]);
  });
});
