import { z } from "zod";
import { WHATSAPP_LIMITS } from "../whatsapp/limits.ts";
import { defineBlock } from "./blockDefinition.ts";

export const handoffDataSchema = z.object({
  /** Told to the customer while they wait for a person. */
  message: z.string().max(4096).default("Connecting you to a person. Please wait a moment."),
  /** Team or queue name shown to agents. */
  team: z.string().max(60).default(""),
});
export type HandoffData = z.infer<typeof handoffDataSchema>;

export const handoffBlock = defineBlock({
  type: "handoff",
  label: "Handoff to a person",
  description: "Stops the bot and hands the conversation to a human agent.",
  icon: "person",
  category: "action",
  dataSchema: handoffDataSchema,
  defaults: (): HandoffData => ({ message: "Connecting you to a person. Please wait a moment.", team: "" }),
  outputs: () => [],
  waitsForCustomer: true,
  customerTexts: (d) => [
    { field: "message", label: "Message", text: d.message, limit: WHATSAPP_LIMITS.textBody },
  ],
  writesVariables: () => [],
  summary: (d) => (d.team ? `To ${d.team}` : "To the next free agent"),
});
