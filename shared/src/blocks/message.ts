import { z } from "zod";
import { WHATSAPP_LIMITS } from "../whatsapp/limits.ts";
import { defineBlock } from "./blockDefinition.ts";

export const messageDataSchema = z.object({
  /** Text with `{{variable}}` placeholders. */
  text: z.string().max(20_000).default(""),
  /** Optional https link to an image or document sent with the text. */
  mediaUrl: z.string().max(2000).optional(),
});
export type MessageData = z.infer<typeof messageDataSchema>;

export const messageBlock = defineBlock({
  type: "message",
  label: "Message",
  description: "Sends a text message, optionally with a media link.",
  icon: "message",
  category: "message",
  dataSchema: messageDataSchema,
  defaults: (): MessageData => ({ text: "" }),
  outputs: () => [{ id: "next", label: "Next" }],
  waitsForCustomer: false,
  customerTexts: (d) => [
    { field: "text", label: "Message text", text: d.text, limit: WHATSAPP_LIMITS.textBody, required: true },
  ],
  writesVariables: () => [],
  summary: (d) => d.text,
});
