import {
  type BlockType,
  blockDefinition,
  FLOW_DOCUMENT_VERSION,
  type Flow,
  type FlowNode,
  type FlowVariable,
  newId,
} from "@benteng/shared";
import {
  applyEdgeChanges,
  applyNodeChanges,
  type Connection,
  type Edge,
  type EdgeChange,
  type Node,
  type NodeChange,
} from "@xyflow/react";
import { createStore } from "zustand/vanilla";

/** A block on the canvas: React Flow's node with the block's own data (typed per block in the registry). */
export type BlockNode = Node<Record<string, unknown>, BlockType>;

interface Snapshot {
  nodes: BlockNode[];
  edges: Edge[];
  variables: FlowVariable[];
  settings: Flow["settings"];
}

export interface EditorState extends Snapshot {
  /** Bumped on every change the user makes; autosave watches it. */
  changeCount: number;
  past: Snapshot[];
  future: Snapshot[];
  onNodesChange(changes: NodeChange<BlockNode>[]): void;
  onEdgesChange(changes: EdgeChange[]): void;
  connectBlocks(connection: Connection): void;
  addBlock(type: BlockType, position: { x: number; y: number }): string;
  updateBlockData(id: string, data: Record<string, unknown>): void;
  removeBlocks(ids: string[]): void;
  setVariables(variables: FlowVariable[]): void;
  setSettings(settings: Flow["settings"]): void;
  replaceFlow(flow: Flow): void;
  pasteBlocks(nodes: Flow["nodes"], edges: Flow["edges"]): void;
  arrange(nodes: BlockNode[]): void;
  undo(): void;
  redo(): void;
  toFlow(): Flow;
}

const HISTORY_LIMIT = 100;

export function flowToCanvas(flow: Flow): Snapshot {
  return {
    nodes: flow.nodes.map((n) => ({
      id: n.id,
      type: n.type,
      position: n.position,
      data: n.data as Record<string, unknown>,
      // An estimated size lets React Flow decide what is in view before measuring every block.
      initialWidth: 256,
      initialHeight: 140,
    })),
    edges: flow.edges.map((e) => ({
      id: e.id,
      source: e.source,
      sourceHandle: e.sourceHandle,
      target: e.target,
    })),
    variables: flow.variables,
    settings: flow.settings,
  };
}

/** One store per open flow (React Flow's own pattern: a factory, actions named for what the user does). */
export function createEditorStore(initial: Flow) {
  return createStore<EditorState>()((set, get) => {
    const snapshot = (): Snapshot => {
      const { nodes, edges, variables, settings } = get();
      return { nodes, edges, variables, settings };
    };
    /** Applies a user change, remembering the previous state for undo. */
    const commit = (next: Partial<Snapshot>, recordHistory = true) =>
      set((s) => ({
        ...next,
        changeCount: s.changeCount + 1,
        ...(recordHistory ? { past: [...s.past.slice(-HISTORY_LIMIT + 1), snapshot()], future: [] } : {}),
      }));

    return {
      ...flowToCanvas(initial),
      changeCount: 0,
      past: [],
      future: [],

      onNodesChange(allChanges) {
        // The start block can be moved but never deleted: a flow without it cannot run.
        const startIds = new Set(
          get()
            .nodes.filter((n) => n.type === "start")
            .map((n) => n.id),
        );
        const changes = allChanges.filter((c) => !(c.type === "remove" && startIds.has(c.id)));
        if (changes.length === 0) return;
        const meaningful = changes.some(
          (c) => c.type === "remove" || c.type === "add" || (c.type === "position" && !c.dragging),
        );
        const onlySelection = changes.every((c) => c.type === "select" || c.type === "dimensions");
        const nodes = applyNodeChanges(changes, get().nodes);
        if (onlySelection) set({ nodes });
        else if (changes.some((c) => c.type === "position" && c.dragging)) set({ nodes });
        else commit({ nodes, edges: pruneEdges(nodes, get().edges) }, meaningful);
      },

      onEdgesChange(changes) {
        const edges = applyEdgeChanges(changes, get().edges);
        if (changes.every((c) => c.type === "select")) set({ edges });
        else commit({ edges });
      },

      connectBlocks(c) {
        if (!c.source || !c.target || c.source === c.target) return;
        const handle = c.sourceHandle ?? "next";
        // An output leads to exactly one block: a new connection replaces the old one.
        const edges = get().edges.filter(
          (e) => !(e.source === c.source && (e.sourceHandle ?? "next") === handle),
        );
        edges.push({ id: newId("e"), source: c.source, sourceHandle: handle, target: c.target });
        commit({ edges });
      },

      addBlock(type, position) {
        const id = newId(type.slice(0, 3));
        const node: BlockNode = {
          id,
          type,
          position,
          data: blockDefinition(type).defaults() as Record<string, unknown>,
          selected: true,
        };
        commit({ nodes: [...get().nodes.map((n) => ({ ...n, selected: false })), node] });
        return id;
      },

      updateBlockData(id, data) {
        const nodes = get().nodes.map((n) => (n.id === id ? { ...n, data } : n));
        // Outputs may have changed (a button removed): drop edges from handles that no longer exist.
        commit({ nodes, edges: pruneEdges(nodes, get().edges) });
      },

      removeBlocks(ids) {
        const gone = new Set(ids);
        const nodes = get().nodes.filter((n) => !gone.has(n.id));
        commit({ nodes, edges: get().edges.filter((e) => !gone.has(e.source) && !gone.has(e.target)) });
      },

      setVariables(variables) {
        commit({ variables });
      },

      setSettings(settings) {
        commit({ settings });
      },

      pasteBlocks(nodes, edges) {
        const pasted = flowToCanvas({ ...initial, nodes, edges });
        commit({
          nodes: [
            ...get().nodes.map((n) => ({ ...n, selected: false })),
            ...pasted.nodes.map((n) => ({ ...n, selected: true })),
          ],
          edges: [...get().edges, ...pasted.edges],
        });
      },

      arrange(nodes) {
        commit({ nodes });
      },

      replaceFlow(flow) {
        set({ ...flowToCanvas(flow), past: [], future: [], changeCount: 0 });
      },

      undo() {
        const { past, future } = get();
        const previous = past.at(-1);
        if (!previous) return;
        set((s) => ({
          ...previous,
          past: past.slice(0, -1),
          future: [snapshot(), ...future],
          changeCount: s.changeCount + 1,
        }));
      },

      redo() {
        const { past, future } = get();
        const next = future[0];
        if (!next) return;
        set((s) => ({
          ...next,
          past: [...past, snapshot()],
          future: future.slice(1),
          changeCount: s.changeCount + 1,
        }));
      },

      toFlow() {
        const { nodes, edges, variables, settings } = get();
        return {
          version: FLOW_DOCUMENT_VERSION,
          nodes: nodes.map((n) => ({
            id: n.id,
            type: n.type,
            position: { x: Math.round(n.position.x), y: Math.round(n.position.y) },
            data: n.data,
          })) as FlowNode[],
          edges: edges.map((e) => ({
            id: e.id,
            source: e.source,
            sourceHandle: e.sourceHandle ?? "next",
            target: e.target,
          })),
          variables,
          settings,
        };
      },
    };
  });
}

export type EditorStore = ReturnType<typeof createEditorStore>;

function pruneEdges(nodes: BlockNode[], edges: Edge[]): Edge[] {
  const handles = new Map<string, Set<string>>();
  for (const n of nodes) {
    const outputs = blockDefinition(n.type).outputs(n.data as never);
    handles.set(n.id, new Set(outputs.map((o) => o.id)));
  }
  return edges.filter((e) => handles.get(e.source)?.has(e.sourceHandle ?? "next") && handles.has(e.target));
}
