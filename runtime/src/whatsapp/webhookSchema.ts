import { MAX_CUSTOMER_TEXT, MAX_REPLY_ID, safeString, toSafeText } from "@benteng/shared";
import { z } from "zod";

// Tolerant by design: Meta adds fields and message types over time. Objects pass unknown keys
// through (looseObject), and anything we do not understand degrades to "unknown" instead of failing
// the whole batch — a failed batch would be retried by Meta for 7 days.
//
// Every id we read is a safeString (no NUL, no lone surrogate: PostgreSQL could never store it)
// with a cap, so a message that breaks either is dropped on its own, acknowledged, and logged; the
// rest of its batch is stored. Customer text is repaired instead (see customerText). Caps come before any text processing downstream.

/**
 * Text a customer wrote or tapped: at most what WhatsApp lets them send. A NUL or a lone surrogate
 * in it is repaired (NUL removed, U+FFFD for the surrogate) rather than losing what the customer
 * said; ids, which must match exactly, are refused instead.
 */
const customerText = () => z.string().max(MAX_CUSTOMER_TEXT).transform(toSafeText);
/** Ids, numbers and names Meta generates. */
const metaId = () => safeString().max(512);

const textSchema = z.looseObject({ body: customerText() });

const interactiveSchema = z.looseObject({
  type: metaId(),
  button_reply: z.looseObject({ id: safeString().max(MAX_REPLY_ID), title: customerText() }).optional(),
  list_reply: z
    .looseObject({
      id: safeString().max(MAX_REPLY_ID),
      title: customerText(),
      description: customerText().optional(),
    })
    .optional(),
});

export const webhookMessageSchema = z.looseObject({
  /** wa_id of the sender; absent for users identified only by a business-scoped user id. */
  from: metaId().optional(),
  from_user_id: metaId().optional(),
  id: metaId().min(1),
  timestamp: metaId().optional(),
  type: metaId(),
  context: z.looseObject({ id: metaId().optional(), from: metaId().optional() }).optional(),
  text: textSchema.optional(),
  interactive: interactiveSchema.optional(),
  button: z
    .looseObject({ payload: safeString().max(MAX_REPLY_ID).optional(), text: customerText().optional() })
    .optional(),
  location: z
    .looseObject({
      latitude: z.number(),
      longitude: z.number(),
      name: customerText().optional(),
      address: customerText().optional(),
    })
    .optional(),
  image: z.looseObject({ caption: customerText().optional() }).optional(),
  video: z.looseObject({ caption: customerText().optional() }).optional(),
  document: z
    .looseObject({ caption: customerText().optional(), filename: customerText().optional() })
    .optional(),
});
export type WebhookMessage = z.infer<typeof webhookMessageSchema>;

export const webhookStatusSchema = z.looseObject({
  id: metaId().min(1),
  status: metaId(),
  timestamp: metaId().optional(),
  recipient_id: metaId().optional(),
  recipient_user_id: metaId().optional(),
  errors: z
    .array(
      z.looseObject({
        // Meta's codes are 32-bit integers (stored as such); anything else is dropped, the status kept.
        code: z.number().int().min(-2_147_483_648).max(2_147_483_647).optional().catch(undefined),
        title: safeString().max(1024).optional(),
      }),
    )
    .optional(),
});
export type WebhookStatus = z.infer<typeof webhookStatusSchema>;

export const webhookContactSchema = z.looseObject({
  profile: z.looseObject({ name: customerText().optional(), username: customerText().optional() }).optional(),
  wa_id: metaId().optional(),
  user_id: metaId().optional(),
});
export type WebhookContact = z.infer<typeof webhookContactSchema>;

/**
 * A change's value. Its lists stay unparsed here: readWebhook parses each item on its own, so one
 * unreadable message costs only itself (and is counted and logged), never its batch.
 */
export const webhookValueSchema = z.looseObject({
  messaging_product: z.string().optional(),
  metadata: z.looseObject({ display_phone_number: z.string().optional(), phone_number_id: metaId() }),
  contacts: z.array(z.unknown()).default([]),
  messages: z.array(z.unknown()).default([]),
  statuses: z.array(z.unknown()).default([]),
  errors: z.array(z.unknown()).optional(),
});
export type WebhookValue = z.infer<typeof webhookValueSchema>;

export const webhookChangeSchema = z.looseObject({ field: z.string(), value: z.unknown() });

/** The envelope; a change whose value is not a messages value (other fields) is kept raw and skipped. */
export const webhookSchema = z.looseObject({
  object: z.string(),
  entry: z.array(
    z.looseObject({ id: z.string().optional(), changes: z.array(webhookChangeSchema).default([]) }),
  ),
});
export type WebhookPayload = z.infer<typeof webhookSchema>;
