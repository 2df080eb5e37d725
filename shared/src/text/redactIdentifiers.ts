import { trimEndWhere } from "./trimEndWhere.ts";

// What must not be stored in clear in texts that are not customer messages (error texts, notices):
// one rule, used where such a text is written. Card numbers are masked as in transcripts; phone
// numbers and e-mail addresses (a script error or the Graph API's error text can quote a customer's)
// are masked too. Linear time: every quantifier is bounded.

/** Digits with optional single spaces or dashes between them, 13–19 digits long. */
const CARD_CANDIDATE = /(?<!\d)\d(?:[ -]?\d){12,18}(?!\d)/g;
/**
 * A phone-number-like run: an optional "+", then 8–15 digits (E.164 has at most 15) with optional
 * single spaces, dashes, dots or parentheses between them. Longer digit runs are not phone numbers.
 */
const PHONE_CANDIDATE = /(?<![\d+])\+?\(?\d(?:[ .\-()]?\d){7,14}(?![\d])/g;

/**
 * Masks card numbers (13–19 digits passing Luhn) keeping their last four digits, as the transcript
 * does for what customers type.
 */
export function maskCardNumbers(text: string): string {
  return text.replace(CARD_CANDIDATE, (match) => (passesLuhn(match) ? maskDigitsKeeping(match, 4) : match));
}

/**
 * Redacts an error text or notice before it is stored: card numbers as in transcripts, then phone
 * numbers (every digit but the last two masked) and e-mail addresses ("[email]").
 */
export function redactIdentifiers(text: string): string {
  return maskCardNumbers(text)
    .replace(PHONE_CANDIDATE, (match) => maskDigitsKeeping(match, 2))
    .split("@")
    .reduce(joinMaskingEmail, [] as string[])
    .join("");
}

const LOCAL_PART = /[\p{L}\p{N}._%+-]/u;
const DOMAIN_PART = /[\p{L}\p{N}.-]/u;

/**
 * Adds the text after one "@" to `out` (the pieces so far; the last one is the text before it): when
 * up to 64 local-part characters end the text before it and a domain with a dot (up to 255
 * characters) starts the text after it, both are replaced by "[email]". Each piece is scanned at most
 * once from each side, without a pattern: linear in the text.
 */
function joinMaskingEmail(out: string[], after: string, index: number): string[] {
  if (index === 0) {
    out.push(after);
    return out;
  }
  const before = out.pop() as string;
  let start = before.length;
  while (start > 0 && before.length - start < 64 && LOCAL_PART.test(before[start - 1] as string)) start--;
  let end = 0;
  while (end < after.length && end < 255 && DOMAIN_PART.test(after[end] as string)) end++;
  const domain = trimEndWhere(after.slice(0, end), (c) => c === ".");
  const dot = domain.indexOf(".");
  if (start === before.length || dot <= 0 || dot === domain.length - 1) out.push(before, "@", after);
  else out.push(before.slice(0, start), "[email]", after.slice(domain.length));
  return out;
}

/** `match` with every ASCII digit but the last `keep` replaced by "•"; one pass, no per-character strings. */
function maskDigitsKeeping(match: string, keep: number): string {
  let digits = 0;
  for (let i = 0; i < match.length; i++) if (isDigit(match.charCodeAt(i))) digits++;
  const out: string[] = [];
  let seen = 0;
  let from = 0;
  for (let i = 0; i < match.length && seen < digits - keep; i++) {
    if (!isDigit(match.charCodeAt(i))) continue;
    seen++;
    out.push(match.slice(from, i), "•");
    from = i + 1;
  }
  out.push(match.slice(from));
  return out.join("");
}

const isDigit = (code: number) => code >= 48 && code <= 57;

/** Whether the ASCII digits of `match` (separators skipped) are 13–19 and pass the Luhn check. */
function passesLuhn(match: string): boolean {
  let count = 0;
  for (let i = 0; i < match.length; i++) if (isDigit(match.charCodeAt(i))) count++;
  if (count < 13 || count > 19) return false;
  let sum = 0;
  let position = 0;
  for (let i = match.length - 1; i >= 0; i--) {
    const code = match.charCodeAt(i);
    if (!isDigit(code)) continue;
    let d = code - 48;
    if (position++ % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}
