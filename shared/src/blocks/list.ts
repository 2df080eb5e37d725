import { z } from "zod";
import { idSchema } from "../flow/ids.ts";
import { WHATSAPP_LIMITS } from "../whatsapp/limits.ts";
import { defineBlock } from "./blockDefinition.ts";

export const listRowSchema = z.object({
  id: idSchema,
  title: z.string().max(200),
  description: z.string().max(500).optional(),
});
export const listSectionSchema = z.object({
  title: z.string().max(200).default(""),
  rows: z.array(listRowSchema).max(50),
});

export const listDataSchema = z.object({
  header: z.string().max(500).optional(),
  body: z.string().max(20_000).default(""),
  footer: z.string().max(500).optional(),
  /** The label of the button that opens the list sheet. */
  button: z.string().max(200).default("Choose"),
  // Lenient bounds so over-full lists load and get a problem badge; the linter enforces WhatsApp's.
  sections: z.array(listSectionSchema).min(1).max(20),
  /** Variable that receives the chosen row's title. */
  saveAs: z.string().max(64).optional(),
});
export type ListData = z.infer<typeof listDataSchema>;

export const listBlock = defineBlock({
  type: "list",
  label: "List",
  description: "Opens a list of up to 10 options in sections; each row is its own path.",
  icon: "list",
  category: "input",
  dataSchema: listDataSchema,
  defaults: (): ListData => ({
    body: "",
    button: "Choose",
    sections: [
      {
        title: "Options",
        rows: [
          { id: "r1", title: "Option 1" },
          { id: "r2", title: "Option 2" },
        ],
      },
    ],
  }),
  outputs: (d) =>
    d.sections.flatMap((s) => s.rows.map((r) => ({ id: r.id, label: r.title || "(untitled row)" }))),
  waitsForCustomer: true,
  customerTexts: (d) => [
    ...(d.header
      ? [{ field: "header", label: "Header", text: d.header, limit: WHATSAPP_LIMITS.header }]
      : []),
    { field: "body", label: "Body", text: d.body, limit: WHATSAPP_LIMITS.interactiveBody, required: true },
    ...(d.footer
      ? [{ field: "footer", label: "Footer", text: d.footer, limit: WHATSAPP_LIMITS.footer }]
      : []),
    {
      field: "button",
      label: "List button",
      text: d.button,
      limit: WHATSAPP_LIMITS.listButtonText,
      required: true,
    },
    ...d.sections.flatMap((s, si) => [
      ...(d.sections.length > 1 || s.title
        ? [
            {
              field: `sections.${si}.title`,
              label: `Section ${si + 1} title`,
              text: s.title,
              limit: WHATSAPP_LIMITS.listSectionTitle,
              // WhatsApp requires a title on every section once there is more than one.
              required: d.sections.length > 1,
            },
          ]
        : []),
      ...s.rows.flatMap((r, ri) => [
        {
          field: `sections.${si}.rows.${ri}.title`,
          label: `Row ${ri + 1} title (section ${si + 1})`,
          text: r.title,
          limit: WHATSAPP_LIMITS.listRowTitle,
          required: true,
        },
        ...(r.description
          ? [
              {
                field: `sections.${si}.rows.${ri}.description`,
                label: `Row ${ri + 1} description (section ${si + 1})`,
                text: r.description,
                limit: WHATSAPP_LIMITS.listRowDescription,
              },
            ]
          : []),
      ]),
    ]),
  ],
  writesVariables: (d) => (d.saveAs ? [d.saveAs] : []),
  summary: (d) => d.body,
});
