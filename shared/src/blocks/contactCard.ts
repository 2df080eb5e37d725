import { z } from "zod";
import { idSchema } from "../flow/ids.ts";
import {
  CONTACT_CARD_LIMITS,
  contactPhoneTypeSchema,
  contactPlaceTypeSchema,
} from "../whatsapp/contactCard.ts";
import { defineBlock } from "./blockDefinition.ts";

const L = CONTACT_CARD_LIMITS;

// Lists accept more than the linter allows, so an over-full block loads and shows its problem.
export const contactCardDataSchema = z.object({
  /** The name shown beside the card's profile arrow, e.g. "Toko Ana Customer Care". Required. */
  name: z.string().max(2000).default(""),
  firstName: z.string().max(2000).default(""),
  lastName: z.string().max(2000).default(""),
  company: z.string().max(2000).default(""),
  /** Job title or role, e.g. "Customer care". */
  title: z.string().max(2000).default(""),
  phones: z
    .array(
      z.object({ id: idSchema, phone: z.string().max(500), type: contactPhoneTypeSchema.default("WORK") }),
    )
    .max(20)
    .default([]),
  emails: z
    .array(
      z.object({ id: idSchema, email: z.string().max(2000), type: contactPlaceTypeSchema.default("WORK") }),
    )
    .max(20)
    .default([]),
  urls: z
    .array(
      z.object({ id: idSchema, url: z.string().max(4000), type: contactPlaceTypeSchema.default("WORK") }),
    )
    .max(20)
    .default([]),
});
export type ContactCardData = z.infer<typeof contactCardDataSchema>;

export const contactCardBlock = defineBlock({
  type: "contactCard",
  label: "Contact card",
  description: "Sends a contact card the customer can save: a name with phone numbers, e-mail and links.",
  icon: "contact",
  category: "message",
  dataSchema: contactCardDataSchema,
  defaults: (): ContactCardData => ({
    name: "",
    firstName: "",
    lastName: "",
    company: "",
    title: "",
    phones: [{ id: "p1", phone: "", type: "WORK" }],
    emails: [],
    urls: [],
  }),
  outputs: () => [{ id: "next", label: "Next" }],
  waitsForCustomer: false,
  customerTexts: (d) => [
    { field: "name", label: "Name on the card", text: d.name, limit: L.name, required: true },
    ...optional("firstName", "First name", d.firstName, L.field),
    ...optional("lastName", "Last name", d.lastName, L.field),
    ...optional("company", "Company", d.company, L.field),
    ...optional("title", "Job title", d.title, L.field),
    ...d.phones.map((p, i) => ({
      field: `phones.${i}.phone`,
      label: `Phone ${i + 1}`,
      text: p.phone,
      limit: L.phone,
    })),
    ...d.emails.map((e, i) => ({
      field: `emails.${i}.email`,
      label: `E-mail ${i + 1}`,
      text: e.email,
      limit: L.email,
    })),
    ...d.urls.map((u, i) => ({ field: `urls.${i}.url`, label: `Link ${i + 1}`, text: u.url, limit: L.url })),
  ],
  writesVariables: () => [],
  summary: (d) => [d.name, d.phones[0]?.phone].filter(Boolean).join(" · "),
});

function optional(field: string, label: string, text: string, limit: number) {
  return text === "" ? [] : [{ field, label, text, limit }];
}
