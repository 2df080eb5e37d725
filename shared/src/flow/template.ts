import { toSafeText } from "../text/safeText.ts";
import { MAX_CUSTOMER_TEXT } from "../text/textLimits.ts";

/** `{{ name }}` references in a text; templating is plain substitution, never an expression language. */
const VARIABLE_REF = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

/** Each `{{name}}` in a text with where it stands. @example variableRefs("Hi {{x}}") → [{name:"x",start:3,end:8}] */
export function variableRefs(text: string): Array<{ name: string; start: number; end: number }> {
  return [...text.matchAll(VARIABLE_REF)].map((m) => ({
    name: m[1] as string,
    start: m.index,
    end: m.index + m[0].length,
  }));
}

/** Variable names referenced by a text. @example referencedVariables("Hi {{name}}") → ["name"] */
export function referencedVariables(text: string): string[] {
  return variableRefs(text).map((r) => r.name);
}

/**
 * Fills `{{name}}` with the variable's value as plain text; unknown variables become empty. The
 * result stops at `maxLength` code units (MAX_CUSTOMER_TEXT unless a smaller limit is given, e.g.
 * WhatsApp's 4096 for a text body), ending in "…" when cut: a text that repeats a long answer, or a
 * variable set from itself in a loop, cannot grow without bound, and what comes next (the outbound
 * guard's patterns) only ever sees a bounded text.
 * @example fillTemplate("Hi {{name}}", { name: "Ana" }) === "Hi Ana"
 */
export function fillTemplate(
  text: string,
  variables: Record<string, unknown>,
  maxLength: number = MAX_CUSTOMER_TEXT,
): string {
  let out = "";
  let from = 0;
  for (const m of text.matchAll(VARIABLE_REF)) {
    out += text.slice(from, m.index) + valueText(variables[m[1] as string]);
    from = m.index + m[0].length;
    if (out.length > maxLength) return cut(out, maxLength);
  }
  return cut(out + text.slice(from), maxLength);
}

/**
 * Fills `{{name}}` in a link with each value percent-encoded, so an answer cannot change the link's
 * host, path or query (a customer typing "x/../../admin?" stays one path segment). A link over
 * `maxLength` after filling is not cut (a cut link points elsewhere): undefined, and nothing is sent.
 * @example fillLinkTemplate("https://x.io/{{id}}.pdf", { id: "a b" }) === "https://x.io/a%20b.pdf"
 */
export function fillLinkTemplate(
  text: string,
  variables: Record<string, unknown>,
  maxLength: number,
): string | undefined {
  let out = "";
  let from = 0;
  for (const m of text.matchAll(VARIABLE_REF)) {
    out += text.slice(from, m.index) + encodeURIComponent(valueText(variables[m[1] as string]));
    from = m.index + m[0].length;
    if (out.length > maxLength) return undefined;
  }
  out += text.slice(from);
  return out.length > maxLength ? undefined : out;
}

/** A variable as text in a message: scripts may return anything, so NUL and lone surrogates go. */
function valueText(value: unknown): string {
  if (value === undefined || value === null) return "";
  return toSafeText(typeof value === "object" ? JSON.stringify(value) : String(value));
}

/** At most `max` code units, with "…" as the last when cut, never ending in half a surrogate pair. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(max - 1, 0);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}
