import { z } from "zod";
import { defineBlock } from "./blockDefinition.ts";

export const endDataSchema = z.object({});
export type EndData = z.infer<typeof endDataSchema>;

export const endBlock = defineBlock({
  type: "end",
  label: "End",
  description: "Ends the conversation; the customer's next message starts the flow again.",
  icon: "stop",
  category: "action",
  dataSchema: endDataSchema,
  defaults: (): EndData => ({}),
  outputs: () => [],
  waitsForCustomer: false,
  customerTexts: () => [],
  writesVariables: () => [],
  summary: () => "Conversation ends",
});
