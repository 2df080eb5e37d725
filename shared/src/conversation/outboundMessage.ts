import { z } from "zod";
import { MAX_CUSTOMER_TEXT } from "../text/textLimits.ts";
import { contactCardSchema } from "../whatsapp/contactCard.ts";
import { mediaKindSchema } from "../whatsapp/media.ts";

/** A message the bot sends, independent of the channel: the engine produces these. */
export const outboundMessageSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("text"), body: z.string(), mediaUrl: z.string().optional() }),
  z.object({
    kind: z.literal("media"),
    mediaType: mediaKindSchema,
    link: z.string(),
    caption: z.string().optional(),
    filename: z.string().optional(),
  }),
  z.object({
    kind: z.literal("buttons"),
    header: z.string().optional(),
    body: z.string(),
    footer: z.string().optional(),
    buttons: z.array(z.object({ id: z.string(), title: z.string() })),
  }),
  z.object({
    kind: z.literal("list"),
    header: z.string().optional(),
    body: z.string(),
    footer: z.string().optional(),
    button: z.string(),
    sections: z.array(
      z.object({
        title: z.string(),
        rows: z.array(z.object({ id: z.string(), title: z.string(), description: z.string().optional() })),
      }),
    ),
  }),
  /** WhatsApp's interactive location request: the body above a "Send location" button. */
  z.object({ kind: z.literal("locationRequest"), body: z.string() }),
  /** A contact card the customer can save. */
  z.object({ kind: z.literal("contacts"), contacts: z.array(contactCardSchema) }),
]);
export type OutboundMessage = z.infer<typeof outboundMessageSchema>;

/** A template quick-reply's payload is the longest reply id WhatsApp sends back. */
export const MAX_REPLY_ID = 4096;
/** Message type names are short words ("interactive"); an unknown one is kept to this length. */
export const MAX_MESSAGE_TYPE = 40;

/** A location a customer shared: coordinates, and a name and address when they picked a named place. */
export const sharedLocationSchema = z.object({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  name: z.string().max(MAX_CUSTOMER_TEXT).optional(),
  address: z.string().max(MAX_CUSTOMER_TEXT).optional(),
});
export type SharedLocation = z.infer<typeof sharedLocationSchema>;

/** What the customer sent, reduced to what a flow can react to. */
export const inboundEventSchema = z.object({
  /** Typed text, or the title of the button / list row they tapped. */
  text: z.string().max(MAX_CUSTOMER_TEXT).default(""),
  /** Id of the tapped reply button or list row, when they tapped one. */
  replyId: z.string().max(MAX_REPLY_ID).optional(),
  /** The place the customer shared (a `location` message), pin or named place. */
  location: sharedLocationSchema.optional(),
  /** The original WhatsApp message type ("text", "interactive", "image", …). */
  messageType: z.string().max(MAX_MESSAGE_TYPE).default("text"),
});
export type InboundEvent = z.infer<typeof inboundEventSchema>;
