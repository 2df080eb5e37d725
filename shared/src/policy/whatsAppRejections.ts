import type { OutboundMessage } from "../conversation/outboundMessage.ts";
import { visibleLength } from "../text/visibleLength.ts";
import {
  CONTACT_CARD_LIMITS,
  contactEmailProblem,
  contactPhoneProblem,
  contactUrlProblem,
} from "../whatsapp/contactCard.ts";
import { WHATSAPP_LIMITS } from "../whatsapp/limits.ts";

/** Why WhatsApp would refuse a message, and which part of it. */
export interface WhatsAppRejection {
  /** Path inside the message, e.g. "buttons.3" or "body". */
  field: string;
  /** Plain language, as the limit rules of lintFlow say it. */
  message: string;
}

/**
 * What WhatsApp's Cloud API would refuse in a message as it is about to be sent, after variables
 * and script results are filled in: the same limits (WHATSAPP_LIMITS) the lint rules hold the
 * written blocks to, applied to the final texts. The simulator shows these instead of the message.
 * Linear in the message's size; never throws.
 * @example whatsAppRejections({ kind: "text", body: "x".repeat(5000) }) // → [{ field: "body", … 4096 … }]
 */
export function whatsAppRejections(message: OutboundMessage): WhatsAppRejection[] {
  const out: WhatsAppRejection[] = [];
  const text = (field: string, label: string, value: string | undefined, limit: number, required = false) => {
    if (value === undefined) return;
    if (required && value.trim() === "") {
      out.push({ field, message: `${label} is empty; WhatsApp refuses a message without it.` });
      return;
    }
    if (value.length <= limit) return;
    const length = visibleLength(value, limit);
    if (length > limit)
      out.push({
        field,
        message: `${label} is longer than ${limit} characters (${visibleLength(value)}); WhatsApp allows at most ${limit}.`,
      });
  };
  switch (message.kind) {
    case "text":
      text("body", "The message text", message.body, WHATSAPP_LIMITS.textBody, true);
      break;
    case "buttons": {
      text("header", "The header", message.header, WHATSAPP_LIMITS.header);
      text("body", "The body", message.body, WHATSAPP_LIMITS.interactiveBody, true);
      text("footer", "The footer", message.footer, WHATSAPP_LIMITS.footer);
      const n = message.buttons.length;
      if (n === 0 || n > WHATSAPP_LIMITS.buttonsPerMessage)
        out.push({
          field: "buttons",
          message: `The message has ${n} buttons; WhatsApp needs 1 to ${WHATSAPP_LIMITS.buttonsPerMessage}.`,
        });
      const titles = new Set<string>();
      const ids = new Set<string>();
      message.buttons.forEach((b, i) => {
        text(`buttons.${i}.title`, `Button ${i + 1}'s title`, b.title, WHATSAPP_LIMITS.buttonTitle, true);
        const key = b.title.trim().toLocaleLowerCase();
        if (key !== "" && titles.has(key))
          out.push({
            field: `buttons.${i}.title`,
            message: `Button ${i + 1} repeats the title "${b.title}".`,
          });
        titles.add(key);
        if (ids.has(b.id) || b.id.length > WHATSAPP_LIMITS.buttonId)
          out.push({ field: `buttons.${i}.id`, message: `Button ${i + 1}'s id is repeated or too long.` });
        ids.add(b.id);
      });
      break;
    }
    case "list": {
      text("header", "The header", message.header, WHATSAPP_LIMITS.header);
      text("body", "The body", message.body, WHATSAPP_LIMITS.interactiveBody, true);
      text("footer", "The footer", message.footer, WHATSAPP_LIMITS.footer);
      text("button", "The list button", message.button, WHATSAPP_LIMITS.listButtonText, true);
      const sections = message.sections;
      if (sections.length === 0 || sections.length > WHATSAPP_LIMITS.listSections)
        out.push({
          field: "sections",
          message: `The list has ${sections.length} sections; WhatsApp needs 1 to ${WHATSAPP_LIMITS.listSections}.`,
        });
      const rows = sections.reduce((n, s) => n + s.rows.length, 0);
      if (rows === 0 || rows > WHATSAPP_LIMITS.listRowsTotal)
        out.push({
          field: "sections",
          message: `The list has ${rows} rows; WhatsApp needs 1 to ${WHATSAPP_LIMITS.listRowsTotal} in all.`,
        });
      const ids = new Set<string>();
      sections.forEach((s, si) => {
        text(
          `sections.${si}.title`,
          `Section ${si + 1}'s title`,
          s.title,
          WHATSAPP_LIMITS.listSectionTitle,
          sections.length > 1,
        );
        if (s.rows.length === 0)
          out.push({ field: `sections.${si}.rows`, message: `Section ${si + 1} has no rows.` });
        s.rows.forEach((r, ri) => {
          const where = `sections.${si}.rows.${ri}`;
          text(`${where}.title`, `Row ${ri + 1}'s title`, r.title, WHATSAPP_LIMITS.listRowTitle, true);
          text(
            `${where}.description`,
            `Row ${ri + 1}'s description`,
            r.description,
            WHATSAPP_LIMITS.listRowDescription,
          );
          if (ids.has(r.id) || r.id.length > WHATSAPP_LIMITS.listRowId)
            out.push({ field: `${where}.id`, message: `Row ${ri + 1}'s id is repeated or too long.` });
          ids.add(r.id);
        });
      });
      break;
    }
    case "locationRequest":
      text("body", "The request text", message.body, WHATSAPP_LIMITS.locationRequestBody, true);
      break;
    case "contacts":
      message.contacts.forEach((c, ci) => {
        text(`contacts.${ci}.name`, "The name on the card", c.name, CONTACT_CARD_LIMITS.name, true);
        c.phones.forEach((p, i) => {
          const problem = contactPhoneProblem(p.phone);
          if (problem)
            out.push({ field: `contacts.${ci}.phones.${i}.phone`, message: `Phone ${i + 1} ${problem}.` });
        });
        c.emails.forEach((e, i) => {
          const problem = contactEmailProblem(e.email);
          if (problem)
            out.push({ field: `contacts.${ci}.emails.${i}.email`, message: `E-mail ${i + 1} ${problem}.` });
        });
        c.urls.forEach((u, i) => {
          const problem = contactUrlProblem(u.url);
          if (problem)
            out.push({ field: `contacts.${ci}.urls.${i}.url`, message: `Link ${i + 1} ${problem}.` });
        });
      });
      break;
  }
  return out;
}
