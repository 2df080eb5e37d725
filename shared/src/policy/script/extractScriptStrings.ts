/** A text a script can produce from literals: one literal, or literals joined with `+` or a template. */
export interface ScriptString {
  text: string;
  /** Where the expression that builds it sits in the code (UTF-16 offsets, end exclusive). */
  start: number;
  end: number;
}

/**
 * Finds the strings a script spells out, so the secret-request detector can read them: string and
 * template literals, simple `+` chains ("Send your " + "P" + "IN"), templates whose placeholders are
 * constants defined from literals, and `+=` onto such constants. Comments and regular expressions are
 * skipped. Placeholders it cannot resolve read as a space. Never throws; it is a tokenizer, not a parser,
 * so it errs towards reading more text rather than less.
 * @example extractScriptStrings('const a = "your "; return "Type " + a + `P${"IN"}`;')
 *   // includes { text: "Type your PIN", … }
 */
export function extractScriptStrings(code: string): ScriptString[] {
  const tokens = tokenize(code);
  const constants = new Map<string, string>();
  const found: ScriptString[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!isOperand(t)) continue;
    // Extend the chain over `+ operand` pairs.
    let j = i;
    while (tokens[j + 1]?.kind === "plus" && tokens[j + 2] && isOperand(tokens[j + 2]!)) j += 2;
    const operands = tokens.slice(i, j + 1).filter((x) => x.kind !== "plus");
    if (operands.some((x) => x.kind === "string" || x.kind === "template")) {
      const text = operands.map((x) => operandText(x, constants)).join("");
      const prev = tokens[i - 1];
      const name = tokens[i - 2];
      if (prev?.kind === "assign" && name?.kind === "identifier") constants.set(name.text, text);
      if (prev?.kind === "plusAssign" && name?.kind === "identifier") {
        const joined = (constants.get(name.text) ?? " ") + text;
        constants.set(name.text, joined);
        found.push({ text: joined, start: name.start, end: tokens[j]!.end });
      }
      found.push({ text, start: t.start, end: tokens[j]!.end });
    }
    i = j;
  }
  return found;
}

interface Token {
  kind: "string" | "template" | "identifier" | "number" | "plus" | "assign" | "plusAssign" | "punct";
  text: string;
  start: number;
  end: number;
  /** Template literal pieces: static text, and the source of each `${…}` between them. */
  parts?: Array<{ text: string } | { expression: string }>;
}

function isOperand(t: Token): boolean {
  return t.kind === "string" || t.kind === "template" || t.kind === "identifier" || t.kind === "number";
}

function operandText(t: Token, constants: Map<string, string>): string {
  if (t.kind === "string") return t.text;
  if (t.kind === "number") return t.text;
  if (t.kind === "identifier") return constants.get(t.text) ?? " ";
  return (t.parts ?? [])
    .map((p) => {
      if ("text" in p) return p.text;
      const inner = p.expression.trim();
      if (/^[A-Za-z_$][\w$]*$/.test(inner)) return constants.get(inner) ?? " ";
      const literal = extractScriptStrings(inner);
      // `${"IN"}` or `${a + "b"}`: a placeholder that is itself one literal expression.
      return literal.length === 1 && literal[0]!.start === 0 && literal[0]!.end === inner.length
        ? literal[0]!.text
        : " ";
    })
    .join("");
}

const IDENTIFIER_START = /[A-Za-z_$\u00c0-\uffff]/;
const IDENTIFIER_PART = /[\w$\u00c0-\uffff]/;
// After these a `/` starts a regular expression rather than a division.
const REGEX_ALLOWED_AFTER_KEYWORD = new Set([
  "return",
  "typeof",
  "case",
  "do",
  "else",
  "in",
  "of",
  "new",
  "delete",
  "void",
  "throw",
  "yield",
  "await",
]);

function tokenize(code: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = code.length;
  while (i < n) {
    const c = code[i]!;
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      i++;
      continue;
    }
    if (c === "/" && code[i + 1] === "/") {
      while (i < n && code[i] !== "\n") i++;
      continue;
    }
    if (c === "/" && code[i + 1] === "*") {
      const close = code.indexOf("*/", i + 2);
      i = close < 0 ? n : close + 2;
      continue;
    }
    if (c === '"' || c === "'") {
      const start = i;
      const { text, end } = readQuoted(code, i + 1, c);
      tokens.push({ kind: "string", text, start, end });
      i = end;
      continue;
    }
    if (c === "`") {
      const start = i;
      const { parts, end } = readTemplate(code, i + 1);
      tokens.push({ kind: "template", text: "", parts, start, end });
      i = end;
      continue;
    }
    if (c === "/" && regexAllowed(tokens[tokens.length - 1])) {
      i = skipRegex(code, i + 1);
      tokens.push({ kind: "punct", text: "/regex/", start: i, end: i });
      continue;
    }
    if (IDENTIFIER_START.test(c)) {
      const start = i;
      while (i < n && IDENTIFIER_PART.test(code[i]!)) i++;
      tokens.push({ kind: "identifier", text: code.slice(start, i), start, end: i });
      continue;
    }
    if (c >= "0" && c <= "9") {
      const start = i;
      while (i < n && /[\w.]/.test(code[i]!)) i++;
      tokens.push({ kind: "number", text: code.slice(start, i), start, end: i });
      continue;
    }
    if (c === "+" && code[i + 1] === "=") {
      tokens.push({ kind: "plusAssign", text: "+=", start: i, end: i + 2 });
      i += 2;
      continue;
    }
    if (c === "+" && code[i + 1] !== "+") {
      tokens.push({ kind: "plus", text: "+", start: i, end: i + 1 });
      i++;
      continue;
    }
    if (c === "=" && code[i + 1] !== "=" && code[i + 1] !== ">" && !/[=!<>]/.test(code[i - 1] ?? "")) {
      tokens.push({ kind: "assign", text: "=", start: i, end: i + 1 });
      i++;
      continue;
    }
    tokens.push({ kind: "punct", text: c, start: i, end: i + 1 });
    i++;
  }
  return tokens;
}

function regexAllowed(prev: Token | undefined): boolean {
  if (!prev) return true;
  if (prev.kind === "identifier") return REGEX_ALLOWED_AFTER_KEYWORD.has(prev.text);
  if (prev.kind === "string" || prev.kind === "template" || prev.kind === "number") return false;
  return prev.text !== ")" && prev.text !== "]" && prev.text !== "}";
}

function skipRegex(code: string, i: number): number {
  let inClass = false;
  while (i < code.length) {
    const c = code[i]!;
    if (c === "\n") return i;
    if (c === "\\") i += 2;
    else {
      if (c === "[") inClass = true;
      else if (c === "]") inClass = false;
      else if (c === "/" && !inClass) {
        i++;
        while (i < code.length && /[a-z]/.test(code[i]!)) i++;
        return i;
      }
      i++;
    }
  }
  return i;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  n: "\n",
  t: "\t",
  r: "\r",
  b: "\b",
  f: "\f",
  v: "\v",
  "0": "\0",
};

/** Reads an escape sequence starting after the backslash; returns the character(s) and the next index. */
function readEscape(code: string, i: number): { text: string; next: number } {
  const c = code[i] ?? "";
  if (c in SIMPLE_ESCAPES) return { text: SIMPLE_ESCAPES[c]!, next: i + 1 };
  if (c === "x") {
    const hex = code.slice(i + 1, i + 3);
    if (/^[0-9a-fA-F]{2}$/.test(hex))
      return { text: String.fromCharCode(Number.parseInt(hex, 16)), next: i + 3 };
  }
  if (c === "u") {
    const braced = /^\{([0-9a-fA-F]{1,6})\}/.exec(code.slice(i + 1, i + 10));
    if (braced) {
      const cp = Number.parseInt(braced[1]!, 16);
      return { text: cp <= 0x10ffff ? String.fromCodePoint(cp) : "", next: i + 1 + braced[0].length };
    }
    const hex = code.slice(i + 1, i + 5);
    if (/^[0-9a-fA-F]{4}$/.test(hex))
      return { text: String.fromCharCode(Number.parseInt(hex, 16)), next: i + 5 };
  }
  // A line continuation produces nothing; any other escaped character stands for itself.
  if (c === "\n") return { text: "", next: i + 1 };
  return { text: c, next: i + 1 };
}

function readQuoted(code: string, i: number, quote: string): { text: string; end: number } {
  let text = "";
  while (i < code.length) {
    const c = code[i]!;
    if (c === quote) return { text, end: i + 1 };
    if (c === "\n") break;
    if (c === "\\") {
      const e = readEscape(code, i + 1);
      text += e.text;
      i = e.next;
      continue;
    }
    text += c;
    i++;
  }
  return { text, end: i };
}

function readTemplate(code: string, i: number): { parts: NonNullable<Token["parts"]>; end: number } {
  const parts: NonNullable<Token["parts"]> = [];
  let text = "";
  while (i < code.length) {
    const c = code[i]!;
    if (c === "`") {
      parts.push({ text });
      return { parts, end: i + 1 };
    }
    if (c === "\\") {
      const e = readEscape(code, i + 1);
      text += e.text;
      i = e.next;
      continue;
    }
    if (c === "$" && code[i + 1] === "{") {
      parts.push({ text });
      text = "";
      const close = matchingBrace(code, i + 2);
      parts.push({ expression: code.slice(i + 2, close) });
      i = close + 1;
      continue;
    }
    text += c;
    i++;
  }
  parts.push({ text });
  return { parts, end: i };
}

/** Index of the `}` closing a `${` expression, skipping nested braces, strings and templates. */
function matchingBrace(code: string, i: number): number {
  let depth = 0;
  while (i < code.length) {
    const c = code[i]!;
    if (c === '"' || c === "'") i = readQuoted(code, i + 1, c).end;
    else if (c === "`") i = readTemplate(code, i + 1).end;
    else {
      if (c === "{") depth++;
      else if (c === "}") {
        if (depth === 0) return i;
        depth--;
      }
      i++;
    }
  }
  return code.length;
}
