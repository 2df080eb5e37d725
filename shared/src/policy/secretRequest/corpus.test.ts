import { describe, expect, it } from "vitest";
import { z } from "zod";
import { lintFlow } from "../lintFlow.ts";
import { testFlow } from "../testFlow.ts";
import { detectSecretRequest } from "./detectSecretRequest.ts";
import { LANGUAGE_CODES } from "./languages/index.ts";

// `shared` is type-checked without Node or DOM types because it also runs in browsers, so this
// Node-only test declares the little it uses instead of pulling Node's globals into the package.
declare const console: { table(rows: unknown): void; log(text: string): void };
const fsModule = "node:fs";
const { readFileSync, readdirSync } = (await import(fsModule)) as {
  readFileSync(path: string, encoding: "utf8"): string;
  readdirSync(path: string): string[];
};
const here = (import.meta as unknown as { dirname: string }).dirname;
const testdata = `${here}/../../../testdata`;

/**
 * One labelled text. `lang` is kept open (a split written elsewhere may add a language before the
 * detector knows it: it is then measured and printed, not refused); `class` names what the item
 * exercises (see testdata/README.md).
 */
const sentenceSchema = z.object({
  text: z.string(),
  lang: z.string(),
  label: z.enum(["request", "safe"]),
  class: z.string().optional(),
});

/** A flow in the simplified shape of testdata/README.md: blocks in the order the customer meets them. */
const flowBlockSchema = z.looseObject({ type: z.string() });
const flowItemSchema = z.object({
  id: z.string().optional(),
  lang: z.string(),
  label: z.enum(["request", "safe"]),
  class: z.string().optional(),
  blocks: z.array(flowBlockSchema).min(1),
});

// A split is every file named secret-requests[.<split>].jsonl: the plain file is the development
// split the detector is tuned on; any other (a test split written without seeing the detector)
// is measured and printed the same way.
const splits = readdirSync(testdata)
  .filter((f) => /^secret-requests(?:\.[a-z0-9-]+)?\.jsonl$/.test(f))
  .sort()
  .map((file) => {
    const name =
      file === "secret-requests.jsonl" ? "dev" : file.slice("secret-requests.".length, -".jsonl".length);
    const lines = readFileSync(`${testdata}/${file}`, "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => JSON.parse(line) as unknown);
    const sentences = lines
      .filter((l) => typeof l === "object" && l !== null && "text" in l)
      .map((l) => sentenceSchema.parse(l));
    const flows = lines
      .filter((l) => typeof l === "object" && l !== null && "blocks" in l)
      .map((l) => flowItemSchema.parse(l));
    return { name, file, sentences, flows };
  });

interface Score {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);

function tally(scores: Map<string, Score>, key: string, blocked: boolean, request: boolean) {
  const s = scores.get(key) ?? { tp: 0, fp: 0, fn: 0, tn: 0 };
  if (blocked && request) s.tp++;
  else if (blocked) s.fp++;
  else if (request) s.fn++;
  else s.tn++;
  scores.set(key, s);
}

function table(scores: Map<string, Score>) {
  return [...scores]
    .sort(([a], [b]) => (a === "overall" ? -1 : b === "overall" ? 1 : a.localeCompare(b)))
    .map(([key, s]) => ({
      key,
      precision: Number(ratio(s.tp, s.tp + s.fp).toFixed(3)),
      recall: Number(ratio(s.tp, s.tp + s.fn).toFixed(3)),
      ...s,
    }));
}

/** Builds a straight-line flow (start → blocks… → end) from the simplified blocks. */
function flowOf(blocks: Array<z.infer<typeof flowBlockSchema>>) {
  const nodes = [
    { id: "start", type: "start" },
    ...blocks.map(({ type, ...data }, i) => ({ id: `b${i}`, type, data: asBlockData(type, data) })),
    { id: "end", type: "end" },
  ];
  const edges = nodes.slice(0, -1).map((n, i) => `${n.id}:${handleOf(n.type)}>${nodes[i + 1]!.id}`);
  return testFlow(nodes, edges);
}

/** A blind writer's script block names its outputs (`outputs: { k: "string" }`); ours maps each to a variable. */
function asBlockData(type: string, data: Record<string, unknown>): Record<string, unknown> {
  if (type !== "script" || typeof data.outputs !== "object" || data.outputs === null) return data;
  const names = Object.keys(data.outputs);
  return { ...data, outputMapping: names.map((name) => ({ field: name, variable: name })) };
}

function handleOf(type: string): string {
  return type === "script" ? "success" : "next";
}

const SECRET_RULES = new Set(["secretRequestInText", "questionCollectsSecret", "scriptSecretRequest"]);

function measure(split: (typeof splits)[number]) {
  const byLang = new Map<string, Score>();
  const byClass = new Map<string, Score>();
  const misses: string[] = [];
  for (const { text, lang, label, class: cls } of split.sentences) {
    const blocked = detectSecretRequest(text, { linkAllowlist: [] }).block;
    for (const key of [lang, "overall"]) tally(byLang, key, blocked, label === "request");
    tally(byClass, `${label}:${cls ?? "unclassified"}`, blocked, label === "request");
    if (blocked !== (label === "request"))
      misses.push(
        `${label === "request" ? "missed" : "false alarm"} [${lang}${cls ? ` ${cls}` : ""}] ${text}`,
      );
  }
  const flows = new Map<string, Score>();
  for (const item of split.flows) {
    const findings = lintFlow(flowOf(item.blocks));
    const blocked = findings.some((f) => SECRET_RULES.has(f.ruleId) && f.severity === "error");
    tally(flows, "overall", blocked, item.label === "request");
    tally(flows, item.lang, blocked, item.label === "request");
    if (blocked !== (item.label === "request"))
      misses.push(
        `${item.label === "request" ? "missed flow" : "false alarm flow"} [${item.lang}] ${item.id ?? JSON.stringify(item.blocks).slice(0, 160)}`,
      );
  }
  return { byLang, byClass, flows, misses };
}

describe("secret-request corpus", () => {
  const dev = splits.find((s) => s.name === "dev")!;

  it("has a development split of at least 1,500 sentences in all nine languages, about half requests", () => {
    expect(dev.sentences.length).toBeGreaterThanOrEqual(1500);
    const requests = dev.sentences.filter((c) => c.label === "request").length;
    expect(requests / dev.sentences.length).toBeGreaterThan(0.4);
    expect(requests / dev.sentences.length).toBeLessThan(0.6);
    expect(new Set(dev.sentences.map((c) => c.lang))).toEqual(new Set(LANGUAGE_CODES));
  });

  for (const split of splits) {
    it(`split "${split.name}" (${split.file}): precision and recall per language, class and flow (printed)`, () => {
      const { byLang, byClass, flows, misses } = measure(split);
      console.log(`\n== ${split.name}: ${split.sentences.length} sentences, ${split.flows.length} flows ==`);
      console.table(table(byLang));
      console.table(table(byClass));
      if (flows.size) console.table(table(flows));
      if (misses.length) console.log(misses.join("\n"));
      // Only the development split is held to a bar here: a held-out split is measured, and judged
      // by whoever wrote it, so that nobody tunes the detector to pass it.
      if (split.name !== "dev") return;
      const overall = byLang.get("overall")!;
      expect(ratio(overall.tp, overall.tp + overall.fp)).toBeGreaterThanOrEqual(0.95);
      expect(ratio(overall.tp, overall.tp + overall.fn)).toBeGreaterThanOrEqual(0.95);
      for (const [lang, s] of byLang) {
        expect.soft(ratio(s.tp, s.tp + s.fp), `precision ${lang}`).toBeGreaterThanOrEqual(0.9);
        expect.soft(ratio(s.tp, s.tp + s.fn), `recall ${lang}`).toBeGreaterThanOrEqual(0.9);
      }
      const f = flows.get("overall");
      if (f) expect(f.fn + f.fp, "flows judged wrongly").toBe(0);
    });
  }
});
