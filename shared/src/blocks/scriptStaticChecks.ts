// Static checks of a script block's code, run on every edit in the browser and on save on the
// server. Pure and dependency-free: a small tokenizer (strings, comments, templates, regular
// expressions, brackets) rather than a parser, so it is fast and tiny. The server adds exact V8
// syntax errors from the sandbox (runtime/src/sandbox/checkScriptSyntax.ts).

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

/**
 * Checks a script body for unbalanced brackets, unterminated strings, comments, templates and
 * regular expressions, and for require, import, process, eval and Function. Never throws.
 * @example scriptStaticChecks("const k = process.env.KEY") → [{ ruleId: "scriptProcess", line: 1, column: 11, … }]
 */
export function scriptStaticChecks(code: string): ScriptFinding[] {
  const findings: ScriptFinding[] = [];
  const tokens = tokenize(code, findings);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type !== "name") continue;
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    // `order.process`, `obj?.eval` and `{ process: 1 }` are the developer's own names.
    const isProperty = prev?.type === "punct" && (prev.value === "." || prev.value === "?.");
    const isKey =
      next?.type === "punct" && next.value === ":" && !(prev?.type === "punct" && prev.value === "?");
    if (isProperty) continue;
    const add = (ruleId: Exclude<ScriptRuleId, "scriptSyntax">) =>
      findings.push({
        ruleId,
        severity: "error",
        message: explanations[ruleId],
        line: t.line,
        column: t.column,
      });
    if (t.value === "import" && !isKey) add("scriptImport");
    else if (t.value === "require" && next?.value === "(") add("scriptRequire");
    else if (t.value === "process" && !isKey) add("scriptProcess");
    else if ((t.value === "eval" || t.value === "Function") && !isKey) add("scriptEval");
  }
  return findings.sort((a, b) => a.line - b.line || a.column - b.column);
}

interface Token {
  type: "name" | "punct" | "literal";
  value: string;
  line: number;
  column: number;
}

const openers: Record<string, string> = { "(": ")", "[": "]", "{": "}" };
const closers = new Set([")", "]", "}"]);
// After these keywords a "/" starts a regular expression, not a division.
const regexAfterKeywords = new Set([
  "return",
  "typeof",
  "instanceof",
  "in",
  "of",
  "new",
  "delete",
  "void",
  "throw",
  "case",
  "do",
  "else",
  "yield",
  "await",
]);

function tokenize(code: string, findings: ScriptFinding[]): Token[] {
  const tokens: Token[] = [];
  // Open brackets; "${" marks a template substitution whose "}" resumes the template text.
  // Substitutions also remember where their template began, for the "never closed" message.
  const stack: Array<{
    char: string;
    line: number;
    column: number;
    template?: { line: number; column: number };
  }> = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const col = (at: number) => at - lineStart + 1;
  const syntax = (message: string, l: number, c: number) =>
    findings.push({ ruleId: "scriptSyntax", severity: "error", message, line: l, column: c });
  const advanceNewlines = (from: number, to: number) => {
    for (let k = from; k < to; k++)
      if (code[k] === "\n") {
        line++;
        lineStart = k + 1;
      }
  };
  const regexAllowed = () => {
    const prev = tokens.at(-1);
    if (!prev) return true;
    if (prev.type === "literal") return false;
    if (prev.type === "name") return regexAfterKeywords.has(prev.value);
    return !(prev.value === ")" || prev.value === "]");
  };

  /** Scans template text from i (just after ` or a substitution's }) to its end or next "${". */
  const scanTemplate = (startLine: number, startColumn: number): boolean => {
    while (i < code.length) {
      const ch = code[i]!;
      if (ch === "\\") {
        advanceNewlines(i, i + 2);
        i += 2;
      } else if (ch === "`") {
        i++;
        return true;
      } else if (ch === "$" && code[i + 1] === "{") {
        stack.push({ char: "${", line, column: col(i), template: { line: startLine, column: startColumn } });
        i += 2;
        return true;
      } else {
        if (ch === "\n") {
          line++;
          lineStart = i + 1;
        }
        i++;
      }
    }
    syntax("This template literal (`…`) is never closed.", startLine, startColumn);
    return false;
  };

  while (i < code.length) {
    const ch = code[i]!;
    const startLine = line;
    const startColumn = col(i);
    if (ch === "\n") {
      line++;
      lineStart = ++i;
    } else if (/\s/.test(ch)) {
      i++;
    } else if (ch === "/" && code[i + 1] === "/") {
      while (i < code.length && code[i] !== "\n") i++;
    } else if (ch === "/" && code[i + 1] === "*") {
      const end = code.indexOf("*/", i + 2);
      if (end === -1) {
        syntax("This comment (/* …) is never closed.", startLine, startColumn);
        return tokens;
      }
      advanceNewlines(i, end);
      i = end + 2;
    } else if (ch === '"' || ch === "'") {
      let k = i + 1;
      while (k < code.length && code[k] !== ch && code[k] !== "\n") k += code[k] === "\\" ? 2 : 1;
      if (code[k] !== ch) {
        syntax(`This string (${ch}…) is not closed on its line.`, startLine, startColumn);
        i = k;
      } else i = k + 1;
      tokens.push({ type: "literal", value: "string", line: startLine, column: startColumn });
    } else if (ch === "`") {
      i++;
      if (!scanTemplate(startLine, startColumn)) return tokens;
      tokens.push({ type: "literal", value: "template", line: startLine, column: startColumn });
    } else if (ch === "/" && regexAllowed()) {
      let k = i + 1;
      let inClass = false;
      while (k < code.length && code[k] !== "\n") {
        const c = code[k]!;
        if (c === "\\") k++;
        else if (c === "[") inClass = true;
        else if (c === "]") inClass = false;
        else if (c === "/" && !inClass) break;
        k++;
      }
      if (code[k] !== "/") {
        syntax("This regular expression (/…/) is not closed on its line.", startLine, startColumn);
        i = k;
      } else {
        i = k + 1;
        while (i < code.length && /[a-z]/i.test(code[i]!)) i++;
      }
      tokens.push({ type: "literal", value: "regex", line: startLine, column: startColumn });
    } else if (/[A-Za-z_$\u00c0-\uffff]/.test(ch)) {
      let k = i + 1;
      while (k < code.length && /[\w$\u00c0-\uffff]/.test(code[k]!)) k++;
      tokens.push({ type: "name", value: code.slice(i, k), line: startLine, column: startColumn });
      i = k;
    } else if (/[0-9]/.test(ch) || (ch === "." && /[0-9]/.test(code[i + 1] ?? ""))) {
      let k = i + 1;
      while (k < code.length && /[\w.]/.test(code[k]!)) k++;
      tokens.push({ type: "literal", value: "number", line: startLine, column: startColumn });
      i = k;
    } else if (openers[ch]) {
      stack.push({ char: ch, line: startLine, column: startColumn });
      tokens.push({ type: "punct", value: ch, line: startLine, column: startColumn });
      i++;
    } else if (closers.has(ch)) {
      const open = stack.pop();
      if (open?.char === "${" && ch === "}") {
        i++;
        if (!scanTemplate(open.template!.line, open.template!.column)) return tokens;
        tokens.push({ type: "literal", value: "template", line: startLine, column: startColumn });
        continue;
      }
      if (!open) {
        syntax(`Unexpected "${ch}": there is no opening bracket for it.`, startLine, startColumn);
        return tokens;
      }
      const expected = open.char === "${" ? "}" : openers[open.char];
      if (expected !== ch) {
        syntax(
          `Unexpected "${ch}": the "${open.char}" opened at line ${open.line}, column ${open.column} must be closed with "${expected}" first.`,
          startLine,
          startColumn,
        );
        return tokens;
      }
      tokens.push({ type: "punct", value: ch, line: startLine, column: startColumn });
      i++;
    } else if (ch === "?" && code[i + 1] === "." && !/[0-9]/.test(code[i + 2] ?? "")) {
      tokens.push({ type: "punct", value: "?.", line: startLine, column: startColumn });
      i += 2;
    } else {
      tokens.push({ type: "punct", value: ch, line: startLine, column: startColumn });
      i++;
    }
  }
  const unclosed = stack.pop();
  if (unclosed) syntax(`The "${unclosed.char}" opened here is never closed.`, unclosed.line, unclosed.column);
  return tokens;
}
