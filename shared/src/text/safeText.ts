import { z } from "zod";

/**
 * The bad bytes rule, in one place. PostgreSQL refuses NUL in `text` and `jsonb`, and a lone UTF-16
 * surrogate is not Unicode at all (UTF-8 cannot encode it; jsonb refuses its `\uD800` escape), so
 * text carrying either can never be stored: it is refused where it enters (400, or a webhook item
 * acknowledged and dropped) instead of failing later as a 5xx. Invalid UTF-8 never reaches a string:
 * each byte entry point (HTTP bodies, files, stdin) decodes strictly and refuses it first.
 */
export type UnsafeTextReason = "NUL character" | "lone surrogate";

/** Why a text may not enter Benteng, or null when it may. One pass, no pattern: linear in the text. */
export function unsafeTextReason(text: string): UnsafeTextReason | null {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return "NUL character";
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = text.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) i++;
      else return "lone surrogate";
    }
  }
  return null;
}

/**
 * The text with NUL characters removed and lone surrogates replaced by U+FFFD, for values Benteng
 * did not take in itself (a script's result) before they go into a message. One pass.
 * @example toSafeText("a\u0000b\uD800") === "ab\uFFFD"
 */
export function toSafeText(text: string): string {
  if (unsafeTextReason(text) === null) return text;
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) continue;
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = text.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        out += text.slice(i, i + 2);
        i++;
      } else out += "\uFFFD";
      continue;
    }
    out += text.charAt(i);
  }
  return out;
}

/** @example isSafeText("Halo 👋") === true; isSafeText("a\u0000b") === false */
export function isSafeText(text: string): boolean {
  return unsafeTextReason(text) === null;
}

/** A string schema that refuses NUL and lone surrogates: `safeString().max(512)`. */
export function safeString() {
  return z.string().refine(isSafeText, {
    error: (issue) => `contains a ${unsafeTextReason(issue.input as string) ?? "bad character"}`,
  });
}

/** How deep any JSON a client sends may nest; flows and conversation state need about ten levels. */
export const MAX_INPUT_DEPTH = 64;

export interface UnsafeInput {
  /** Where it was found, e.g. `state.variables.name` or `nodes[3].data`. */
  path: string;
  reason: UnsafeTextReason | `nested deeper than ${number} levels` | "not JSON data";
}

/**
 * The first string (value or key) in a parsed JSON input that breaks the bad bytes rule, or the first
 * place it nests deeper than `maxDepth`. Walks with its own stack, so no input can overflow the call
 * stack; visits each value once and spells out a path only for the one it reports.
 * @example findUnsafeInput({ a: ["ok", "x\u0000"] }) → { path: "a[1]", reason: "NUL character" }
 */
export function findUnsafeInput(value: unknown, maxDepth = MAX_INPUT_DEPTH): UnsafeInput | null {
  const stack: Step[] = [{ value, depth: 0, parent: null, key: null }];
  for (let step = stack.pop(); step; step = stack.pop()) {
    const v = step.value;
    if (typeof v === "string") {
      const reason = unsafeTextReason(v);
      if (reason) return { path: pathOf(step), reason };
      continue;
    }
    if (v === null || v === undefined || typeof v === "number" || typeof v === "boolean") continue;
    if (typeof v !== "object") return { path: pathOf(step), reason: "not JSON data" };
    if (step.depth >= maxDepth)
      return { path: pathOf(step), reason: `nested deeper than ${maxDepth} levels` };
    const depth = step.depth + 1;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], depth, parent: step, key: i });
      continue;
    }
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i] as string;
      const reason = unsafeTextReason(key);
      // The key itself stays out of the path: it is the text that cannot be shown or stored.
      if (reason) return { path: `${pathOf(step)} (a key)`, reason };
      stack.push({ value: (v as Record<string, unknown>)[key], depth, parent: step, key });
    }
  }
  return null;
}

interface Step {
  value: unknown;
  depth: number;
  parent: Step | null;
  key: string | number | null;
}

const MAX_PATH_LENGTH = 200;

function pathOf(step: Step): string {
  const parts: string[] = [];
  for (let s: Step | null = step; s && s.key !== null; s = s.parent) {
    parts.push(typeof s.key === "number" ? `[${s.key}]` : s.parent?.key === null ? s.key : `.${s.key}`);
  }
  const path = parts.reverse().join("") || "(input)";
  if (path.length <= MAX_PATH_LENGTH) return path;
  // Never cut a surrogate pair in half: the message would carry the very thing it refuses.
  const high = path.charCodeAt(MAX_PATH_LENGTH - 1);
  return `${path.slice(0, high >= 0xd800 && high <= 0xdbff ? MAX_PATH_LENGTH - 1 : MAX_PATH_LENGTH)}…`;
}
