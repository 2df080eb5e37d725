import type { ContactCard, OutboundMessage } from "@benteng/shared";

/** The JSON body of `POST /{phone-number-id}/messages`. */
export type GraphPayload = Record<string, unknown> & { messaging_product: "whatsapp"; type?: string };

/**
 * Who receives a message: a contact identity ("wa:<wa_id>" or "user:<business-scoped id>") or a bare
 * wa_id. Username users have no phone number, so they are addressed by `recipient`.
 */
export function recipientFields(to: string): Record<string, string> {
  if (to.startsWith("user:")) return { recipient: to.slice(5) };
  return { to: to.startsWith("wa:") ? to.slice(3) : to };
}

/**
 * Builds the Graph API request for an engine message (text, media by link, reply buttons, list,
 * location request or contact cards).
 */
export function toGraphPayload(message: OutboundMessage, to: string, replyTo?: string): GraphPayload {
  const base = {
    messaging_product: "whatsapp" as const,
    recipient_type: "individual",
    ...recipientFields(to),
    ...(replyTo ? { context: { message_id: replyTo } } : {}),
  };
  switch (message.kind) {
    case "text":
      return {
        ...base,
        type: "text",
        text: {
          body: message.mediaUrl ? `${message.body}\n${message.mediaUrl}` : message.body,
          preview_url: Boolean(message.mediaUrl),
        },
      };
    case "media":
      return {
        ...base,
        type: message.mediaType,
        [message.mediaType]: {
          link: message.link,
          ...(message.caption ? { caption: message.caption } : {}),
          ...(message.filename ? { filename: message.filename } : {}),
        },
      };
    case "buttons":
      return {
        ...base,
        type: "interactive",
        interactive: {
          type: "button",
          ...(message.header ? { header: { type: "text", text: message.header } } : {}),
          body: { text: message.body },
          ...(message.footer ? { footer: { text: message.footer } } : {}),
          action: {
            buttons: message.buttons.map((b) => ({ type: "reply", reply: { id: b.id, title: b.title } })),
          },
        },
      };
    case "list":
      return {
        ...base,
        type: "interactive",
        interactive: {
          type: "list",
          ...(message.header ? { header: { type: "text", text: message.header } } : {}),
          body: { text: message.body },
          ...(message.footer ? { footer: { text: message.footer } } : {}),
          action: {
            button: message.button,
            sections: message.sections.map((s) => ({
              ...(s.title ? { title: s.title } : {}),
              rows: s.rows.map((r) => ({
                id: r.id,
                title: r.title,
                ...(r.description ? { description: r.description } : {}),
              })),
            })),
          },
        },
      };
    case "locationRequest":
      return {
        ...base,
        type: "interactive",
        interactive: {
          type: "location_request_message",
          body: { text: message.body },
          action: { name: "send_location" },
        },
      };
    case "contacts":
      return { ...base, type: "contacts", contacts: message.contacts.map(contactPayload) };
  }
}

/**
 * One contact of a `contacts` message. Meta wants the formatted name with at least one other part
 * of the name: a card named only as a whole ("Toko Ana") sends that name as its first name too.
 */
function contactPayload(card: ContactCard): Record<string, unknown> {
  const named = card.firstName || card.lastName;
  return {
    name: {
      formatted_name: card.name,
      ...(named ? {} : { first_name: card.name }),
      ...(card.firstName ? { first_name: card.firstName } : {}),
      ...(card.lastName ? { last_name: card.lastName } : {}),
    },
    ...(card.company || card.title
      ? {
          org: {
            ...(card.company ? { company: card.company } : {}),
            ...(card.title ? { title: card.title } : {}),
          },
        }
      : {}),
    ...(card.phones.length > 0 ? { phones: card.phones.map((p) => ({ phone: p.phone, type: p.type })) } : {}),
    ...(card.emails.length > 0 ? { emails: card.emails.map((e) => ({ email: e.email, type: e.type })) } : {}),
    ...(card.urls.length > 0 ? { urls: card.urls.map((u) => ({ url: u.url, type: u.type })) } : {}),
  };
}

/** An approved template (the only kind of message allowed outside the 24-hour window). */
export function templatePayload(
  to: string,
  name: string,
  languageCode: string,
  components: unknown[] = [],
): GraphPayload {
  return {
    messaging_product: "whatsapp",
    recipient_type: "individual",
    ...recipientFields(to),
    type: "template",
    template: { name, language: { code: languageCode }, components },
  };
}

/** Marks a customer's message as read (blue ticks). */
export function markAsReadPayload(waMessageId: string): GraphPayload {
  return { messaging_product: "whatsapp", status: "read", message_id: waMessageId };
}

/** Whether a payload is free-form (only allowed within 24 hours of the customer's last message). */
export function isFreeForm(payload: GraphPayload): boolean {
  return payload.type !== "template" && payload.status !== "read";
}
