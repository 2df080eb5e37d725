import type { BlockNode } from "./editorStore.ts";

/**
 * The smallest zoom the editor chooses by itself (opening a flow, fit to view, jumping to a block):
 * the smallest text on a block (12 px) stays at least 9 px on screen. People may still zoom out
 * further by hand for an overview.
 */
export const READABLE_ZOOM = 0.75;
export const MIN_TEXT_PX = 9;

const SIZE = { width: 256, height: 140 };
const GAP = 80;

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const sizeOf = (n: BlockNode) => ({
  width: n.measured?.width ?? n.width ?? n.initialWidth ?? SIZE.width,
  height: n.measured?.height ?? n.height ?? n.initialHeight ?? SIZE.height,
});

/** The bounding box of blocks, from their measured or estimated sizes. */
export function boundsOf(nodes: BlockNode[]): Rect {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const n of nodes) {
    const s = sizeOf(n);
    minX = Math.min(minX, n.position.x);
    minY = Math.min(minY, n.position.y);
    maxX = Math.max(maxX, n.position.x + s.width);
    maxY = Math.max(maxY, n.position.y + s.height);
  }
  if (nodes.length === 0) return { x: 0, y: 0, width: 0, height: 0 };
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/**
 * The viewport a flow opens with: everything, when it fits at a readable zoom (never above 100 %);
 * otherwise its start block at the left, readable, with what follows it to the right.
 */
export function initialViewport(
  nodes: BlockNode[],
  screen: { width: number; height: number },
): { x: number; y: number; zoom: number; fits: boolean } {
  const padding = 48;
  const b = boundsOf(nodes);
  const fit = Math.min(
    1,
    (screen.width - 2 * padding) / Math.max(b.width, 1),
    (screen.height - 2 * padding) / Math.max(b.height, 1),
  );
  if (fit >= READABLE_ZOOM) {
    return {
      x: (screen.width - b.width * fit) / 2 - b.x * fit,
      y: (screen.height - b.height * fit) / 2 - b.y * fit,
      zoom: fit,
      fits: true,
    };
  }
  const start = nodes.find((n) => n.type === "start") ?? nodes[0];
  const zoom = Math.max(READABLE_ZOOM, 0.9);
  const p = start?.position ?? { x: 0, y: 0 };
  return { x: padding - p.x * zoom, y: screen.height / 3 - p.y * zoom, zoom, fits: false };
}

const overlaps = (a: Rect, b: Rect) =>
  a.x < b.x + b.width + 16 &&
  b.x < a.x + a.width + 16 &&
  a.y < b.y + b.height + 16 &&
  b.y < a.y + a.height + 16;

/** Offsets, in grid steps, from the preferred spot, nearest first; rightwards and downwards win ties. */
const SEARCH = (() => {
  const out: Array<{ dx: number; dy: number }> = [];
  for (let dx = -6; dx <= 6; dx++) for (let dy = -10; dy <= 10; dy++) out.push({ dx, dy });
  const cost = (o: { dx: number; dy: number }) =>
    Math.abs(o.dx) * 2 + Math.abs(o.dy) + (o.dx < 0 ? 0.5 : 0) + (o.dy < 0 ? 0.25 : 0);
  return out.sort((a, b) => cost(a) - cost(b));
})();

/**
 * Where a block added by click goes: to the right of the selected block (the last one selected),
 * or in the middle of what is on screen; when that is taken, the nearest free spot around it.
 */
export function placeNewBlock(nodes: BlockNode[], visible: Rect): { x: number; y: number } {
  const anchor = nodes.findLast((n) => n.selected);
  const preferred = anchor
    ? { x: anchor.position.x + sizeOf(anchor).width + GAP, y: anchor.position.y }
    : {
        x: visible.x + visible.width / 2 - SIZE.width / 2,
        y: visible.y + visible.height / 2 - SIZE.height / 2,
      };
  const rects = nodes.map((n) => ({ ...n.position, ...sizeOf(n) }));
  const step = { x: (SIZE.width + GAP) / 2, y: (SIZE.height + 32) / 2 };
  // Bounded search; when everything near is taken, the preferred spot is used as is.
  for (const { dx, dy } of SEARCH) {
    const spot = { x: preferred.x + dx * step.x, y: preferred.y + dy * step.y };
    const rect = { ...spot, ...SIZE };
    if (!rects.some((r) => overlaps(rect, r))) return { x: Math.round(spot.x), y: Math.round(spot.y) };
  }
  return { x: Math.round(preferred.x), y: Math.round(preferred.y) };
}
