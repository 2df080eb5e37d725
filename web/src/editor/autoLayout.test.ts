import ELK from "elkjs/lib/elk.bundled.js";
import { describe, expect, it } from "vitest";
import { autoLayout } from "./autoLayout.ts";
import { boundsOf, initialViewport, placeNewBlock, READABLE_ZOOM } from "./canvasView.ts";
import type { BlockNode } from "./editorStore.ts";

const node = (id: string, x = 0, y = 0, selected = false): BlockNode => ({
  id,
  type: "message",
  position: { x, y },
  data: { text: "" },
  selected,
});

describe("autoLayout", () => {
  it("wraps a 60-block chain onto several rows instead of one long line", async () => {
    const nodes = Array.from({ length: 60 }, (_, i) => node(`n${i}`));
    const edges = nodes.slice(1).map((n, i) => ({ id: `e${i}`, source: `n${i}`, target: n.id }));
    const laid = await autoLayout(nodes, edges, new ELK(), 1.6);
    const b = boundsOf(laid);
    const rows = new Set(laid.map((n) => n.position.y)).size;
    expect(rows).toBeGreaterThan(3);
    expect(b.width / b.height).toBeLessThan(6);
    // No two blocks overlap.
    for (const a of laid)
      for (const c of laid)
        if (a !== c)
          expect(
            Math.abs(a.position.x - c.position.x) >= 256 || Math.abs(a.position.y - c.position.y) >= 140,
          ).toBe(true);
  }, 120_000);
});

describe("canvas view", () => {
  it("opens a small flow fitted, and a large one at its start block, never below a readable zoom", () => {
    const screen = { width: 1200, height: 800 };
    const small = [node("start", 0, 0), node("a", 320, 0)];
    expect(initialViewport(small, screen).zoom).toBeGreaterThanOrEqual(READABLE_ZOOM);
    const large = Array.from({ length: 60 }, (_, i) =>
      node(`n${i}`, (i % 10) * 320, Math.floor(i / 10) * 200),
    );
    const view = initialViewport(large, screen);
    expect(view.zoom).toBeGreaterThanOrEqual(READABLE_ZOOM);
    expect(view.x).toBe(48);
  });

  it("places a new block right of the selected one, or at the nearest free spot when that is taken", () => {
    const screen = { x: -500, y: -500, width: 2000, height: 2000 };
    expect(placeNewBlock([node("a", 0, 0, true)], screen)).toEqual({ x: 336, y: 0 });
    const spot = placeNewBlock([node("a", 0, 0, true), node("b", 336, 0)], screen);
    expect(Math.abs(spot.y)).toBeGreaterThanOrEqual(140);
    expect(Math.abs(spot.y)).toBeLessThan(400);
    expect(spot.x).toBeGreaterThanOrEqual(0);
  });

  it("places a new block in the middle of the screen when nothing is selected", () => {
    expect(placeNewBlock([node("a", 0, 0)], { x: 1000, y: 1000, width: 1000, height: 600 })).toEqual({
      x: 1372,
      y: 1230,
    });
  });
});
