import { SCRIPT_LIMITS } from "@benteng/shared/blocks/script";
import ivm from "isolated-vm";

export type SyntaxCheck = { ok: true } | { ok: false; message: string; line: number; column: number };

// Compiled (never run) in an isolate of its own, so even the parser never sees a script in the host.
let compiler: ivm.Isolate | null = null;
const WRAPPER_PREFIX = "(async function (input) {";

/**
 * Exact syntax errors for a script body, as V8 reports them, with the line and column in the
 * developer's code (1-based). The browser uses shared/src/blocks/scriptStaticChecks.ts instead.
 * @example await checkScriptSyntax("return 1 +") → { ok: false, message: "Unexpected token '}'", line: 2, column: 1 }
 */
export async function checkScriptSyntax(code: string): Promise<SyntaxCheck> {
  if (code.length > SCRIPT_LIMITS.codeChars)
    return {
      ok: false,
      message: `the script is longer than ${SCRIPT_LIMITS.codeChars} characters`,
      line: 1,
      column: 1,
    };
  if (!compiler || compiler.isDisposed) compiler = new ivm.Isolate({ memoryLimit: 32 });
  try {
    const script = await compiler.compileScript(`${WRAPPER_PREFIX}${code}\n})`, { filename: "script.js" });
    script.release();
    return { ok: true };
  } catch (e) {
    const raw = e instanceof Error ? e.message : String(e);
    const m = /^(.*) \[script\.js:(\d+):(\d+)\]$/s.exec(raw);
    if (!m) return { ok: false, message: raw, line: 1, column: 1 };
    const line = Number(m[2]);
    const column = Number(m[3]);
    const codeLines = code.split("\n").length;
    // The wrapper shares line 1 with the script, and its closing "})" sits on the line after it.
    if (line > codeLines)
      return {
        ok: false,
        message: m[1]!,
        line: codeLines,
        column: (code.split("\n").at(-1)?.length ?? 0) + 1,
      };
    return {
      ok: false,
      message: m[1]!,
      line,
      column: line === 1 ? Math.max(1, column - WRAPPER_PREFIX.length) : column,
    };
  }
}
