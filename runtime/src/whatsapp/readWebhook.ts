import { contactIdentity } from "@benteng/db/queries/contacts";
import { type InboundEvent, MAX_MESSAGE_TYPE, sharedLocationSchema } from "@benteng/shared";
import type { z } from "zod";
import {
  type WebhookMessage,
  type WebhookPayload,
  type WebhookStatus,
  webhookContactSchema,
  webhookMessageSchema,
  webhookStatusSchema,
  webhookValueSchema,
} from "./webhookSchema.ts";

/** One customer message, reduced to what the inbox stores. */
export interface InboundMessage {
  waMessageId: string;
  /** "wa:<wa_id>" or "user:<business-scoped user id>": a phone number may not exist. */
  identity: string;
  waId: string | null;
  userId: string | null;
  profileName: string | null;
  event: InboundEvent;
  /** Unix seconds as Meta sent it, when present. */
  timestamp: number | null;
}

export type DeliveryStatus = "sent" | "delivered" | "read" | "failed";

export interface StatusUpdate {
  waMessageId: string;
  status: DeliveryStatus;
  errorCode: number | null;
  errorTitle: string | null;
}

export interface WebhookBatch {
  messages: InboundMessage[];
  statuses: StatusUpdate[];
  /** Changes addressed to another phone number, other fields, or statuses we do not track. */
  ignored: number;
  /**
   * Messages, statuses and contacts that break their schema (a NUL or lone surrogate in an id, text
   * over the cap, a missing sender…). They can never be stored, so they are dropped and logged, not
   * failed: Meta would retry them for 7 days.
   */
  unreadable: number;
}

/**
 * Every entry × change × message/status of a webhook addressed to `phoneNumberId`. Changes for other
 * numbers are ignored (the URL names the channel; the metadata must agree).
 */
export function readWebhook(payload: WebhookPayload, phoneNumberId: string): WebhookBatch {
  const batch: WebhookBatch = { messages: [], statuses: [], ignored: 0, unreadable: 0 };
  const readable = <T extends z.ZodType>(schema: T, items: unknown[]): z.output<T>[] => {
    const ok: z.output<T>[] = [];
    for (const item of items) {
      const parsed = schema.safeParse(item);
      if (parsed.success) ok.push(parsed.data);
      else batch.unreadable++;
    }
    return ok;
  };
  for (const entry of payload.entry) {
    for (const change of entry.changes) {
      if (change.field !== "messages") {
        batch.ignored++;
        continue;
      }
      const parsed = webhookValueSchema.safeParse(change.value);
      if (!parsed.success || parsed.data.metadata.phone_number_id !== phoneNumberId) {
        batch.ignored++;
        continue;
      }
      const value = parsed.data;
      const contacts = readable(webhookContactSchema, value.contacts);
      for (const message of readable(webhookMessageSchema, value.messages)) {
        const waId = message.from ?? null;
        const userId = message.from_user_id ?? null;
        // Meta also sends a user_id to people who have a phone number; the wa_id stays the identity
        // of those so that their conversation continues when usernames roll out.
        const contact = contacts.find((c) => (waId && c.wa_id === waId) || (userId && c.user_id === userId));
        const identity = contactIdentity(waId, userId);
        if (!identity) {
          batch.unreadable++;
          continue;
        }
        batch.messages.push({
          waMessageId: message.id,
          identity,
          waId,
          userId: userId ?? contact?.user_id ?? null,
          profileName: contact?.profile?.name ?? null,
          event: toInboundEvent(message),
          timestamp: message.timestamp && /^\d+$/.test(message.timestamp) ? Number(message.timestamp) : null,
        });
      }
      for (const status of readable(webhookStatusSchema, value.statuses)) {
        const update = toStatusUpdate(status);
        if (update) batch.statuses.push(update);
        else batch.ignored++;
      }
    }
  }
  return batch;
}

/**
 * What a flow can react to; a shared location keeps its place, media and unknown types become an
 * empty text with their type.
 */
export function toInboundEvent(message: WebhookMessage): InboundEvent {
  switch (message.type) {
    case "text":
      return { text: message.text?.body ?? "", messageType: "text" };
    case "interactive": {
      const reply = message.interactive?.button_reply ?? message.interactive?.list_reply;
      return reply
        ? { text: reply.title, replyId: reply.id, messageType: "interactive" }
        : { text: "", messageType: "interactive" };
    }
    case "button":
      // A template quick-reply: the payload is the id a designer set, the text what was shown.
      return {
        text: message.button?.text ?? "",
        ...(message.button?.payload ? { replyId: message.button.payload } : {}),
        messageType: "button",
      };
    case "image":
    case "video":
      return { text: message[message.type]?.caption ?? "", messageType: message.type };
    case "document":
      return { text: message.document?.caption ?? "", messageType: "document" };
    case "location": {
      // A shared place (an answer to "Ask for location"): coordinates out of range are not a place.
      const parsed = sharedLocationSchema.safeParse(message.location);
      return parsed.success
        ? { text: "", location: parsed.data, messageType: "location" }
        : { text: "", messageType: "location" };
    }
    default:
      return { text: "", messageType: message.type.slice(0, MAX_MESSAGE_TYPE) };
  }
}

const knownStatuses = new Set<string>(["sent", "delivered", "read", "failed"]);

function toStatusUpdate(status: WebhookStatus): StatusUpdate | null {
  // "played" (voice notes) and any future status do not move our delivery state.
  const value = status.status === "played" ? "read" : status.status;
  if (!knownStatuses.has(value)) return null;
  const error = status.errors?.[0];
  return {
    waMessageId: status.id,
    status: value as DeliveryStatus,
    errorCode: error?.code ?? null,
    errorTitle: error?.title ?? null,
  };
}
