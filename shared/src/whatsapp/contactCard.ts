import { z } from "zod";

/**
 * What the Cloud API's `contacts` message carries for one person or business, as Benteng sends it:
 * `{name:{formatted_name, first_name?, last_name?}, org?, phones?, emails?, urls?}`. Meta requires
 * the formatted name (shown beside the profile arrow) and documents no length limits for the other
 * fields; the caps below are Benteng's, generous for any real card and small enough to check fast.
 */
export const CONTACT_CARD_LIMITS = {
  name: 200,
  field: 200,
  phone: 40,
  email: 254,
  url: 2000,
  /** Phones, e-mail addresses and links per card (WhatsApp shows them all in one profile view). */
  entries: 5,
} as const;

/** The types WhatsApp's contact card knows for a phone; others show as a bare number. */
export const contactPhoneTypeSchema = z.enum(["CELL", "MAIN", "WORK", "HOME"]);
export type ContactPhoneType = z.infer<typeof contactPhoneTypeSchema>;
/** E-mail addresses and links are HOME or WORK. */
export const contactPlaceTypeSchema = z.enum(["WORK", "HOME"]);
export type ContactPlaceType = z.infer<typeof contactPlaceTypeSchema>;

/** A contact card as the engine sends it (variables filled in), independent of the channel. */
export const contactCardSchema = z.object({
  name: z.string(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  company: z.string().optional(),
  title: z.string().optional(),
  phones: z.array(z.object({ phone: z.string(), type: contactPhoneTypeSchema })),
  emails: z.array(z.object({ email: z.string(), type: contactPlaceTypeSchema })),
  urls: z.array(z.object({ url: z.string(), type: contactPlaceTypeSchema })),
});
export type ContactCard = z.infer<typeof contactCardSchema>;

/**
 * Why a phone number on a card would not work when the customer taps it, or undefined: an
 * international number, "+" then 7 to 15 digits, which may be grouped by spaces, dashes, dots or
 * parentheses. Linear in the text's length (capped by the block's schema).
 * @example contactPhoneProblem("0812") // → "is not an international number like +62 812 3456 7890"
 */
export function contactPhoneProblem(phone: string): string | undefined {
  const trimmed = phone.trim();
  if (!/^\+[0-9 ().-]+$/.test(trimmed)) return "is not an international number like +62 812 3456 7890";
  const digits = trimmed.replace(/[^0-9]/g, "").length;
  if (digits < 7 || digits > 15) return `has ${digits} digits; an international number has 7 to 15`;
  return undefined;
}

/** Why an e-mail address on a card would not work, or undefined (one "@", a dot in the domain, no spaces). */
export function contactEmailProblem(email: string): string | undefined {
  return /^[^\s@]+@(?:[^\s@.]+\.)+[^\s@.]+$/.test(email.trim())
    ? undefined
    : "is not an e-mail address like ana@example.com";
}

// The patterns below are unambiguous (dots only as separators), so they run in linear time on
// whatever an author or a variable puts there.

/** Why a link on a card would not open, or undefined: it must be an http(s) address. */
export function contactUrlProblem(url: string): string | undefined {
  const trimmed = url.trim();
  if (!/^https?:\/\//i.test(trimmed)) return "does not start with https://";
  return /^https?:\/\/(?:[^\s/?#@.]+\.)+[^\s/?#@.]+(?:[/?#]\S*)?$/i.test(trimmed)
    ? undefined
    : "is not a web address";
}
