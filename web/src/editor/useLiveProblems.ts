import { lintFlow } from "@benteng/shared";
import { useMemo } from "react";
import { useStore } from "zustand";
import type { EditorStore } from "./editorStore.ts";
import type { BlockProblem } from "./problemsContext.ts";

/** Problems of the flow as it is on screen, recomputed on every change, grouped by block ("" = flow-wide). */
export function useLiveProblems(store: EditorStore, linkAllowlist: string[]): Map<string, BlockProblem[]> {
  const changeCount = useStore(store, (s) => s.changeCount);
  // biome-ignore lint/correctness/useExhaustiveDependencies: changeCount is the store's change signal
  return useMemo(() => {
    const byBlock = new Map<string, BlockProblem[]>();
    for (const p of lintFlow(store.getState().toFlow(), { linkAllowlist })) {
      const key = p.blockId ?? "";
      byBlock.set(key, [...(byBlock.get(key) ?? []), p]);
    }
    return byBlock;
  }, [store, changeCount, linkAllowlist]);
}
