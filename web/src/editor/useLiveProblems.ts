import { useEffect, useState } from "react";
import { useStore } from "zustand";
import type { EditorStore } from "./editorStore.ts";
import { LintClient, type LintPort } from "./lintProtocol.ts";
import type { BlockProblem } from "./problemsContext.ts";

export interface LiveProblems {
  /** Problems grouped by block ("" = flow-wide). */
  byBlock: Map<string, BlockProblem[]>;
  /** Whether the flow on screen has changed since the problems shown were found. */
  checking: boolean;
  /** Whether the linter has answered at least once since the page opened. */
  ready: boolean;
}

/** Problems of the flow as it is on screen, found by the linter worker after every change. */
export function useLiveProblems(store: EditorStore, linkAllowlist: string[]): LiveProblems {
  const changeCount = useStore(store, (s) => s.changeCount);
  const [client, setClient] = useState<LintClient | null>(null);
  const [live, setLive] = useState<LiveProblems>({ byBlock: new Map(), checking: true, ready: false });

  // The worker starts once the canvas is drawn and the page is idle: on a big flow, fetching and
  // compiling the linter would otherwise compete with the first paint for the processor.
  useEffect(() => {
    let lintClient: LintClient | null = null;
    const start = () => {
      const worker = new Worker(new URL("./lint.worker.ts", import.meta.url), { type: "module" });
      lintClient = new LintClient(worker as unknown as LintPort, (problems, current) =>
        setLive({ byBlock: groupByBlock(problems), checking: !current, ready: true }),
      );
      setClient(lintClient);
    };
    const idle = typeof requestIdleCallback === "function";
    const handle = idle ? requestIdleCallback(start, { timeout: 1500 }) : window.setTimeout(start, 200);
    return () => {
      if (idle) cancelIdleCallback(handle);
      else window.clearTimeout(handle);
      lintClient?.close();
    };
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: changeCount is the store's change signal
  useEffect(() => {
    if (!client) return;
    setLive((l) => (l.checking ? l : { ...l, checking: true }));
    client.lint(store.getState().toFlow(), linkAllowlist);
  }, [client, store, changeCount, linkAllowlist]);

  return live;
}

export function groupByBlock(problems: BlockProblem[]): Map<string, BlockProblem[]> {
  const byBlock = new Map<string, BlockProblem[]>();
  for (const p of problems) {
    const key = p.blockId ?? "";
    byBlock.set(key, [...(byBlock.get(key) ?? []), p]);
  }
  return byBlock;
}
