import { type Node, parse, tokenizer } from "acorn";

/** A text a script can produce from literals, with where the expression that builds it sits. */
export interface ScriptString {
  text: string;
  /** Where the expression that builds it sits in the code (UTF-16 offsets, end exclusive). */
  start: number;
  end: number;
}

/** The parse options every script is read with: a function body, so top-level return and await. */
export const SCRIPT_PARSE_OPTIONS = {
  ecmaVersion: "latest",
  sourceType: "script",
  allowReturnOutsideFunction: true,
  allowAwaitOutsideFunction: true,
  locations: true,
} as const;

/**
 * Finds the strings a script spells out, so the secret-request detector can read them. The code is
 * parsed (acorn) and its string expressions folded as far as constants allow: literals, `+` and
 * `+=`, template literals, array joins (also after `.reverse()` or `.split("")`), `.concat`, case
 * changes, `String.fromCharCode`/`fromCodePoint`, `atob` of a literal, and names bound to any of these.
 * Values it cannot know read as a space. Code that does not parse is read token by token (its
 * literals only). Never throws.
 * @example extractScriptStrings('const a = "your "; return "Type " + a + `P${"IN"}`;')
 *   // includes { text: "Type your PIN", … }
 */
export function extractScriptStrings(code: string): ScriptString[] {
  let program: Node;
  try {
    program = parse(code, SCRIPT_PARSE_OPTIONS);
  } catch {
    return literalTokens(code);
  }
  const folder = new Folder();
  try {
    folder.visit(program);
  } catch {
    // A fold we could not finish (an exotic node) keeps what was found so far.
  }
  return folder.found;
}

/** The string and template literals of code that does not parse, up to where it breaks. */
function literalTokens(code: string): ScriptString[] {
  const found: ScriptString[] = [];
  try {
    for (const token of tokenizer(code, SCRIPT_PARSE_OPTIONS)) {
      if (token.type.label === "string" || token.type.label === "template")
        found.push({
          text: String((token as { value?: unknown }).value),
          start: token.start,
          end: token.end,
        });
    }
  } catch {
    // The tokenizer stops at the first error; what came before is kept.
  }
  return found;
}

const UNKNOWN = Symbol("unknown");
type Value = string | number | boolean | null | undefined | Value[] | typeof UNKNOWN;

/** Longest string a fold builds; longer ones are cut (a script's output is at most 64 KB anyway). */
const MAX_FOLDED = 8_192;
/** Deepest expression nesting folded; deeper code is read as unknown rather than recursed into. */
const MAX_DEPTH = 200;

// Acorn's nodes, loosely: the fields the folder reads.
type AnyNode = Node & Record<string, unknown>;

class Folder {
  readonly found: ScriptString[] = [];
  private readonly scope = new Map<string, Value>();

  /** Walks every node in source order; string expressions are folded whole and not walked into. */
  visit(node: unknown, depth = 0): void {
    if (!isNode(node) || depth > MAX_DEPTH) return;
    if (node.type === "VariableDeclarator" && isNode(node.id) && node.id.type === "Identifier") {
      const value = isNode(node.init) ? this.bindValue(node.init, depth) : undefined;
      this.scope.set(node.id.name as string, value);
      return;
    }
    if (node.type === "AssignmentExpression" && isNode(node.left) && node.left.type === "Identifier") {
      const name = node.left.name as string;
      const right = this.bindValue(node.right as AnyNode, depth);
      if (node.operator === "=") this.scope.set(name, right);
      else if (node.operator === "+=") {
        const joined = concat(this.scope.get(name) ?? UNKNOWN, right);
        this.scope.set(name, joined);
        if (typeof joined === "string") this.found.push({ text: joined, start: node.start, end: node.end });
      } else this.scope.set(name, UNKNOWN);
      return;
    }
    if (isFoldable(node)) {
      this.foldAndRecord(node, depth);
      return;
    }
    for (const key of Object.keys(node)) {
      const child = node[key];
      if (Array.isArray(child)) for (const c of child) this.visit(c, depth + 1);
      else if (isNode(child)) this.visit(child, depth + 1);
    }
  }

  /**
   * The value a name is bound to: an array literal keeps its folded items (`const p = ["pa", "ss"]`,
   * joined later in a template), its strings recorded one by one; anything else as foldAndRecord.
   */
  private bindValue(node: AnyNode, depth: number): Value {
    if (node.type !== "ArrayExpression") return this.foldAndRecord(node, depth);
    this.walkChildren(node, depth);
    return this.fold(node, depth);
  }

  /** Folds an expression; records it when it makes a text, else walks into it for inner strings. */
  private foldAndRecord(node: AnyNode, depth: number): Value {
    if (!isFoldable(node)) {
      this.visit(node, depth + 1);
      return UNKNOWN;
    }
    const value = this.fold(node, depth);
    const text = asText(value);
    if (text !== undefined) this.found.push({ text, start: node.start, end: node.end });
    else this.walkChildren(node, depth);
    return value;
  }

  private walkChildren(node: AnyNode, depth: number): void {
    for (const key of Object.keys(node)) {
      const child = node[key];
      if (Array.isArray(child)) for (const c of child) this.visit(c, depth + 1);
      else if (isNode(child)) this.visit(child, depth + 1);
    }
  }

  private fold(node: unknown, depth: number): Value {
    if (!isNode(node) || depth > MAX_DEPTH) return UNKNOWN;
    switch (node.type) {
      case "Literal":
        return "regex" in node ? UNKNOWN : (node.value as Value);
      case "Identifier":
        return this.scope.has(node.name as string) ? (this.scope.get(node.name as string) as Value) : UNKNOWN;
      case "TemplateLiteral": {
        const quasis = node.quasis as AnyNode[];
        const expressions = node.expressions as AnyNode[];
        let text = "";
        quasis.forEach((q, i) => {
          text += String((q.value as { cooked?: string; raw: string }).cooked ?? "");
          if (i < expressions.length) text += asText(this.fold(expressions[i], depth + 1)) ?? " ";
        });
        return cut(text);
      }
      case "BinaryExpression":
        if (node.operator !== "+") return UNKNOWN;
        return concat(this.fold(node.left, depth + 1), this.fold(node.right, depth + 1));
      case "ArrayExpression":
        return (node.elements as unknown[]).map((e) => this.fold(e, depth + 1));
      case "ParenthesizedExpression":
        return this.fold(node.expression, depth + 1);
      case "CallExpression":
        return this.foldCall(node, depth);
      default:
        return UNKNOWN;
    }
  }

  private foldCall(node: AnyNode, depth: number): Value {
    const callee = node.callee as AnyNode;
    const args = (node.arguments as AnyNode[]).map((a) => this.fold(a, depth + 1));
    if (callee.type === "Identifier" && callee.name === "atob" && typeof args[0] === "string")
      return decodeBase64(args[0]);
    if (callee.type !== "MemberExpression" || callee.computed) return UNKNOWN;
    const method = (callee.property as AnyNode).name as string;
    const object = callee.object as AnyNode;
    if (object.type === "Identifier" && object.name === "String") {
      if (method !== "fromCharCode" && method !== "fromCodePoint") return UNKNOWN;
      if (!args.every((a) => typeof a === "number" && Number.isInteger(a) && a >= 0 && a <= 0x10ffff))
        return UNKNOWN;
      return cut(String.fromCodePoint(...(args as number[])));
    }
    const target = this.fold(object, depth + 1);
    if (Array.isArray(target)) {
      if (method === "join") {
        const sep = args[0] === undefined ? "," : asText(args[0]);
        return sep === undefined ? UNKNOWN : cut(target.map((v) => asText(v) ?? " ").join(sep));
      }
      if (method === "reverse") return [...target].reverse();
      if (method === "concat")
        return target.concat(...args.map((a): Value[] => (Array.isArray(a) ? a : [a])));
      return UNKNOWN;
    }
    if (typeof target !== "string") return UNKNOWN;
    switch (method) {
      case "split":
        return typeof args[0] === "string" ? target.split(args[0]).slice(0, MAX_FOLDED) : UNKNOWN;
      case "concat":
        return cut(target + args.map((a) => asText(a) ?? " ").join(""));
      case "toUpperCase":
      case "toLocaleUpperCase":
        return target.toUpperCase();
      case "toLowerCase":
      case "toLocaleLowerCase":
        return target.toLowerCase();
      case "trim":
        return target.trim();
      case "repeat":
        return typeof args[0] === "number" && args[0] >= 0
          ? cut(target.repeat(Math.min(args[0], MAX_FOLDED)))
          : UNKNOWN;
      default:
        return UNKNOWN;
    }
  }
}

function isNode(x: unknown): x is AnyNode {
  return typeof x === "object" && x !== null && typeof (x as { type?: unknown }).type === "string";
}

/** Expressions the folder can turn into a text; others are walked for the strings inside them. */
function isFoldable(node: AnyNode): boolean {
  switch (node.type) {
    case "Literal":
      return typeof node.value === "string";
    case "TemplateLiteral":
      return true;
    case "BinaryExpression":
      return node.operator === "+";
    case "CallExpression":
      return true;
    default:
      return false;
  }
}

function concat(a: Value, b: Value): Value {
  if (typeof a === "number" && typeof b === "number") return a + b;
  const left = asText(a);
  const right = asText(b);
  if (left === undefined && right === undefined) return UNKNOWN;
  return cut((left ?? " ") + (right ?? " "));
}

/** A value as the text it becomes in a message, or undefined when it is not known to be one. */
function asText(v: Value): string | undefined {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return undefined;
}

function cut(text: string): string {
  return text.length > MAX_FOLDED ? text.slice(0, MAX_FOLDED) : text;
}

function decodeBase64(text: string): Value {
  const atob = (globalThis as { atob?: (s: string) => string }).atob;
  if (!atob || text.length > MAX_FOLDED) return UNKNOWN;
  try {
    return atob(text);
  } catch {
    return UNKNOWN;
  }
}
