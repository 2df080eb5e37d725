import type { CustomerText } from "../../blocks/blockDefinition.ts";
import { fillTemplate, variableRefs } from "../../flow/template.ts";
import { SAFETY_NOTICE } from "../safetyNotice.ts";
import { scriptStringsOf } from "../script/scriptStringsOf.ts";
import { detectSecretRequest, MAX_CHECKED_LENGTH } from "../secretRequest/detectSecretRequest.ts";
import {
  customerTextsOf,
  detectOnce,
  type LintNode,
  type Rule,
  type RuleContext,
  type RuleHit,
} from "./rule.ts";

/** The signature rule: no customer-facing text may ask for a password, PIN, CVV, OTP or card number. */
// The notice is a constant: judged once when this module loads, not on every keystroke's lint.
const NOTICE_FINDINGS = detectSecretRequest(SAFETY_NOTICE).findings;
/** Values tried per variable: set-variable blocks and script strings beyond these are not tried. */
const MAX_CONSTANT_VALUES = 8;

export const secretRequestInText: Rule = {
  id: "secretRequestInText",
  severity: "error",
  description:
    "Customer-facing texts (messages, questions, buttons, list rows, headers, footers) must never ask for a password, PIN, CVV, one-time code or card number.",
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const node of ctx.nodes) {
      const texts = customerTextsOf(node);
      for (const t of texts) {
        const findings = detectOnce(ctx, t.text).findings;
        // A re-prompt is read after its question: "4 na numero po" after "Ano ang zip code ninyo?"
        // describes a postal code. It counts only when it still asks once its question is before it.
        if (t.field === "repromptText" && findings.length > 0 && !asksAfterItsQuestion(ctx, texts, t.text))
          continue;
        for (const f of findings) {
          hits.push({
            blockId: node.id,
            field: t.field,
            message: `${t.label}: ${f.explanation}`,
            span: f.span,
          });
        }
      }
    }
    const twoBlocks = spreadOverTwoBlocks(ctx);
    const reported = new Set(twoBlocks.map((h) => h.blockId));
    hits.push(
      ...constantsFilledIn(ctx),
      ...twoBlocks,
      ...spreadOverARun(ctx).filter((h) => !reported.has(h.blockId)),
    );
    // The notice is fixed text today; checking it keeps a future edit of it from becoming a request.
    if (ctx.flow.settings?.safetyNotice) {
      for (const f of NOTICE_FINDINGS) {
        hits.push({
          field: "settings.safetyNotice",
          message: `Safety notice: ${f.explanation}`,
          span: f.span,
        });
      }
    }
    return hits;
  },
};

/** Whether a re-prompt still asks for a secret when read right after its block's question. */
function asksAfterItsQuestion(
  ctx: RuleContext,
  texts: Array<{ field: string; text: string }>,
  reprompt: string,
) {
  const prompt = texts.find((x) => x.field === "prompt")?.text;
  if (!prompt) return true;
  const joined = `${prompt}\n${reprompt}`;
  const from = prompt.length + 1;
  const promptAsks = detectOnce(ctx, prompt).block;
  const lowerPrompt = prompt.toLowerCase();
  return detectOnce(ctx, joined).findings.some(
    (f) =>
      f.span.start >= from &&
      // "Kripya sahi 6-digit PIN code daaliye" after "Apne area ka 6-digit PIN code bataiye": the
      // re-prompt repeats the question's own words, in the sense the question gave them.
      (promptAsks || !lowerPrompt.includes(joined.slice(f.span.start, f.span.end).toLowerCase())),
  );
}

/**
 * "Send us your {{what}}" where a set-variable block stores what = "PIN": the request only appears once
 * the constant is filled in, so texts are read again with every constant value a variable is set to.
 * Constants are followed through other constants ("{{part}}seña" after part = "contra") and through
 * scripts: a variable a script's output is mapped to may hold any string the script spells out
 * (`String.fromCharCode(67, 86, 86)`, `["crypto", "gramme"].join("")`).
 */
function constantsFilledIn(ctx: RuleContext): RuleHit[] {
  const constants = new Map<string, string[]>();
  const add = (variable: string, value: string) => {
    const values = constants.get(variable) ?? [];
    if (values.length < MAX_CONSTANT_VALUES && !values.includes(value)) values.push(value);
    constants.set(variable, values);
  };
  for (const node of ctx.nodes) {
    if (node.type === "setVariable") {
      const { variable, value } = node.data as { variable?: unknown; value?: unknown };
      if (typeof variable !== "string" || typeof value !== "string" || value === "") continue;
      add(variable, value);
      continue;
    }
    const { code, outputMapping } = node.data as { code?: unknown; outputMapping?: unknown };
    if (typeof code !== "string" || code === "" || !Array.isArray(outputMapping)) continue;
    const spelled = scriptStringsOf(code)
      .map((x) => x.text)
      .filter((t) => t.trim() !== "" && t.length <= 200);
    for (const m of outputMapping as Array<{ variable?: unknown }>) {
      if (typeof m?.variable !== "string") continue;
      for (const text of spelled) add(m.variable, text);
    }
  }
  // Constants made of constants: filled in a few rounds (a chain longer than that is not a word).
  for (let round = 0; round < 3; round++) {
    let changed = false;
    const firsts = Object.fromEntries([...constants].map(([k, v]) => [k, v[0] ?? ""]));
    for (const [name, values] of constants) {
      const filled = values.map((v) => (v.includes("{{") ? fillTemplate(v, firsts) : v));
      if (filled.some((v, i) => v !== values[i])) {
        constants.set(name, filled);
        changed = true;
      }
    }
    if (!changed) break;
  }
  if (constants.size === 0) return [];
  const hits: RuleHit[] = [];
  for (const node of ctx.nodes) {
    for (const t of customerTextsOf(node)) {
      if (!t.text.includes("{{")) continue;
      const refs = variableRefs(t.text).filter((r) => constants.has(r.name));
      if (refs.length === 0 || detectOnce(ctx, t.text).block) continue;
      // Every value of every constant used, one combination per value of the first (bounded: 8).
      for (const value of (constants.get(refs[0]!.name) ?? []).slice(0, 8)) {
        const filled = fillTemplate(t.text, {
          ...Object.fromEntries([...constants].map(([k, v]) => [k, v[0]])),
          [refs[0]!.name]: value,
        });
        const [first] = detectOnce(ctx, filled).findings;
        if (!first) continue;
        hits.push({
          blockId: node.id,
          field: t.field,
          message: `${t.label}: once {{${refs.map((r) => r.name).join("}}, {{")}}} ${refs.length > 1 ? "are" : "is"} filled in (set to "${clip(value)}" by a set-variable block) it reads "${clip(filled)}". ${first.explanation}`,
        });
        break;
      }
    }
  }
  return hits;
}

/**
 * "We sent you a code by SMS." followed by a question "Please type it here": each block alone is fine,
 * together they ask for the code. A block's last text and the next block's first are read as one.
 */
function spreadOverTwoBlocks(ctx: RuleContext): RuleHit[] {
  const hits: RuleHit[] = [];
  const seen = new Set<string>();
  for (const source of ctx.nodes) {
    const before = customerTextsOf(source).at(-1);
    if (!before) continue;
    for (const edge of ctx.outgoing.get(source.id) ?? []) {
      const target = ctx.nodeById.get(edge.target);
      // Where the answer is collected: a question right after the text that set it up.
      if (target?.type !== "question") continue;
      const after = customerTextsOf(target)[0];
      if (!target || !after || seen.has(`${source.id}>${target.id}`)) continue;
      seen.add(`${source.id}>${target.id}`);
      if (detectOnce(ctx, after.text).block || detectOnce(ctx, before.text).block) continue;
      // The question can only point back at what the customer read last: the end of the text before.
      const tail = tailOf(before.text);
      const joined = `${tail}\n${after.text}`;
      const offset = tail.length + 1;
      const finding = detectOnce(ctx, joined).findings.find((f) => f.span.start >= offset);
      if (!finding) continue;
      hits.push({
        blockId: target.id,
        field: after.field,
        span: { start: finding.span.start - offset, end: finding.span.end - offset },
        message: `${after.label}: read after the text before it ("${clip(tail)}"), this asks for it. ${finding.explanation}`,
      });
    }
  }
  return hits;
}

/**
 * "To confirm it is you, reply in the next message with your" → "ATM PIN" → "Type the four digits you
 * use at the cash machine": each text passes alone, but the customer reads them as one, since nothing
 * lets them answer in between. Every maximal run of blocks read without answering (from Start, or
 * from a block that waits for the customer, up to and including the next block that waits) is judged
 * joined with spaces, and a request is reported on the block where the joined text first asks.
 *
 * Linear in the flow: each block is reached with at most RUN_CONTEXTS different texts read before it
 * (told apart by their last RUN_KEY characters), and each is judged with the last
 * RUN_CONTEXT_CHARS of what was read before it (then cut to the detector's MAX_CHECKED_LENGTH).
 */
function spreadOverARun(ctx: RuleContext): RuleHit[] {
  const hits: RuleHit[] = [];
  const contexts = new Map<string, Set<string>>();
  const work: Array<{ id: string; before: string }> = [];
  const reach = (id: string, before: string) => {
    if (!ctx.nodeById.has(id)) return;
    let seen = contexts.get(id);
    if (!seen) {
      seen = new Set();
      contexts.set(id, seen);
    }
    // Paths that end alike are read alike: what decides a request spread over blocks is the end of
    // what was read before, so two contexts with the same last RUN_KEY characters count once.
    const key = before.slice(-RUN_KEY);
    if (seen.has(key) || seen.size >= RUN_CONTEXTS) return;
    seen.add(key);
    work.push({ id, before });
  };
  for (const node of ctx.nodes) if (node.type === "start") reach(node.id, "");
  const reportedOn = new Set<string>();
  while (work.length > 0) {
    const { id, before } = work.pop()!;
    const node = ctx.nodeById.get(id)!;
    const own = runTextsOf(node);
    let after = before;
    if (own.length > 0) {
      const text = own.map((t) => t.text).join(" ");
      if (detectOnce(ctx, text).block) {
        // Reported on its own by the main check; what follows starts afresh.
        after = "";
      } else if (before === "") {
        after = text;
      } else {
        const joined = clipStart(`${before.slice(-RUN_CONTEXT_CHARS)} ${text}`);
        const finding = detectOnce(ctx, joined).findings[0];
        if (finding) {
          const offset = joined.length - text.length;
          if (!reportedOn.has(node.id)) {
            reportedOn.add(node.id);
            const field = fieldAt(own, finding.span.start - offset) ?? own[0]!;
            hits.push({
              blockId: node.id,
              field: field.field,
              message: `${field.label}: read after the texts the customer sees just before it with no chance to answer ("${clip(before.slice(-80))}"), this asks for a secret. ${finding.explanation}`,
            });
          }
          after = "";
        } else {
          after = joined;
        }
      }
    }
    // A block that waits for the customer's answer ends the run.
    if (node.definition?.waitsForCustomer) after = "";
    for (const edge of ctx.outgoing.get(id) ?? []) reach(edge.target, after);
  }
  return hits;
}

/** The texts of a block the customer reads before answering, in order (not re-prompts, not button titles). */
function runTextsOf(node: LintNode) {
  return customerTextsOf(node).filter(
    (t) =>
      t.text.trim() !== "" &&
      (t.field === "text" ||
        t.field === "prompt" ||
        t.field === "caption" ||
        t.field === "header" ||
        t.field === "body" ||
        t.field === "footer" ||
        t.field === "message"),
  );
}

/** Which of a block's texts (joined with spaces) holds a position in the joined text. */
function fieldAt(texts: CustomerText[], at: number): CustomerText | undefined {
  let pos = 0;
  for (const t of texts) {
    if (at < pos + t.text.length) return t;
    pos += t.text.length + 1;
  }
  return texts.at(-1);
}

/** A joined text cut to what the detector reads, keeping its end (where the newest block is). */
function clipStart(text: string): string {
  return text.length <= MAX_CHECKED_LENGTH ? text : text.slice(text.length - MAX_CHECKED_LENGTH);
}

const RUN_CONTEXTS = 4;
const RUN_KEY = 300;
/**
 * How much of what was read before a block is judged with it: a request split over blocks is joined
 * near the seam ("…reply in the next message with your" + "ATM PIN"), and a bounded context keeps
 * a flow of many branches cheap to lint (every block is judged with at most RUN_CONTEXTS of these).
 */
const RUN_CONTEXT_CHARS = 1_000;

/**
 * The last few hundred characters of a text, from a sentence start where there is one: the
 * detector lets "type it" point back at most 300 characters, so the rest cannot matter.
 */
function tailOf(text: string): string {
  if (text.length <= TAIL) return text;
  const cut = text.length - TAIL;
  const boundary = /[.!?\n]\s*/g;
  boundary.lastIndex = cut;
  const m = boundary.exec(text);
  return m && m.index + m[0].length < text.length ? text.slice(m.index + m[0].length) : text.slice(cut);
}

const TAIL = 400;

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > 80 ? `${oneLine.slice(0, 77)}…` : oneLine;
}
