import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { SCRIPT_LIMITS } from "@benteng/shared";
import ivm from "isolated-vm";
import { scriptFrame } from "./scriptSource.ts";

export type SyntaxCheck = { ok: true } | { ok: false; message: string; line: number; column: number };
type Located = Extract<SyntaxCheck, { ok: false }>;

const require = createRequire(import.meta.url);
const CHECK_TIMEOUT_MS = 5_000;
// V8's own verdict on the body as exactly one strict async function body (the rule the sandbox's
// realm applies before it runs anything), with the body passed as data, never spliced.
const V8_VERDICT = `try { new AsyncFunctionCtor("input", '"use strict";\\n' + $0); return null }
catch (e) { return String(e && e.message) }`;
// Acorn parses the body on its own, so it stops at the first token a function body cannot hold:
// for "return 1; }); globalThis.x = 1; (…" that is the "}", where V8 only says "Single function
// literal required" or stumbles later, on a token after it.
const ACORN_POSITION = `try {
  acorn.parse($0, { ecmaVersion: "latest", sourceType: "script", allowReturnOutsideFunction: true,
    allowAwaitOutsideFunction: true, locations: true });
  return null;
} catch (e) {
  return e && e.loc ? JSON.stringify({ message: String(e.message).replace(/ \\(\\d+:\\d+\\)$/, ""),
    line: e.loc.line, column: e.loc.column + 1, pos: e.pos }) : null;
}`;

interface Checker {
  isolate: ivm.Isolate;
  context: ivm.Context;
  acorn: Promise<void> | null;
}
// Compiled (never run) in an isolate of its own, so even the parser never sees a script in the host.
let checker: Promise<Checker> | null = null;

function getChecker(): Promise<Checker> {
  if (checker) return checker;
  const created = (async () => {
    const isolate = new ivm.Isolate({ memoryLimit: 64 });
    const context = await isolate.createContext();
    await context.eval("globalThis.AsyncFunctionCtor = Object.getPrototypeOf(async () => {}).constructor");
    return { isolate, context, acorn: null };
  })();
  checker = created;
  created.catch(() => {
    if (checker === created) checker = null;
  });
  return created;
}

/**
 * Syntax errors for a script body with the line and column in the developer's own code (1-based):
 * the same rule the sandbox applies (exactly one strict async function body, judged by V8), located
 * by V8 or, where the body closes its function early, by acorn. Used on save, for test runs and by
 * the CLI; the browser uses shared/src/blocks/scriptStaticChecks.ts instead.
 * @example await checkScriptSyntax("const a = 1;\nconst b = ;") → { ok: false, message: "Unexpected token ';'", line: 2, column: 11 }
 */
export async function checkScriptSyntax(code: string): Promise<SyntaxCheck> {
  if (code.length > SCRIPT_LIMITS.codeChars)
    return {
      ok: false,
      message: `the script is longer than ${SCRIPT_LIMITS.codeChars} characters`,
      line: 1,
      column: 1,
    };
  const pending = getChecker();
  const c = await pending;
  try {
    const verdict = await c.context.evalClosure(V8_VERDICT, [code], { timeout: CHECK_TIMEOUT_MS });
    if (verdict === null) return { ok: true };
    const v8 = await v8Position(c, code);
    const early = await acornPosition(c, code);
    if (early && (!v8 || before(early, v8))) return early;
    return v8 ?? { ok: false, message: String(verdict), line: 1, column: 1 };
  } catch (e) {
    // The checker itself failed (a timeout, its memory limit): start afresh next time.
    if (!c.isolate.isDisposed) c.isolate.dispose();
    if (checker === pending) checker = null;
    return {
      ok: false,
      message: `the script could not be checked: ${(e as Error).message}`,
      line: 1,
      column: 1,
    };
  }
}

const before = (a: Located, b: Located) => a.line < b.line || (a.line === b.line && a.column < b.column);

/** V8's message and position, from compiling the framed text the realm would evaluate. */
async function v8Position(c: Checker, code: string): Promise<Located | null> {
  try {
    const script = await c.isolate.compileScript(
      `"use strict";${scriptFrame.prefix}${code}${scriptFrame.suffix}`,
      { filename: scriptFrame.url },
    );
    script.release();
    return null;
  } catch (e) {
    // isolated-vm appends " [file:line:column]"; split at its last " [" so no pattern scans the message twice.
    const text = e instanceof Error ? e.message : String(e);
    const at = text.lastIndexOf(" [");
    const m = at < 0 ? null : /^[^\]]*:(\d+):(\d+)\]$/.exec(text.slice(at + 2));
    if (!m) return null;
    const lines = code.split("\n");
    const line = Number(m[1]) - scriptFrame.firstLine + 1;
    // Past the body: the frame's closing "})" was unexpected, so something in the body is left open.
    if (line > lines.length)
      return {
        ok: false,
        message: "Unexpected end of input",
        line: lines.length,
        column: lines.at(-1)!.length + 1,
      };
    return {
      ok: false,
      message: text.slice(0, at),
      line: Math.max(1, line),
      column: line >= 1 ? Number(m[2]) : 1,
    };
  }
}

async function acornPosition(c: Checker, code: string): Promise<Located | null> {
  c.acorn ??= c.context.eval(readFileSync(require.resolve("acorn"), "utf8"), { filename: "acorn.js" });
  await c.acorn;
  const found = await c.context.evalClosure(ACORN_POSITION, [code], { timeout: CHECK_TIMEOUT_MS });
  if (typeof found !== "string") return null;
  const { message, line, column, pos } = JSON.parse(found) as {
    message: string;
    line: number;
    column: number;
    pos: number;
  };
  return {
    ok: false,
    message:
      code[pos] === "}" ? `${message} '}': a script is one function body and cannot close it` : message,
    line,
    column,
  };
}
