import { type BlockType, blockTypes } from "@benteng/shared";
import { Background, Controls, MiniMap, type NodeTypes, ReactFlow, useReactFlow } from "@xyflow/react";
import { type DragEvent, useCallback, useState } from "react";
import { ConfirmDialog } from "../components/ConfirmDialog.tsx";
import { BlockNode } from "./BlockNode.tsx";
import { useEditor } from "./editorContext.ts";
import type { BlockNode as BlockNodeType } from "./editorStore.ts";
import { losesWork } from "./losesWork.ts";
import { DRAG_MIME } from "./Palette.tsx";

// Defined once at module scope (React Flow re-mounts every node when nodeTypes changes identity).
const nodeTypes: NodeTypes = Object.fromEntries(blockTypes.map((t) => [t, BlockNode]));

/** Above this many blocks the canvas opens at the start block instead of fitting everything. */
const FIT_VIEW_MAX_BLOCKS = 60;

export function FlowCanvas({ readOnly = false }: { readOnly?: boolean }) {
  const nodes = useEditor((s) => s.nodes);
  const edges = useEditor((s) => s.edges);
  const onNodesChange = useEditor((s) => s.onNodesChange);
  const onEdgesChange = useEditor((s) => s.onEdgesChange);
  const connectBlocks = useEditor((s) => s.connectBlocks);
  const addBlock = useEditor((s) => s.addBlock);
  const { screenToFlowPosition } = useReactFlow();
  // Decided once, when the flow opens: a large flow opens readable, at its start block.
  const [initialView] = useState(() => {
    if (nodes.length <= FIT_VIEW_MAX_BLOCKS) return { fitView: true } as const;
    const start = nodes.find((n) => n.type === "start") ?? nodes[0];
    return {
      fitView: false,
      defaultViewport: { x: 80 - (start?.position.x ?? 0), y: 240 - (start?.position.y ?? 0), zoom: 0.9 },
    } as const;
  });
  const [confirming, setConfirming] = useState<{ count: number; resolve: (ok: boolean) => void } | null>(
    null,
  );

  // Deleting asks first only when it would throw away someone's writing; empty blocks just go.
  const onBeforeDelete = useCallback(async ({ nodes: doomed }: { nodes: BlockNodeType[] }) => {
    const deletable = doomed.filter((n) => n.type !== "start");
    if (!losesWork(deletable)) return true;
    return new Promise<boolean>((resolve) => setConfirming({ count: deletable.length, resolve }));
  }, []);

  const onDrop = useCallback(
    (e: DragEvent) => {
      if (readOnly) return;
      const type = e.dataTransfer.getData(DRAG_MIME) as BlockType;
      if (!blockTypes.includes(type)) return;
      e.preventDefault();
      addBlock(type, screenToFlowPosition({ x: e.clientX - 40, y: e.clientY - 20 }));
    },
    [addBlock, screenToFlowPosition, readOnly],
  );

  return (
    <section
      aria-label="Flow canvas"
      className="h-full w-full"
      onDragOver={(e) => e.preventDefault()}
      onDrop={onDrop}
    >
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={connectBlocks}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        onBeforeDelete={onBeforeDelete}
        deleteKeyCode={readOnly ? null : ["Delete", "Backspace"]}
        multiSelectionKeyCode={["Shift", "Meta", "Control"]}
        selectionOnDrag={false}
        {...initialView}
        fitViewOptions={{ maxZoom: 1 }}
        // Only blocks in view are drawn, so a 500-block flow opens as fast as a small one.
        onlyRenderVisibleElements
        minZoom={0.1}
        defaultEdgeOptions={{ type: "smoothstep", style: { strokeWidth: 2 } }}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={20} />
        <Controls showInteractive={false} />
        <MiniMap pannable zoomable ariaLabel="Flow overview" />
      </ReactFlow>
      {confirming && (
        <ConfirmDialog
          title={confirming.count === 1 ? "Delete this block?" : `Delete ${confirming.count} blocks?`}
          confirmLabel="Delete"
          onConfirm={() => {
            confirming.resolve(true);
            setConfirming(null);
          }}
          onCancel={() => {
            confirming.resolve(false);
            setConfirming(null);
          }}
        >
          What you wrote in {confirming.count === 1 ? "it" : "them"} will be removed (Undo brings it back).
        </ConfirmDialog>
      )}
    </section>
  );
}
