import { z } from "zod";
import { defineBlock } from "./blockDefinition.ts";

export const setVariableDataSchema = z.object({
  variable: z.string().max(64).default(""),
  /** Plain text with {{variables}} substituted; never evaluated as code. */
  value: z.string().max(4096).default(""),
});
export type SetVariableData = z.infer<typeof setVariableDataSchema>;

export const setVariableBlock = defineBlock({
  type: "setVariable",
  label: "Set variable",
  description: "Stores a value (text with {{variables}}) in a variable.",
  icon: "variable",
  category: "logic",
  dataSchema: setVariableDataSchema,
  defaults: (): SetVariableData => ({ variable: "", value: "" }),
  outputs: () => [{ id: "next", label: "Next" }],
  waitsForCustomer: false,
  customerTexts: () => [],
  writesVariables: (d) => (d.variable ? [d.variable] : []),
  summary: (d) => (d.variable ? `${d.variable} = ${d.value}` : "Choose a variable"),
});
