import { visibleLength } from "@benteng/shared";
import type { QuestionInput } from "@benteng/shared/blocks/question";

export type AnswerVerdict = { ok: true; value: string | number } | { ok: false; reason: string };

// Customer text reaches regular expressions written by flow designers; capping its length bounds the
// work a pathological pattern can do on it.
const MAX_MATCHED_LENGTH = 1000;

/**
 * Checks a customer's answer against a question's input schema and returns the value to store
 * (numbers as numbers, dates as YYYY-MM-DD, choices as their label, phones as +digits or digits).
 */
export function validateAnswer(input: QuestionInput, raw: string): AnswerVerdict {
  const text = raw.trim();
  switch (input.type) {
    case "text": {
      const length = visibleLength(text);
      if (length === 0) return { ok: false, reason: "empty answer" };
      if (input.minLength !== undefined && length < input.minLength)
        return { ok: false, reason: "too short" };
      if (input.maxLength !== undefined && length > input.maxLength) return { ok: false, reason: "too long" };
      return { ok: true, value: text };
    }
    case "number": {
      const value = parseNumber(text);
      if (value === undefined) return { ok: false, reason: "not a number" };
      if (input.integer && !Number.isInteger(value)) return { ok: false, reason: "not a whole number" };
      if (input.min !== undefined && value < input.min) return { ok: false, reason: `below ${input.min}` };
      if (input.max !== undefined && value > input.max) return { ok: false, reason: `above ${input.max}` };
      return { ok: true, value };
    }
    case "email":
      return text.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/u.test(text)
        ? { ok: true, value: text.toLowerCase() }
        : { ok: false, reason: "not an email address" };
    case "phone": {
      if (!/^\+?[\d\s().-]+$/.test(text)) return { ok: false, reason: "not a phone number" };
      const digits = text.replace(/\D/g, "");
      if (digits.length < 7 || digits.length > 15) return { ok: false, reason: "not a phone number" };
      return { ok: true, value: text.startsWith("+") ? `+${digits}` : digits };
    }
    case "date": {
      const value = parseDate(text);
      return value ? { ok: true, value } : { ok: false, reason: "not a date" };
    }
    case "choice": {
      const lowered = text.toLocaleLowerCase();
      const byIndex = /^\d{1,2}$/.test(text) ? input.choices[Number(text) - 1] : undefined;
      const choice =
        byIndex ?? input.choices.find((c) => c.id === text || c.label.trim().toLocaleLowerCase() === lowered);
      return choice ? { ok: true, value: choice.label } : { ok: false, reason: "not one of the choices" };
    }
    case "pattern": {
      if (text.length > MAX_MATCHED_LENGTH) return { ok: false, reason: "too long" };
      let pattern: RegExp;
      try {
        pattern = new RegExp(`^(?:${input.pattern})$`, "u");
      } catch {
        return { ok: false, reason: "the block's pattern is not a valid regular expression" };
      }
      return pattern.test(text)
        ? { ok: true, value: text }
        : { ok: false, reason: "does not match the pattern" };
    }
  }
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
