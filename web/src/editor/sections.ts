import type { FlowGroup } from "@benteng/shared";
import type { Edge, Node } from "@xyflow/react";
import type { BlockNode } from "./editorStore.ts";

/** A collapsed section drawn as one node. */
export type SectionNode = Node<{ groupId: string; name: string; count: number }, "section">;
export type CanvasNode = BlockNode | SectionNode;

/** The canvas id of a collapsed section's node (":" never occurs in a block id). */
export function sectionNodeId(groupId: string): string {
  return `section:${groupId}`;
}

export function isSectionNodeId(id: string): boolean {
  return id.startsWith("section:");
}

/**
 * What the canvas draws: blocks of collapsed sections hidden, one node per collapsed section where
 * its top-left block was, and every connection into or out of a collapsed section drawn to that
 * node (connections inside it hidden). The flow itself is unchanged.
 */
export function sectionedView(
  nodes: BlockNode[],
  edges: Edge[],
  groups: FlowGroup[],
): { nodes: CanvasNode[]; edges: Edge[] } {
  const collapsed = groups.filter((g) => g.collapsed);
  if (collapsed.length === 0) return { nodes, edges };
  const sectionOf = new Map<string, string>();
  for (const g of collapsed) for (const id of g.blockIds) sectionOf.set(id, g.id);
  const sections: SectionNode[] = [];
  for (const g of collapsed) {
    const members = nodes.filter((n) => sectionOf.get(n.id) === g.id);
    if (members.length === 0) continue;
    sections.push({
      id: sectionNodeId(g.id),
      type: "section",
      position: {
        x: Math.min(...members.map((n) => n.position.x)),
        y: Math.min(...members.map((n) => n.position.y)),
      },
      data: { groupId: g.id, name: g.name, count: members.length },
      draggable: false,
      deletable: false,
      connectable: false,
      selectable: false,
      initialWidth: 256,
      initialHeight: 100,
    });
  }
  const shown = nodes.filter((n) => !sectionOf.has(n.id));
  const drawn: Edge[] = [];
  for (const e of edges) {
    const from = sectionOf.get(e.source);
    const to = sectionOf.get(e.target);
    if (from && from === to) continue;
    if (!from && !to) {
      drawn.push(e);
      continue;
    }
    drawn.push({
      ...e,
      source: from ? sectionNodeId(from) : e.source,
      sourceHandle: from ? "out" : e.sourceHandle,
      target: to ? sectionNodeId(to) : e.target,
      deletable: false,
      selectable: false,
    });
  }
  return { nodes: [...shown, ...sections], edges: drawn };
}
