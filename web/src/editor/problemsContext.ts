import { createContext, useContext } from "react";

/** A problem shown on a block (from the live linter). */
export interface BlockProblem {
  ruleId: string;
  severity: "error" | "warning";
  message: string;
  blockId?: string;
  /** The connection the problem is on, which the problems panel offers to remove. */
  edgeId?: string;
  field?: string;
  span?: { start: number; end: number };
}

export const ProblemsContext = createContext<Map<string, BlockProblem[]>>(new Map());

export function useProblemsFor(blockId: string): BlockProblem[] {
  return useContext(ProblemsContext).get(blockId) ?? [];
}

/** The block the simulator's conversation is at, highlighted on the canvas. */
export const ActiveBlockContext = createContext<string | null>(null);
