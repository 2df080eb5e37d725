import type { QuestionInput } from "@benteng/shared";
import { compileAuthorPattern, MAX_PATTERN_INPUT, visibleLength } from "@benteng/shared";

export type AnswerVerdict = { ok: true; value: string | number } | { ok: false; reason: string };

// Caps applied before any pattern: a customer's answer may be 64 Ki characters long, and no number,
// phone, date or choice needs more than these.
const MAX_SHORT_ANSWER = 64;
const MAX_EMAIL = 254;
const MAX_CHOICE_ANSWER = 256;

/**
 * Checks a customer's answer against a question's input schema and returns the value to store
 * (numbers as numbers, dates as YYYY-MM-DD, choices as their label, phones as +digits or digits).
 */
export function validateAnswer(input: QuestionInput, raw: string): AnswerVerdict {
  const text = raw.trim();
  switch (input.type) {
    case "text": {
      if (text.length === 0) return { ok: false, reason: "empty answer" };
      const { minLength, maxLength } = input;
      // Graphemes are counted only as far as a limit needs (at most 4096 of them), and not at all
      // when the code units already decide: a character is at least one code unit.
      if (minLength !== undefined && visibleLength(text, minLength) < minLength)
        return { ok: false, reason: "too short" };
      if (maxLength !== undefined && text.length > maxLength && visibleLength(text, maxLength) > maxLength)
        return { ok: false, reason: "too long" };
      return { ok: true, value: text };
    }
    case "number": {
      const value = text.length <= MAX_SHORT_ANSWER ? parseNumber(text) : undefined;
      if (value === undefined) return { ok: false, reason: "not a number" };
      if (input.integer && !Number.isInteger(value)) return { ok: false, reason: "not a whole number" };
      if (input.min !== undefined && value < input.min) return { ok: false, reason: `below ${input.min}` };
      if (input.max !== undefined && value > input.max) return { ok: false, reason: `above ${input.max}` };
      return { ok: true, value };
    }
    case "email":
      return isEmail(text)
        ? { ok: true, value: text.toLowerCase() }
        : { ok: false, reason: "not an email address" };
    case "phone": {
      if (text.length > MAX_SHORT_ANSWER || !/^\+?[\d\s().-]+$/.test(text))
        return { ok: false, reason: "not a phone number" };
      const digits = text.replace(/\D/g, "");
      if (digits.length < 7 || digits.length > 15) return { ok: false, reason: "not a phone number" };
      return { ok: true, value: text.startsWith("+") ? `+${digits}` : digits };
    }
    case "date": {
      const value = text.length <= MAX_SHORT_ANSWER ? parseDate(text) : undefined;
      return value ? { ok: true, value } : { ok: false, reason: "not a date" };
    }
    case "choice": {
      if (text.length > MAX_CHOICE_ANSWER) return { ok: false, reason: "not one of the choices" };
      const lowered = text.toLocaleLowerCase();
      const byIndex = /^\d{1,2}$/.test(text) ? input.choices[Number(text) - 1] : undefined;
      const choice =
        byIndex ?? input.choices.find((c) => c.id === text || c.label.trim().toLocaleLowerCase() === lowered);
      return choice ? { ok: true, value: choice.label } : { ok: false, reason: "not one of the choices" };
    }
    case "pattern": {
      if (text.length > MAX_PATTERN_INPUT) return { ok: false, reason: "too long" };
      // The designer's pattern runs on RE2's linear-time engine: no answer can make it backtrack.
      const pattern = compileAuthorPattern(input.pattern, { whole: true });
      if (!pattern.ok) return { ok: false, reason: `the block's pattern cannot be used: ${pattern.reason}` };
      return pattern.test(text)
        ? { ok: true, value: text }
        : { ok: false, reason: "does not match the pattern" };
    }
  }
}

/**
 * One "@" with something before it, and a domain with a dot that has a name before it and at least
 * two characters after it. Plain string work: the usual one-line pattern backtracks quadratically.
 */
function isEmail(text: string): boolean {
  if (text.length > MAX_EMAIL || !/^[^\s@]+@[^\s@]+$/u.test(text)) return false;
  const domain = text.slice(text.indexOf("@") + 1);
  const dot = domain.indexOf(".", 1);
  return dot !== -1 && dot <= domain.length - 3;
}

/**
 * "12", "-3.5", "3,5" (decimal comma) → number. A separator followed by exactly three digits is read
 * as grouping ("1.000" in Indonesian and Spanish, "1,000" in English both mean a thousand).
 */
function parseNumber(text: string): number | undefined {
  const compact = text.replace(/[\s_]/g, "");
  if (!/^[-+]?[\d.,]+$/.test(compact) || !/\d/.test(compact)) return undefined;
  let normalized: string;
  if (/^[-+]?\d{1,3}([.,])\d{3}(\1\d{3})*$/.test(compact)) {
    normalized = compact.replace(/[.,]/g, "");
  } else if (/^[-+]?\d+[.,]\d+$/.test(compact)) {
    normalized = compact.replace(",", ".");
  } else if (/^[-+]?\d+$/.test(compact)) {
    normalized = compact;
  } else {
    return undefined;
  }
  const value = Number(normalized);
  return Number.isFinite(value) ? value : undefined;
}

/** YYYY-MM-DD, DD/MM/YYYY, DD-MM-YYYY or DD.MM.YYYY (day first, as in the product's markets). */
function parseDate(text: string): string | undefined {
  let year: number;
  let month: number;
  let day: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const dayFirst = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (dayFirst) [day, month, year] = [Number(dayFirst[1]), Number(dayFirst[2]), Number(dayFirst[3])];
  else return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return undefined;
  return date.toISOString().slice(0, 10);
}
