import { z } from "zod";

// An unpaired UTF-16 surrogate is no character: no keyboard types one, UTF-8 cannot store one, and
// PostgreSQL's jsonb refuses its escape. Refused where text comes in (a 400 naming the field),
// instead of failing a write halfway through an operation.
const LONE_SURROGATE = /\p{Cs}/u;

/** Text a person typed: trimmed, at most `max` characters, whole characters only. */
export function typedText(max: number) {
  return z
    .string()
    .trim()
    .max(max)
    .refine((s) => !LONE_SURROGATE.test(s), "This text contains a broken character; type it again.");
}

// Characters that change how the text around them is shown without being seen: bidirectional
// embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), direction marks (U+200E/F,
// U+061C), zero-width space and word joiners (U+200B, U+2060–U+2064), the byte order mark, soft
// hyphen and control characters. In a name they make "Promo‮gnp.exe" or a flow that reads as
// another one's: a reviewer, an admin reading the audit log, a member picking a channel is misled.
// Zero-width (non-)joiners stay: scripts and emoji need them.
const INVISIBLE_CONTROL =
  /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u200B\u2060-\u2064\uFEFF\u00AD\p{Cc}]/u;

// Characters that show nothing: every default-ignorable code point (the Hangul fillers U+3164 and
// U+FFA0, U+034F, U+17B5, U+180E, tag characters U+E0000–E007F, variation selectors, …). Three are
// kept where writing needs them: a zero-width joiner between two emoji (👩‍💻), a variation selector
// right after an emoji (❤️), a zero-width non-joiner between letters (Persian, Indic scripts).
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/u;
const EMOJI = /\p{Extended_Pictographic}/u;
const EMOJI_MODIFIER = /\p{Emoji_Modifier}/u;
const LETTER_OR_MARK = /[\p{L}\p{M}]/u;
const ZWJ = "\u200D";
const ZWNJ = "\u200C";
const VARIATION_SELECTOR = /[\uFE0E\uFE0F]/u;
// Something a reader sees: a letter, digit, punctuation or symbol other than the blank braille
// pattern U+2800 (a name of only that, or only spaces and fillers, looks empty).
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;

/**
 * Why a name would mislead a reader (null when it would not): an invisible or direction control,
 * an invisible character outside the emoji or script sequence that needs it, or nothing visible at
 * all. One pass over the code points: linear in the name.
 */
export function invisibleNameProblem(name: string): string | null {
  if (INVISIBLE_CONTROL.test(name)) {
    return "Names cannot contain invisible or text-direction control characters (such as U+202E); type the name again.";
  }
  const chars = Array.from(name);
  let visible = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    if (IGNORABLE.test(c) && !ignorableAllowed(chars, i)) {
      const code = (c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0");
      return `Names cannot contain invisible characters (here U+${code}); type the name again.`;
    }
    if (c !== "\u2800" && VISIBLE.test(c)) visible = true;
  }
  // An empty name is the field's own "enter a name" refusal.
  return visible || name === "" ? null : "A name needs at least one visible letter, digit or sign.";
}

/** Whether the default-ignorable character at `i` is one the emoji or script around it needs. */
function ignorableAllowed(chars: readonly string[], i: number): boolean {
  const c = chars[i] as string;
  const next = chars[i + 1];
  if (VARIATION_SELECTOR.test(c)) return EMOJI.test(chars[i - 1] ?? "");
  if (c === ZWJ) {
    // The emoji before it may carry a variation selector or a skin tone.
    let j = i - 1;
    while (j >= 0 && (VARIATION_SELECTOR.test(chars[j] as string) || EMOJI_MODIFIER.test(chars[j] as string)))
      j--;
    return j >= 0 && EMOJI.test(chars[j] as string) && next !== undefined && EMOJI.test(next);
  }
  if (c === ZWNJ)
    return LETTER_OR_MARK.test(chars[i - 1] ?? "") && next !== undefined && LETTER_OR_MARK.test(next);
  return false;
}

/**
 * A name people choose between (flow, channel, member): typed text without invisible controls or
 * characters, with something visible in it. The one rule for every name field.
 */
export function nameText(max: number) {
  return typedText(max).superRefine((s, ctx) => {
    const problem = invisibleNameProblem(s);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
}
