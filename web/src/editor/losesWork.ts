import { defaultBlock } from "@benteng/shared";
import type { BlockNode } from "./editorStore.ts";

/** Whether deleting these blocks throws away something a person wrote (anything beyond the defaults). */
export function losesWork(nodes: BlockNode[]): boolean {
  return nodes.some((n) => JSON.stringify(n.data) !== JSON.stringify(defaultBlock(n.type).data));
}
