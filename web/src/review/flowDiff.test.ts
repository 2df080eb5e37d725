import { emptyFlow, type Flow } from "@benteng/shared";
import { describe, expect, it } from "vitest";
import { flowDiff } from "./flowDiff.ts";

function withMessage(text: string, extra = false): Flow {
  const f = emptyFlow();
  f.nodes.push({ id: "welcome", type: "message", position: { x: 300, y: 0 }, data: { text } });
  f.edges.push({ id: "e1", source: "start", sourceHandle: "next", target: "welcome" });
  if (extra) {
    f.nodes.push({ id: "bye", type: "message", position: { x: 600, y: 0 }, data: { text: "Bye" } });
    f.edges.push({ id: "e2", source: "welcome", sourceHandle: "next", target: "bye" });
  }
  return f;
}

describe("flowDiff", () => {
  it("marks every block added when nothing is live yet", () => {
    const d = flowDiff(null, withMessage("Hi"));
    expect(d.counts).toEqual({ added: 2, removed: 0, changed: 0 });
  });

  it("finds the changed message and shows its old and new text", () => {
    const d = flowDiff(withMessage("Hi there"), withMessage("Hi there, type your PIN"));
    expect(d.counts).toEqual({ added: 0, removed: 0, changed: 1 });
    expect(d.texts).toEqual([
      {
        blockId: "welcome",
        blockLabel: expect.any(String),
        field: "text",
        before: "Hi there",
        after: "Hi there, type your PIN",
      },
    ]);
  });

  it("finds added and removed blocks and connections, and ignores moves", () => {
    const moved = withMessage("Hi");
    (moved.nodes[1] as { position: { x: number } }).position.x = 999;
    expect(flowDiff(withMessage("Hi"), moved).counts).toEqual({ added: 0, removed: 0, changed: 0 });
    const grown = flowDiff(withMessage("Hi"), withMessage("Hi", true));
    expect(grown.counts.added).toBe(1);
    expect(grown.edges.filter((e) => e.status === "added")).toHaveLength(1);
    const shrunk = flowDiff(withMessage("Hi", true), withMessage("Hi"));
    expect(shrunk.nodes.find((n) => n.node.id === "bye")?.status).toBe("removed");
    expect(shrunk.texts).toContainEqual(
      expect.objectContaining({ blockId: "bye", before: "Bye", after: null }),
    );
  });
});
