import type { Edge } from "@xyflow/react";
import type { ElkNode } from "elkjs/lib/elk-api";
import type { BlockNode } from "./editorStore.ts";

/** What autoLayout needs of ELK: the browser's worker-backed instance, or the bundled one in tests. */
export interface ElkLayouter {
  layout(graph: ElkNode): Promise<ElkNode>;
}

/** Estimated block size before React Flow has measured it. */
export const BLOCK_SIZE = { width: 256, height: 140 };

/**
 * Layered (Sugiyama) layout by ELK: blocks flow left to right in ranks, and long chains wrap onto
 * further rows so a 60-block flow fills a screen-shaped area instead of one long line. Each block's
 * measured size is used when known; outputs keep their order, so paths do not cross needlessly.
 * @example const arranged = await autoLayout(nodes, edges, await loadElk(), 1.6)
 */
export async function autoLayout(
  nodes: BlockNode[],
  edges: Edge[],
  elk: ElkLayouter,
  aspectRatio = 1.6,
): Promise<BlockNode[]> {
  const ids = new Set(nodes.map((n) => n.id));
  const graph: ElkNode = {
    id: "flow",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "RIGHT",
      "elk.aspectRatio": String(Math.max(0.5, Math.min(aspectRatio, 4))),
      "elk.layered.wrapping.strategy": "MULTI_EDGE",
      "elk.spacing.nodeNode": "48",
      "elk.layered.spacing.nodeNodeBetweenLayers": "96",
      "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
      "elk.separateConnectedComponents": "true",
    },
    children: nodes.map((n) => ({
      id: n.id,
      width: n.measured?.width ?? BLOCK_SIZE.width,
      height: n.measured?.height ?? BLOCK_SIZE.height,
    })),
    edges: edges
      .filter((e) => e.source !== e.target && ids.has(e.source) && ids.has(e.target))
      .map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  };
  const laid = await elk.layout(graph);
  const at = new Map((laid.children ?? []).map((c) => [c.id, { x: c.x ?? 0, y: c.y ?? 0 }]));
  return nodes.map((n) => {
    const p = at.get(n.id);
    return p ? { ...n, position: { x: Math.round(p.x), y: Math.round(p.y) } } : n;
  });
}

let elkInstance: Promise<ElkLayouter> | undefined;

/**
 * ELK is large (about 1.5 MB) and layout of hundreds of blocks takes a while, so it is loaded on
 * first use and runs in a Web Worker: the initial page stays small and the editor stays responsive.
 */
export function loadElk(): Promise<ElkLayouter> {
  elkInstance ??= Promise.all([
    import("elkjs/lib/elk-api.js"),
    import("elkjs/lib/elk-worker.min.js?url"),
  ]).then(([api, worker]) => new api.default({ workerUrl: worker.default }));
  return elkInstance;
}
