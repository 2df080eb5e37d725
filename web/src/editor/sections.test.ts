import { describe, expect, it } from "vitest";
import type { BlockNode } from "./editorStore.ts";
import { sectionedView, sectionNodeId } from "./sections.ts";

const block = (id: string, x: number, y: number): BlockNode => ({
  id,
  type: "message",
  position: { x, y },
  data: { text: id },
});
const edge = (id: string, source: string, target: string) => ({ id, source, sourceHandle: "next", target });

describe("sectionedView", () => {
  const nodes = [block("a", 0, 0), block("b", 300, 100), block("c", 600, 50), block("d", 900, 0)];
  const edges = [edge("ab", "a", "b"), edge("bc", "b", "c"), edge("cd", "c", "d")];

  it("draws an expanded section's blocks as they are", () => {
    const view = sectionedView(nodes, edges, [
      { id: "s", name: "Middle", blockIds: ["b", "c"], collapsed: false },
    ]);
    expect(view.nodes).toBe(nodes);
    expect(view.edges).toBe(edges);
  });

  it("draws a collapsed section as one node where its top-left block was, with its connections", () => {
    const view = sectionedView(nodes, edges, [
      { id: "s", name: "Middle", blockIds: ["b", "c"], collapsed: true },
    ]);
    expect(view.nodes.map((n) => n.id)).toEqual(["a", "d", sectionNodeId("s")]);
    expect(view.nodes.at(-1)).toMatchObject({
      position: { x: 300, y: 50 },
      data: { name: "Middle", count: 2 },
    });
    expect(view.edges.map((e) => [e.id, e.source, e.target])).toEqual([
      ["ab", "a", sectionNodeId("s")],
      ["cd", sectionNodeId("s"), "d"],
    ]);
  });

  it("connects two collapsed sections to each other", () => {
    const view = sectionedView(nodes, edges, [
      { id: "x", name: "First", blockIds: ["a", "b"], collapsed: true },
      { id: "y", name: "Second", blockIds: ["c", "d"], collapsed: true },
    ]);
    expect(view.edges.map((e) => [e.source, e.target])).toEqual([[sectionNodeId("x"), sectionNodeId("y")]]);
  });
});
