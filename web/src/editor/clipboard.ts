import { type Flow, flowEdgeSchema, flowNodeSchema, newId } from "@benteng/shared";
import { z } from "zod";
import type { BlockNode } from "./editorStore.ts";

export const CLIPBOARD_KEY = "benteng.clipboard";
const clipboardSchema = z.object({ nodes: z.array(flowNodeSchema), edges: z.array(flowEdgeSchema) });

/** Copies blocks (and the connections between them) so they can be pasted in any flow of this browser. */
export function copyBlocks(nodes: BlockNode[], edges: Flow["edges"]): number {
  const chosen = nodes.filter((n) => n.type !== "start");
  const ids = new Set(chosen.map((n) => n.id));
  const payload = {
    nodes: chosen.map((n) => ({ id: n.id, type: n.type, position: n.position, data: n.data })),
    edges: edges.filter((e) => ids.has(e.source) && ids.has(e.target)),
  };
  localStorage.setItem(CLIPBOARD_KEY, JSON.stringify(payload));
  return chosen.length;
}

/** The copied blocks with fresh ids, shifted so a paste never lands exactly on the originals. */
export function readClipboard(): { nodes: Flow["nodes"]; edges: Flow["edges"] } | null {
  const raw = localStorage.getItem(CLIPBOARD_KEY);
  if (!raw) return null;
  let parsed: z.infer<typeof clipboardSchema>;
  try {
    const result = clipboardSchema.safeParse(JSON.parse(raw));
    if (!result.success) return null;
    parsed = result.data;
  } catch {
    return null;
  }
  const ids = new Map(parsed.nodes.map((n) => [n.id, newId(n.type.slice(0, 3))]));
  return {
    nodes: parsed.nodes.map((n) => ({
      ...n,
      id: ids.get(n.id) as string,
      position: { x: n.position.x + 40, y: n.position.y + 40 },
    })),
    edges: parsed.edges.map((e) => ({
      ...e,
      id: newId("e"),
      source: ids.get(e.source) as string,
      target: ids.get(e.target) as string,
    })),
  };
}
