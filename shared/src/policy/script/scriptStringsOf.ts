import { extractScriptStrings, type ScriptString } from "./extractScriptStrings.ts";

/**
 * The strings of a script (extractScriptStrings), parsed once per distinct code: the editor lints on
 * every keystroke and most scripts did not change since the last one. Bounded by count and characters.
 */
export function scriptStringsOf(code: string): ScriptString[] {
  let strings = parsed.get(code);
  if (strings) return strings;
  strings = extractScriptStrings(code);
  parsed.set(code, strings);
  parsedChars += code.length;
  while (parsed.size > 500 || parsedChars > 2_000_000) {
    const oldest = parsed.keys().next().value as string;
    parsed.delete(oldest);
    parsedChars -= oldest.length;
  }
  return strings;
}

const parsed = new Map<string, ScriptString[]>();
let parsedChars = 0;
