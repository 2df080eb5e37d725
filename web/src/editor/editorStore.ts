import {
  type BlockOf,
  type BlockType,
  blockOf,
  blockOutputs,
  defaultBlock,
  FLOW_DOCUMENT_VERSION,
  type Flow,
  type FlowGroup,
  type FlowNode,
  type FlowVariable,
  newId,
  scriptPlaceholderData,
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

/**
 * A block on the canvas: React Flow's node whose `type` and `data` are one block of the registry's
 * union, so narrowing on `type` gives that block's own data type.
 */
export type BlockNode = BlockNodeOf<BlockType>;
/** A canvas node of the block types T (a union when T is). */
export type BlockNodeOf<T extends BlockType> = Omit<Node, "type" | "data"> & BlockOf<T>;

interface Snapshot {
  nodes: BlockNode[];
  edges: Edge[];
  variables: FlowVariable[];
  settings: Flow["settings"];
  /** Named sections of the canvas (editor-only). */
  groups: FlowGroup[];
}

/**
 * Decides whether the person may make a change, before it happens (the server would refuse the save
 * otherwise): null allows it, a message refuses it and is shown as `refusal`.
 */
export type ChangeGuard = (next: Flow) => string | null;

export interface EditorOptions {
  guard?: ChangeGuard;
  /** Script blocks are added as empty "script needed" placeholders (for people who are not developers). */
  scriptPlaceholders?: () => boolean;
  /** The clock undo grouping reads (tests pass their own). */
  now?: () => number;
}

export interface EditorState extends Snapshot {
  /** Bumped on every change the user makes; autosave watches it. */
  changeCount: number;
  /** Why the last change was not made (the guard refused it); null when it was. */
  refusal: string | null;
  dismissRefusal(): void;
  past: Snapshot[];
  future: Snapshot[];
  onNodesChange(changes: NodeChange<BlockNode>[]): void;
  onEdgesChange(changes: EdgeChange[]): void;
  connectBlocks(connection: Connection): void;
  addBlock(type: BlockType, position: { x: number; y: number }): string;
  /** Replaces a block's data (the block keeps its id, position and type). */
  updateBlock(id: string, block: BlockOf): void;
  removeBlocks(ids: string[]): void;
  /** Whether removing these blocks would be allowed (sets `refusal` when not); changes nothing. */
  mayRemove(ids: string[]): boolean;
  setVariables(variables: FlowVariable[]): void;
  setSettings(settings: Flow["settings"]): void;
  /** Makes these blocks a new named section (taking them out of any other); returns its id, "" if refused. */
  groupBlocks(ids: string[], name: string): string;
  /** Collapses a section to one node, or expands it again. */
  setGroupCollapsed(id: string, collapsed: boolean): void;
  renameGroup(id: string, name: string): void;
  /** Dissolves a section; its blocks stay where they are. */
  ungroup(id: string): void;
  replaceFlow(flow: Flow): void;
  pasteBlocks(nodes: Flow["nodes"], edges: Flow["edges"]): void;
  arrange(nodes: BlockNode[]): void;
  undo(): void;
  redo(): void;
  toFlow(): Flow;
}

const HISTORY_LIMIT = 100;
/** Edits of one block closer together than this are one undo step (typing a word, not a letter). */
export const TYPING_GROUP_MS = 1000;

export function flowToCanvas(flow: Flow): Snapshot {
  return {
    nodes: flow.nodes.map(
      (n): BlockNode => ({
        ...blockOf(n),
        id: n.id,
        position: n.position,
        // An estimated size lets React Flow decide what is in view before measuring every block.
        initialWidth: 256,
        initialHeight: 140,
      }),
    ),
    edges: flow.edges.map((e) => ({
      id: e.id,
      source: e.source,
      sourceHandle: e.sourceHandle,
      target: e.target,
    })),
    variables: flow.variables,
    settings: flow.settings,
    groups: flow.editor?.groups ?? [],
  };
}

/** One store per open flow (React Flow's own pattern: a factory, actions named for what the user does). */
export function createEditorStore(initial: Flow, options: EditorOptions = {}) {
  const now = options.now ?? Date.now;
  return createStore<EditorState>()((set, get) => {
    /** The block last changed by updateBlock and when: the next edit of it may join its undo step. */
    let lastEdit: { id: string; at: number } | null = null;
    const snapshot = (): Snapshot => {
      const { nodes, edges, variables, settings, groups } = get();
      return { nodes, edges, variables, settings, groups };
    };
    /** Whether the guard allows the state `next` would lead to; records the refusal when not. */
    const allowed = (next: Partial<Snapshot>): boolean => {
      if (!options.guard) return true;
      const refusal = options.guard(snapshotToFlow({ ...snapshot(), ...next }));
      set({ refusal });
      return refusal === null;
    };
    /** Applies a user change, remembering the previous state for undo. */
    const commit = (next: Partial<Snapshot>, recordHistory = true) => {
      if (!allowed(next)) return;
      lastEdit = null;
      record(next, recordHistory);
    };
    const record = (next: Partial<Snapshot>, recordHistory: boolean) =>
      set((s) => ({
        ...next,
        changeCount: s.changeCount + 1,
        ...(recordHistory ? { past: [...s.past.slice(-HISTORY_LIMIT + 1), snapshot()], future: [] } : {}),
      }));

    return {
      ...flowToCanvas(initial),
      changeCount: 0,
      refusal: null,
      past: [],
      future: [],

      dismissRefusal() {
        set({ refusal: null });
      },

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
        else {
          const removed = new Set(changes.flatMap((c) => (c.type === "remove" ? [c.id] : [])));
          commit(
            { nodes, edges: pruneEdges(nodes, get().edges), groups: withoutMembers(get().groups, removed) },
            meaningful,
          );
        }
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
        const block =
          type === "script" && options.scriptPlaceholders?.()
            ? blockOf({ type: "script", data: scriptPlaceholderData() })
            : defaultBlock(type);
        const node: BlockNode = { ...block, id, position, selected: true };
        commit({ nodes: [...get().nodes.map((n) => ({ ...n, selected: false })), node] });
        return get().nodes.some((n) => n.id === id) ? id : "";
      },

      updateBlock(id, block) {
        const nodes = get().nodes.map(
          (n): BlockNode => (n.id === id && n.type === block.type ? { ...n, ...block } : n),
        );
        const at = now();
        const continues = lastEdit?.id === id && at - lastEdit.at < TYPING_GROUP_MS;
        // Outputs may have changed (a button removed): drop edges from handles that no longer exist.
        const next = { nodes, edges: pruneEdges(nodes, get().edges) };
        if (!allowed(next)) return;
        record(next, !continues);
        lastEdit = { id, at };
      },

      removeBlocks(ids) {
        commit(withoutBlocks(get(), ids));
      },

      mayRemove(ids) {
        return allowed(withoutBlocks(get(), ids));
      },

      setVariables(variables) {
        commit({ variables });
      },

      setSettings(settings) {
        commit({ settings });
      },

      groupBlocks(ids, name) {
        const members = new Set(ids.filter((id) => get().nodes.some((n) => n.id === id)));
        const label = name.trim().slice(0, 60);
        if (members.size === 0 || !label) return "";
        const id = newId("sec");
        const groups = get()
          .groups.map((g) => ({ ...g, blockIds: g.blockIds.filter((b) => !members.has(b)) }))
          .filter((g) => g.blockIds.length > 0);
        commit({ groups: [...groups, { id, name: label, blockIds: [...members], collapsed: false }] });
        return get().groups.some((g) => g.id === id) ? id : "";
      },

      setGroupCollapsed(id, collapsed) {
        const group = get().groups.find((g) => g.id === id);
        if (!group || group.collapsed === collapsed) return;
        const members = new Set(group.blockIds);
        commit({
          groups: get().groups.map((g) => (g.id === id ? { ...g, collapsed } : g)),
          // A hidden block cannot stay selected (its settings would show for a block not on screen).
          ...(collapsed
            ? {
                nodes: get().nodes.map((n) =>
                  members.has(n.id) && n.selected ? { ...n, selected: false } : n,
                ),
              }
            : {}),
        });
      },

      renameGroup(id, name) {
        const label = name.trim().slice(0, 60);
        if (!label) return;
        commit({ groups: get().groups.map((g) => (g.id === id ? { ...g, name: label } : g)) });
      },

      ungroup(id) {
        commit({ groups: get().groups.filter((g) => g.id !== id) });
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
        set({ ...flowToCanvas(flow), past: [], future: [], changeCount: 0, refusal: null });
      },

      undo() {
        lastEdit = null;
        const { past, future } = get();
        const previous = past.at(-1);
        if (!previous || !allowed(previous)) return;
        set((s) => ({
          ...previous,
          past: past.slice(0, -1),
          future: [snapshot(), ...future],
          changeCount: s.changeCount + 1,
        }));
      },

      redo() {
        lastEdit = null;
        const { past, future } = get();
        const next = future[0];
        if (!next || !allowed(next)) return;
        set((s) => ({
          ...next,
          past: [...past, snapshot()],
          future: future.slice(1),
          changeCount: s.changeCount + 1,
        }));
      },

      toFlow() {
        return snapshotToFlow(snapshot());
      },
    };
  });
}

export type EditorStore = ReturnType<typeof createEditorStore>;

function withoutBlocks(s: Snapshot, ids: string[]): Pick<Snapshot, "nodes" | "edges" | "groups"> {
  const gone = new Set(ids);
  return {
    nodes: s.nodes.filter((n) => !gone.has(n.id)),
    edges: s.edges.filter((e) => !gone.has(e.source) && !gone.has(e.target)),
    groups: withoutMembers(s.groups, gone),
  };
}

/** Sections without these blocks; a section left empty goes too. */
function withoutMembers(groups: FlowGroup[], gone: Set<string>): FlowGroup[] {
  if (!groups.some((g) => g.blockIds.some((id) => gone.has(id)))) return groups;
  return groups
    .map((g) => ({ ...g, blockIds: g.blockIds.filter((id) => !gone.has(id)) }))
    .filter((g) => g.blockIds.length > 0);
}

function snapshotToFlow({ nodes, edges, variables, settings, groups }: Snapshot): Flow {
  return {
    version: FLOW_DOCUMENT_VERSION,
    nodes: nodes.map(
      (n): FlowNode => ({
        ...blockOf(n),
        id: n.id,
        position: { x: Math.round(n.position.x), y: Math.round(n.position.y) },
      }),
    ),
    edges: edges.map((e) => ({
      id: e.id,
      source: e.source,
      sourceHandle: e.sourceHandle ?? "next",
      target: e.target,
    })),
    variables,
    settings,
    // Written only when there are sections: a flow without them reads as it always did.
    ...(groups.length > 0 ? { editor: { groups } } : {}),
  };
}

function pruneEdges(nodes: BlockNode[], edges: Edge[]): Edge[] {
  const handles = new Map<string, Set<string>>();
  for (const n of nodes) {
    const outputs = blockOutputs(n);
    handles.set(n.id, new Set(outputs.map((o) => o.id)));
  }
  return edges.filter((e) => handles.get(e.source)?.has(e.sourceHandle ?? "next") && handles.has(e.target));
}
