import { z } from "zod";

/**
 * Why a script run ended without a result; each kind takes the block's error path. `unavailable`: the
 * script could not be run at all here (no sandbox, no workspace, its secrets could not be read).
 */
export const scriptErrorKindSchema = z.enum([
  "timeout",
  "memory",
  "output-limit",
  "runtime",
  "syntax",
  "input-schema",
  "output-schema",
  "unavailable",
]);
export type ScriptErrorKind = z.infer<typeof scriptErrorKindSchema>;

/**
 * Why one run failed. `line` and `column` (1-based, in the developer's own code) are present for
 * syntax errors and for runtime errors thrown by an Error whose stack reaches the script; the
 * message then ends with "(line L, column C)" as well, for readers that show only the message.
 */
export const scriptErrorSchema = z.object({
  kind: scriptErrorKindSchema,
  message: z.string(),
  line: z.number().int().min(1).optional(),
  column: z.number().int().min(1).optional(),
});
export type ScriptError = z.infer<typeof scriptErrorSchema>;

/**
 * A ScriptError; a known position is appended to the message as well ("… (line 2, column 11)").
 * @example scriptError("syntax", "Unexpected token ';'", { line: 2, column: 11 })
 */
export function scriptError(
  kind: ScriptErrorKind,
  message: string,
  position: { line?: number | undefined; column?: number | undefined } = {},
): ScriptError {
  const { line, column } = position;
  if (line === undefined) return { kind, message };
  const at = column === undefined ? `line ${line}` : `line ${line}, column ${column}`;
  return { kind, message: `${message} (${at})`, line, ...(column === undefined ? {} : { column }) };
}

/** One line for logs and for the flow variable `lastScriptError`, e.g. "timeout: the script ran longer than 1000 ms". */
export function formatScriptError(error: ScriptError): string {
  return `${error.kind}: ${error.message}`;
}
