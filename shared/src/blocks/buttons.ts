import { z } from "zod";
import { idSchema } from "../flow/ids.ts";
import { WHATSAPP_LIMITS } from "../whatsapp/limits.ts";
import { defineBlock } from "./blockDefinition.ts";

export const replyButtonSchema = z.object({
  id: idSchema,
  title: z.string().max(200),
});

export const buttonsDataSchema = z.object({
  header: z.string().max(500).optional(),
  body: z.string().max(20_000).default(""),
  footer: z.string().max(500).optional(),
  // The schema accepts more than WhatsApp's 3 so that an over-full block can be loaded and shown
  // with a problem badge instead of being rejected; the linter refuses to publish it.
  buttons: z.array(replyButtonSchema).min(1).max(10),
  /** Variable that receives the chosen button's title. */
  saveAs: z.string().max(64).optional(),
});
export type ButtonsData = z.infer<typeof buttonsDataSchema>;

export const buttonsBlock = defineBlock({
  type: "buttons",
  label: "Reply buttons",
  description: "Asks the customer to tap one of up to 3 buttons; each button is its own path.",
  icon: "buttons",
  category: "input",
  dataSchema: buttonsDataSchema,
  defaults: (): ButtonsData => ({
    body: "",
    buttons: [
      { id: "b1", title: "Yes" },
      { id: "b2", title: "No" },
    ],
  }),
  outputs: (d) => d.buttons.map((b) => ({ id: b.id, label: b.title || "(untitled button)" })),
  waitsForCustomer: true,
  customerTexts: (d) => [
    ...(d.header
      ? [{ field: "header", label: "Header", text: d.header, limit: WHATSAPP_LIMITS.header }]
      : []),
    { field: "body", label: "Body", text: d.body, limit: WHATSAPP_LIMITS.interactiveBody, required: true },
    ...(d.footer
      ? [{ field: "footer", label: "Footer", text: d.footer, limit: WHATSAPP_LIMITS.footer }]
      : []),
    ...d.buttons.map((b, i) => ({
      field: `buttons.${i}.title`,
      label: `Button ${i + 1} title`,
      text: b.title,
      limit: WHATSAPP_LIMITS.buttonTitle,
      required: true,
    })),
  ],
  writesVariables: (d) => (d.saveAs ? [d.saveAs] : []),
  summary: (d) => d.body,
});
