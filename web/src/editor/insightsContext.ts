import { createContext } from "react";
import type { RouterOutputs } from "../lib/trpc.ts";

/** Per-block counts from the conversation trace over the chosen range, when the editor shows insights. */
export type BlockInsights = RouterOutputs["flows"]["insights"]["blocks"];
export const InsightsContext = createContext<BlockInsights | null>(null);

/**
 * A conversation's path drawn on the canvas: for each block it passed, the step numbers (1-based,
 * in order) at which the engine entered or resumed it; the last block is where it stands.
 */
export interface ConversationPath {
  steps: ReadonlyMap<string, number[]>;
  /** Outputs the walk followed, as "blockId|output" (the edges to draw highlighted). */
  taken: ReadonlySet<string>;
  last: string | null;
}
export const PathContext = createContext<ConversationPath | null>(null);
