import dagre from "@dagrejs/dagre";
import type { Edge } from "@xyflow/react";
import type { BlockNode } from "./editorStore.ts";

/** Left-to-right layered layout (dagre), using each block's measured size when known. */
export function autoLayout(nodes: BlockNode[], edges: Edge[]): BlockNode[] {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: "LR", nodesep: 40, ranksep: 90 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes)
    g.setNode(n.id, { width: n.measured?.width ?? 256, height: n.measured?.height ?? 120 });
  for (const e of edges) g.setEdge(e.source, e.target);
  dagre.layout(g);
  return nodes.map((n) => {
    const p = g.node(n.id);
    return p ? { ...n, position: { x: p.x - p.width / 2, y: p.y - p.height / 2 } } : n;
  });
}
