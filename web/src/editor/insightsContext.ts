import { createContext } from "react";

/** Per-block visit and waiting counts from real conversations, when the editor shows insights. */
export const InsightsContext = createContext<Record<string, { visits: number; waiting: number }> | null>(
  null,
);
