import { z } from "zod";
import { defineBlock } from "./blockDefinition.ts";

export const startDataSchema = z.object({
  /** Words that start this flow; empty means any first message does. Matched case-insensitively. */
  keywords: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
});
export type StartData = z.infer<typeof startDataSchema>;

export const startBlock = defineBlock({
  type: "start",
  label: "Start",
  description: "Where the conversation begins: on any message or on trigger keywords.",
  icon: "play",
  category: "trigger",
  dataSchema: startDataSchema,
  defaults: (): StartData => ({ keywords: [] }),
  outputs: () => [{ id: "next", label: "Next" }],
  waitsForCustomer: false,
  customerTexts: () => [],
  writesVariables: () => [],
  summary: (d) => (d.keywords.length ? `When the customer says ${d.keywords.join(", ")}` : "On any message"),
});
