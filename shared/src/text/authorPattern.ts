import { RE2JS } from "re2js";

/**
 * Longest text an author's pattern is ever run on. Answers and variable values can be as long as a
 * customer's message (64 Ki characters); a pattern needs far less to say yes or no.
 */
export const MAX_PATTERN_INPUT = 1000;

export type AuthorPattern = { ok: true; test(text: string): boolean } | { ok: false; reason: string };

export interface AuthorPatternOptions {
  /** The pattern must match the whole text (a question's answer), not just a part of it. */
  whole?: boolean;
  ignoreCase?: boolean;
}

/**
 * A flow author's regular expression, compiled for RE2's linear-time engine: no input can make it
 * backtrack, whatever the author wrote. Lookarounds and backreferences have no linear-time
 * implementation, so a pattern that uses them is refused with a reason the editor can show.
 * Texts longer than MAX_PATTERN_INPUT never match.
 * @example compileAuthorPattern("[A-Z]{2}-\\d{4}", { whole: true }) → { ok: true, test } with test("AB-1234") === true
 */
export function compileAuthorPattern(source: string, options: AuthorPatternOptions = {}): AuthorPattern {
  const key = `${options.whole ? "w" : "-"}${options.ignoreCase ? "i" : "-"}${source}`;
  let compiled = cache.get(key);
  if (!compiled) {
    compiled = compile(source, options);
    // Patterns come from published flows, a small set; the bound only guards memory.
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(key, compiled);
  }
  return compiled;
}

const MAX_CACHED = 1000;
const cache = new Map<string, AuthorPattern>();

function compile(source: string, options: AuthorPatternOptions): AuthorPattern {
  let re: RE2JS;
  try {
    re = RE2JS.compile(source, options.ignoreCase ? RE2JS.CASE_INSENSITIVE : 0);
  } catch (e) {
    return { ok: false, reason: describeError(source, e) };
  }
  return {
    ok: true,
    test: (text) => text.length <= MAX_PATTERN_INPUT && (options.whole ? re.testExact(text) : re.test(text)),
  };
}

function describeError(source: string, e: unknown): string {
  if (/\(\?<?[=!]/.test(source)) return "lookahead and lookbehind are not supported in patterns";
  if (/\\[1-9]|\\k</.test(source)) return "backreferences are not supported in patterns";
  const detail = e instanceof Error ? e.message : String(e);
  return `not a valid pattern (${detail.slice(0, 200)})`;
}
