import { blockTypes, isBlockType } from "@benteng/shared";
import {
  Background,
  Controls,
  MiniMap,
  type NodeChange,
  type NodeTypes,
  ReactFlow,
  useReactFlow,
} from "@xyflow/react";
import { type DragEvent, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import { ConfirmDialog } from "../components/ConfirmDialog.tsx";
import { BlockNode } from "./BlockNode.tsx";
import { initialViewport, READABLE_ZOOM } from "./canvasView.ts";
import { useEditor } from "./editorContext.ts";
import type { BlockNode as BlockNodeType } from "./editorStore.ts";
import { PathContext } from "./insightsContext.ts";
import { losesWork } from "./losesWork.ts";
import { DRAG_MIME } from "./Palette.tsx";
import { SectionNode } from "./SectionNode.tsx";
import { type CanvasNode, isSectionNodeId, sectionedView } from "./sections.ts";

// Defined once at module scope (React Flow re-mounts every node when nodeTypes changes identity).
const nodeTypes: NodeTypes = {
  ...Object.fromEntries(blockTypes.map((t) => [t, BlockNode])),
  section: SectionNode,
};

/** Changes React Flow reports for blocks (a collapsed section's node is drawn, not stored). */
function isBlockChange(change: NodeChange<CanvasNode>): change is NodeChange<BlockNodeType> {
  return change.type === "add" ? change.item.type !== "section" : !isSectionNodeId(change.id);
}

/** Fit to view never zooms below a readable size (nor enlarges past 100 %). */
const FIT_VIEW_OPTIONS = { minZoom: READABLE_ZOOM, maxZoom: 1, padding: 0.08 };

export function FlowCanvas({
  readOnly = false,
  layoutCount = 0,
}: {
  readOnly?: boolean;
  /** Changes after each auto-layout: the view is chosen again for the new arrangement. */
  layoutCount?: number;
}) {
  const nodes = useEditor((s) => s.nodes);
  const storedEdges = useEditor((s) => s.edges);
  const groups = useEditor((s) => s.groups);
  const view = useMemo(() => sectionedView(nodes, storedEdges, groups), [nodes, storedEdges, groups]);
  const path = useContext(PathContext);
  // A conversation's path: the edges it followed drawn thick and moving, the others faded.
  const edges = useMemo(
    () =>
      path
        ? view.edges.map((e) =>
            path.taken.has(`${e.source}|${e.sourceHandle ?? ""}`)
              ? { ...e, animated: true, style: { stroke: "#f59e0b", strokeWidth: 4 } }
              : { ...e, style: { opacity: 0.35, strokeWidth: 2 } },
          )
        : view.edges,
    [view.edges, path],
  );
  const onBlocksChange = useEditor((s) => s.onNodesChange);
  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => {
      const blockChanges = changes.filter(isBlockChange);
      if (blockChanges.length > 0) onBlocksChange(blockChanges);
    },
    [onBlocksChange],
  );
  const onEdgesChange = useEditor((s) => s.onEdgesChange);
  const connectBlocks = useEditor((s) => s.connectBlocks);
  const addBlock = useEditor((s) => s.addBlock);
  const mayRemove = useEditor((s) => s.mayRemove);
  const { screenToFlowPosition, setViewport, fitView } = useReactFlow();
  const section = useRef<HTMLElement>(null);
  // Decided when the flow opens: all of it when that is readable, else its start block.
  const nodesNow = useRef(nodes);
  nodesNow.current = nodes;
  const onInit = useCallback(() => {
    const el = section.current;
    if (!el) return;
    const view = initialViewport(nodesNow.current, { width: el.clientWidth, height: el.clientHeight });
    // When everything fits readably, React Flow fits it with the blocks' measured sizes.
    if (view.fits) void fitView(FIT_VIEW_OPTIONS);
    else void setViewport(view);
  }, [setViewport, fitView]);
  // The panels around the canvas appear as the page loads (the palette once the role is known):
  // until the person touches the canvas or changes the flow, the opening view follows the canvas's size.
  const settled = useRef(false);
  const changeCount = useEditor((s) => s.changeCount);
  if (changeCount > 0) settled.current = true;
  useEffect(() => {
    const el = section.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(() => {
      if (!settled.current) onInit();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [onInit]);
  const lastLayout = useRef(layoutCount);
  useEffect(() => {
    if (lastLayout.current === layoutCount) return;
    lastLayout.current = layoutCount;
    onInit();
  }, [layoutCount, onInit]);
  const [confirming, setConfirming] = useState<{ count: number; resolve: (ok: boolean) => void } | null>(
    null,
  );

  // A deletion the person may not make is refused before anything is asked (the editor says why);
  // otherwise it asks first only when it would throw away someone's writing; empty blocks just go.
  const onBeforeDelete = useCallback(
    async ({ nodes: doomed }: { nodes: CanvasNode[] }) => {
      const deletable = doomed.filter((n): n is BlockNodeType => n.type !== "start" && n.type !== "section");
      if (!mayRemove(deletable.map((n) => n.id))) return false;
      if (!losesWork(deletable)) return true;
      return new Promise<boolean>((resolve) => setConfirming({ count: deletable.length, resolve }));
    },
    [mayRemove],
  );

  const onDrop = useCallback(
    (e: DragEvent) => {
      if (readOnly) return;
      const type = e.dataTransfer.getData(DRAG_MIME);
      if (!isBlockType(type)) return;
      e.preventDefault();
      addBlock(type, screenToFlowPosition({ x: e.clientX - 40, y: e.clientY - 20 }));
    },
    [addBlock, screenToFlowPosition, readOnly],
  );

  return (
    <section
      ref={section}
      aria-label="Flow canvas"
      className="h-full w-full"
      onDragOver={(e) => e.preventDefault()}
      onPointerDownCapture={() => {
        settled.current = true;
      }}
      onKeyDownCapture={(e) => {
        // Shift+Enter (or Shift+Space) on a focused block adds it to the selection or takes it out,
        // as Shift+click does: React Flow's own key handling only selects one block at a time.
        if (!e.shiftKey || (e.key !== "Enter" && e.key !== " ")) return;
        const target = e.target instanceof HTMLElement ? e.target : null;
        const id = target?.classList.contains("react-flow__node") ? target.dataset.id : undefined;
        const node = id ? nodes.find((n) => n.id === id) : undefined;
        if (!node) return;
        e.preventDefault();
        e.stopPropagation();
        onBlocksChange([{ type: "select", id: node.id, selected: !node.selected }]);
      }}
      onDrop={onDrop}
    >
      <ReactFlow<CanvasNode>
        nodes={view.nodes}
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
        onInit={onInit}
        onMoveStart={(event) => {
          // Null for moves the editor makes itself (opening, jumping to a problem).
          if (event) settled.current = true;
        }}
        fitViewOptions={FIT_VIEW_OPTIONS}
        // Only blocks in view are drawn, so a 500-block flow opens as fast as a small one.
        onlyRenderVisibleElements
        minZoom={0.1}
        defaultEdgeOptions={{ type: "smoothstep", style: { strokeWidth: 2 } }}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={20} />
        {/* Top left: the problems panel opens along the bottom and must not cover them. */}
        <Controls showInteractive={false} fitViewOptions={FIT_VIEW_OPTIONS} position="top-left" />
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
