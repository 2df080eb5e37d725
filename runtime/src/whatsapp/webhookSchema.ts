import { z } from "zod";

// Tolerant by design: Meta adds fields and message types over time. Objects pass unknown keys
// through (looseObject), and anything we do not understand degrades to "unknown" instead of failing
// the whole batch — a failed batch would be retried by Meta for 7 days.

const textSchema = z.looseObject({ body: z.string().max(65_536) });

const interactiveSchema = z.looseObject({
  type: z.string(),
  button_reply: z.looseObject({ id: z.string(), title: z.string() }).optional(),
  list_reply: z
    .looseObject({ id: z.string(), title: z.string(), description: z.string().optional() })
    .optional(),
});

export const webhookMessageSchema = z.looseObject({
  /** wa_id of the sender; absent for users identified only by a business-scoped user id. */
  from: z.string().optional(),
  from_user_id: z.string().optional(),
  id: z.string().min(1).max(512),
  timestamp: z.string().optional(),
  type: z.string(),
  context: z.looseObject({ id: z.string().optional(), from: z.string().optional() }).optional(),
  text: textSchema.optional(),
  interactive: interactiveSchema.optional(),
  button: z.looseObject({ payload: z.string().optional(), text: z.string().optional() }).optional(),
  location: z
    .looseObject({
      latitude: z.number(),
      longitude: z.number(),
      name: z.string().optional(),
      address: z.string().optional(),
    })
    .optional(),
  image: z.looseObject({ caption: z.string().optional() }).optional(),
  video: z.looseObject({ caption: z.string().optional() }).optional(),
  document: z.looseObject({ caption: z.string().optional(), filename: z.string().optional() }).optional(),
});
export type WebhookMessage = z.infer<typeof webhookMessageSchema>;

export const webhookStatusSchema = z.looseObject({
  id: z.string().min(1).max(512),
  status: z.string(),
  timestamp: z.string().optional(),
  recipient_id: z.string().optional(),
  recipient_user_id: z.string().optional(),
  errors: z.array(z.looseObject({ code: z.number().optional(), title: z.string().optional() })).optional(),
});
export type WebhookStatus = z.infer<typeof webhookStatusSchema>;

export const webhookContactSchema = z.looseObject({
  profile: z.looseObject({ name: z.string().optional(), username: z.string().optional() }).optional(),
  wa_id: z.string().optional(),
  user_id: z.string().optional(),
});
export type WebhookContact = z.infer<typeof webhookContactSchema>;

/** Elements of an array that fail their schema are dropped (and counted), never fatal. */
function tolerantArray<T extends z.ZodType>(item: T) {
  return z
    .array(z.unknown())
    .optional()
    .transform((items) => {
      const ok: z.output<T>[] = [];
      for (const raw of items ?? []) {
        const parsed = item.safeParse(raw);
        if (parsed.success) ok.push(parsed.data);
      }
      return ok;
    });
}

export const webhookValueSchema = z.looseObject({
  messaging_product: z.string().optional(),
  metadata: z.looseObject({ display_phone_number: z.string().optional(), phone_number_id: z.string() }),
  contacts: tolerantArray(webhookContactSchema),
  messages: tolerantArray(webhookMessageSchema),
  statuses: tolerantArray(webhookStatusSchema),
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
