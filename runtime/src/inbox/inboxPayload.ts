import { inboundEventSchema } from "@benteng/shared";
import { z } from "zod";

export const INBOX_PAYLOAD_PURPOSE = "inbox.payload";

/** What the inbox stores (encrypted) for one customer message. */
export const inboxPayloadSchema = z.object({
  event: inboundEventSchema,
  waId: z.string().nullable(),
  userId: z.string().nullable(),
  timestamp: z.number().nullable(),
  /** The customer's WhatsApp profile name from the webhook's contacts[].profile.name. */
  profileName: z.string().nullable().optional(),
});
export type InboxPayload = z.infer<typeof inboxPayloadSchema>;
