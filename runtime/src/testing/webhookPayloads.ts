import { createHmac, randomBytes } from "node:crypto";

/** `X-Hub-Signature-256` for a body, as Meta computes it over the exact bytes. */
export function signWebhook(body: string | Buffer, appSecret: string): string {
  return `sha256=${createHmac("sha256", appSecret).update(body).digest("hex")}`;
}

/**
 * Serialises like Meta does: `/` as `\/` and every non-ASCII character as `\uXXXX`, so tests prove
 * the signature is checked over raw bytes, not a re-serialisation.
 */
export function metaJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\//g, "\\/")
    .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

export interface Sender {
  /** wa_id (phone digits); omit for a username user known only by user_id. */
  waId?: string;
  userId?: string;
  name?: string;
}

export const newWamid = (): string => `wamid.${randomBytes(18).toString("base64url")}`;

const contactOf = (s: Sender) => ({
  profile: { name: s.name ?? "Customer" },
  ...(s.waId ? { wa_id: s.waId } : {}),
  ...(s.userId ? { user_id: s.userId } : {}),
});
const fromOf = (s: Sender) => ({
  ...(s.waId ? { from: s.waId } : {}),
  ...(s.userId ? { from_user_id: s.userId } : {}),
});
const now = () => String(Math.floor(Date.now() / 1000));

/** A customer's typed text message. */
export function textMessage(sender: Sender, body: string, id = newWamid()) {
  return {
    message: { ...fromOf(sender), id, timestamp: now(), type: "text", text: { body } },
    contact: contactOf(sender),
  };
}

/** A tap on a reply button. */
export function buttonReply(sender: Sender, reply: { id: string; title: string }, id = newWamid()) {
  return {
    message: {
      ...fromOf(sender),
      id,
      timestamp: now(),
      type: "interactive",
      interactive: { type: "button_reply", button_reply: reply },
    },
    contact: contactOf(sender),
  };
}

/** A chosen list row. */
export function listReply(
  sender: Sender,
  reply: { id: string; title: string; description?: string },
  id = newWamid(),
) {
  return {
    message: {
      ...fromOf(sender),
      id,
      timestamp: now(),
      type: "interactive",
      interactive: { type: "list_reply", list_reply: reply },
    },
    contact: contactOf(sender),
  };
}

/** A message type this code does not know (must not crash anything). */
export function unknownTypeMessage(sender: Sender, id = newWamid()) {
  return {
    message: { ...fromOf(sender), id, timestamp: now(), type: "hologram", hologram: { id: "x" } },
    contact: contactOf(sender),
  };
}

/** A location the customer shared: a dropped pin (coordinates only) or a named place. */
export function locationMessage(
  sender: Sender,
  place: { latitude: number; longitude: number; name?: string; address?: string },
  id = newWamid(),
) {
  return {
    message: { ...fromOf(sender), id, timestamp: now(), type: "location", location: place },
    contact: contactOf(sender),
  };
}

/** A delivery status for one of our messages. */
export function statusUpdate(
  waMessageId: string,
  status: "sent" | "delivered" | "read" | "failed",
  recipient: Sender = { waId: "15550001111" },
  errorCode?: number,
) {
  return {
    id: waMessageId,
    status,
    timestamp: now(),
    ...(recipient.waId ? { recipient_id: recipient.waId } : {}),
    ...(recipient.userId ? { recipient_user_id: recipient.userId } : {}),
    ...(errorCode ? { errors: [{ code: errorCode, title: "Message failed" }] } : {}),
  };
}

/** The webhook envelope for one phone number with any mix of messages and statuses. */
/** A message builder's result: the message and the contact entry Meta sends beside it. */
export interface BuiltMessage {
  message: Record<string, unknown>;
  contact: Record<string, unknown>;
}

export function webhookEnvelope(
  phoneNumberId: string,
  items: { messages?: BuiltMessage[]; statuses?: unknown[] },
) {
  const messages = items.messages ?? [];
  const contacts = messages
    .map((m) => m.contact)
    .filter((c, i, all) => all.findIndex((x) => JSON.stringify(x) === JSON.stringify(c)) === i);
  return {
    object: "whatsapp_business_account",
    entry: [
      {
        id: "102290129340398",
        changes: [
          {
            field: "messages",
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: "15550783881", phone_number_id: phoneNumberId },
              ...(contacts.length ? { contacts } : {}),
              ...(messages.length ? { messages: messages.map((m) => m.message) } : {}),
              ...(items.statuses?.length ? { statuses: items.statuses } : {}),
            },
          },
        ],
      },
    ],
  };
}
