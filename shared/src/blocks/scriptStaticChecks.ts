// Static checks of a script block's code, run on every edit in the browser and on save on the
// server. The code is parsed with acorn, the one JavaScript parser of the project (the linter reads
// scripts' strings with it too), as the body of an async function. The server adds exact V8 syntax
// errors from the sandbox (runtime/src/sandbox/checkScriptSyntax.ts).
import { type Node, parse, tokenizer } from "acorn";
import { SCRIPT_PARSE_OPTIONS } from "../policy/script/extractScriptStrings.ts";

export type ScriptRuleId = "scriptSyntax" | "scriptRequire" | "scriptImport" | "scriptProcess" | "scriptEval";

export interface ScriptFinding {
  ruleId: ScriptRuleId;
  severity: "error" | "warning";
  message: string;
  /** 1-based position in the script's code. */
  line: number;
  column: number;
}

const explanations: Record<Exclude<ScriptRuleId, "scriptSyntax">, string> = {
  scriptRequire:
    "require() does not exist in the sandbox: scripts cannot load Node modules or files. Use fetch() for HTTP calls to the block's allowed hosts.",
  scriptImport:
    "Scripts cannot import modules: the sandbox has no module loader and refuses import before the script runs. Write the code you need in the script itself.",
  scriptProcess:
    "process does not exist in the sandbox: scripts cannot read environment variables or anything of the server. Declare a secret on the block and read it with secrets.get(name).",
  scriptEval:
    "eval and Function turn text into code, which hides what a script does from review and can run text a customer typed. Write the logic directly.",
};

/** Deepest nesting walked; deeper code (machine-made) is left unchecked rather than overflowing the stack. */
const MAX_DEPTH = 500;

/**
 * Checks a script body for syntax errors (unbalanced brackets, unterminated strings, comments,
 * templates and regular expressions, anything else acorn refuses) and for require, import,
 * process, eval and Function. Never throws.
 * @example scriptStaticChecks("const k = process.env.KEY") → [{ ruleId: "scriptProcess", line: 1, column: 11, … }]
 */
export function scriptStaticChecks(code: string): ScriptFinding[] {
  let program: Node;
  try {
    program = parse(code, SCRIPT_PARSE_OPTIONS);
  } catch (e) {
    return [syntaxFinding(code, e)];
  }
  const findings: ScriptFinding[] = [];
  const add = (ruleId: Exclude<ScriptRuleId, "scriptSyntax">, node: Node) => {
    const at = (node as Node & { loc?: { start: { line: number; column: number } } }).loc?.start;
    findings.push({
      ruleId,
      severity: "error",
      message: explanations[ruleId],
      line: at?.line ?? 1,
      column: (at?.column ?? 0) + 1,
    });
  };
  try {
    walk(program as AnyNode, undefined, undefined, 0, add);
  } catch {
    // An exotic node we could not walk: what was found so far stands.
  }
  return findings.sort((a, b) => a.line - b.line || a.column - b.column);
}

type AnyNode = Node & Record<string, unknown>;

function isNode(value: unknown): value is AnyNode {
  return (
    typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string"
  );
}

/** Visits every node; `parent` and `key` tell where an identifier stands. */
function walk(
  node: AnyNode,
  parent: AnyNode | undefined,
  key: string | undefined,
  depth: number,
  add: (ruleId: Exclude<ScriptRuleId, "scriptSyntax">, node: Node) => void,
): void {
  if (depth > MAX_DEPTH) return;
  if (node.type === "ImportExpression") add("scriptImport", node);
  else if (node.type === "CallExpression" && isNode(node.callee) && node.callee.type === "Identifier") {
    if (node.callee.name === "require") add("scriptRequire", node.callee);
  } else if (node.type === "Identifier" && !isOwnName(parent, key)) {
    if (node.name === "process") add("scriptProcess", node);
    else if (node.name === "eval" || node.name === "Function") add("scriptEval", node);
  }
  for (const childKey of Object.keys(node)) {
    const child = node[childKey];
    if (Array.isArray(child)) {
      for (const c of child) if (isNode(c)) walk(c, node, childKey, depth + 1, add);
    } else if (isNode(child)) walk(child, node, childKey, depth + 1, add);
  }
}

/**
 * `order.process`, `obj?.eval`, `{ process: 1 }`, `const process = …`: the developer's own names,
 * not the sandbox's missing globals.
 */
function isOwnName(parent: AnyNode | undefined, key: string | undefined): boolean {
  if (!parent) return false;
  if (parent.type === "MemberExpression" && key === "property" && parent.computed !== true) return true;
  if (
    (parent.type === "Property" ||
      parent.type === "PropertyDefinition" ||
      parent.type === "MethodDefinition") &&
    key === "key"
  )
    return parent.computed !== true && parent.shorthand !== true;
  if (parent.type === "VariableDeclarator" && key === "id") return true;
  if ((parent.type === "FunctionDeclaration" || parent.type === "FunctionExpression") && key === "id")
    return true;
  if (
    parent.type === "LabeledStatement" ||
    parent.type === "BreakStatement" ||
    parent.type === "ContinueStatement"
  )
    return true;
  return false;
}

interface AcornError {
  message?: unknown;
  pos?: unknown;
  loc?: { line: number; column: number };
}

const CLOSERS: Record<string, string> = { "(": ")", "[": "]", "{": "}", "${": "}" };

/** One finding for the code's syntax error, at acorn's position, in words a script author reads. */
function syntaxFinding(code: string, e: unknown): ScriptFinding {
  const error = (e ?? {}) as AcornError;
  const raw = typeof error.message === "string" ? error.message.replace(/ \(\d+:\d+\)$/, "") : "Syntax error";
  const at = { line: error.loc?.line ?? 1, column: (error.loc?.column ?? 0) + 1 };
  const finding = (message: string, line = at.line, column = at.column): ScriptFinding => ({
    ruleId: "scriptSyntax",
    severity: "error",
    message,
    line,
    column,
  });
  const pos = typeof error.pos === "number" ? error.pos : code.length;
  // Acorn points after an unterminated template or regular expression; the author looks for its start.
  const opening = (char: string) => {
    const start = code.lastIndexOf(char, Math.max(0, pos - 1));
    return start < 0 ? at : positionOf(code, start);
  };
  if (raw.startsWith("Unterminated string")) return finding("This string is not closed on its line.");
  if (raw.startsWith("Unterminated template")) {
    const start = opening("`");
    return finding("This template literal (`…`) is never closed.", start.line, start.column);
  }
  if (raw.startsWith("Unterminated comment")) return finding("This comment (/* …) is never closed.");
  if (raw.startsWith("Unterminated regular expression")) {
    const start = opening("/");
    return finding("This regular expression (/…/) is not closed on its line.", start.line, start.column);
  }
  if (raw.includes("'import' and 'export'")) {
    return { ruleId: "scriptImport", severity: "error", message: explanations.scriptImport, ...at };
  }
  const bracket = bracketAt(code, pos);
  if (bracket) return finding(bracket.message, bracket.line, bracket.column);
  return finding(`Syntax error: ${raw}.`);
}

/** 1-based line and column of a UTF-16 offset. */
function positionOf(code: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = code.indexOf("\n"); i >= 0 && i < offset; i = code.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Brackets explain most syntax errors a person makes: read the tokens up to the error and say which
 * bracket is unbalanced there ("the [ opened at line 2, column 10 must be closed with ] first").
 */
function bracketAt(
  code: string,
  errorPos: number,
): { message: string; line: number; column: number } | undefined {
  const stack: Array<{ char: string; line: number; column: number }> = [];
  try {
    for (const token of tokenizer(code, SCRIPT_PARSE_OPTIONS)) {
      const label = token.type.label;
      const at = { line: token.loc?.start.line ?? 1, column: (token.loc?.start.column ?? 0) + 1 };
      if (label === "(" || label === "[" || label === "{" || label === "${") {
        stack.push({ char: label, ...at });
        continue;
      }
      if (label !== ")" && label !== "]" && label !== "}") continue;
      const open = stack.pop();
      if (!open) return { message: `Unexpected "${label}": there is no opening bracket for it.`, ...at };
      const expected = CLOSERS[open.char] as string;
      if (expected !== label)
        return {
          message: `Unexpected "${label}": the "${open.char}" opened at line ${open.line}, column ${open.column} must be closed with "${expected}" first.`,
          ...at,
        };
      if (token.end > errorPos) break;
    }
  } catch {
    // The tokenizer stops at the error too; the brackets read so far decide.
  }
  const unclosed = stack.pop();
  if (unclosed && errorPos >= code.trimEnd().length)
    return {
      message: `The "${unclosed.char}" opened here is never closed.`,
      line: unclosed.line,
      column: unclosed.column,
    };
  return undefined;
}
