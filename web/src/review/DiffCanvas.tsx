import { Background, type Edge, type NodeTypes, ReactFlow, ReactFlowProvider } from "@xyflow/react";
import { useMemo } from "react";
import { DiffNode, type DiffNodeType } from "./DiffNode.tsx";
import type { DiffStatus, FlowDiff } from "./flowDiff.ts";

// Module scope: React Flow re-mounts every node when nodeTypes changes identity.
const nodeTypes: NodeTypes = { diff: DiffNode };

const edgeColour: Record<DiffStatus, string> = {
  added: "#059669",
  removed: "#dc2626",
  changed: "#d97706",
  unchanged: "#94a3b8",
};

/** The submitted flow on a read-only canvas, with removed blocks shown where they were. */
export function DiffCanvas({ diff }: { diff: FlowDiff }) {
  const nodes = useMemo<DiffNodeType[]>(
    () =>
      diff.nodes.map(({ node, status }) => ({
        id: `${status === "removed" ? "removed:" : ""}${node.id}`,
        type: "diff",
        position: node.position,
        data: { block: node, status },
        draggable: false,
        selectable: false,
        connectable: false,
      })),
    [diff],
  );
  const edges = useMemo<Edge[]>(() => {
    const removedIds = new Set(diff.nodes.filter((n) => n.status === "removed").map((n) => n.node.id));
    const presentIds = new Set(diff.nodes.filter((n) => n.status !== "removed").map((n) => n.node.id));
    const at = (id: string, status: DiffStatus) =>
      status === "removed" && (removedIds.has(id) || !presentIds.has(id)) ? `removed:${id}` : id;
    return diff.edges.map(({ edge, status, label }) => ({
      id: `${status}:${edge.id}`,
      source: at(edge.source, status),
      target: at(edge.target, status),
      // The words on the button or output, never its internal id.
      label: edge.sourceHandle === "next" ? undefined : label,
      animated: status === "added",
      style: {
        stroke: edgeColour[status],
        strokeWidth: status === "unchanged" ? 1.5 : 2.5,
        strokeDasharray: status === "removed" ? "6 4" : undefined,
      },
    }));
  }, [diff]);
  return (
    <section aria-label="Changes on the canvas" className="h-[420px] rounded-lg ring-1 ring-slate-200">
      <ReactFlowProvider>
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          fitView
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          proOptions={{ hideAttribution: true }}
        >
          <Background />
        </ReactFlow>
      </ReactFlowProvider>
    </section>
  );
}
