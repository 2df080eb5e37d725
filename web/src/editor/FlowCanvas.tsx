import { type BlockType, blockTypes } from "@benteng/shared";
import { Background, Controls, MiniMap, type NodeTypes, ReactFlow, useReactFlow } from "@xyflow/react";
import { type DragEvent, useCallback } from "react";
import { BlockNode } from "./BlockNode.tsx";
import { useEditor } from "./editorContext.ts";
import { DRAG_MIME } from "./Palette.tsx";

// Defined once at module scope (React Flow re-mounts every node when nodeTypes changes identity).
const nodeTypes: NodeTypes = Object.fromEntries(blockTypes.map((t) => [t, BlockNode]));

export function FlowCanvas() {
  const nodes = useEditor((s) => s.nodes);
  const edges = useEditor((s) => s.edges);
  const onNodesChange = useEditor((s) => s.onNodesChange);
  const onEdgesChange = useEditor((s) => s.onEdgesChange);
  const connectBlocks = useEditor((s) => s.connectBlocks);
  const addBlock = useEditor((s) => s.addBlock);
  const { screenToFlowPosition } = useReactFlow();

  const onDrop = useCallback(
    (e: DragEvent) => {
      const type = e.dataTransfer.getData(DRAG_MIME) as BlockType;
      if (!blockTypes.includes(type)) return;
      e.preventDefault();
      addBlock(type, screenToFlowPosition({ x: e.clientX - 40, y: e.clientY - 20 }));
    },
    [addBlock, screenToFlowPosition],
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
        deleteKeyCode={["Delete", "Backspace"]}
        multiSelectionKeyCode={["Shift", "Meta", "Control"]}
        selectionOnDrag={false}
        fitView
        fitViewOptions={{ maxZoom: 1 }}
        minZoom={0.1}
        defaultEdgeOptions={{ type: "smoothstep", style: { strokeWidth: 2 } }}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={20} />
        <Controls showInteractive={false} />
        <MiniMap pannable zoomable ariaLabel="Flow overview" />
      </ReactFlow>
    </section>
  );
}
