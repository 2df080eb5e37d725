// Measures the secret-request detector on labelled JSONL files, exactly as `benteng check-text
// --jsonl` judges each line (detectSecretRequest with no workspace: no website is allow-listed), and
// prints precision and recall of "block" per language, per class and overall, then every miss.
//
// Run: node shared/bench/measureSecretRequests.ts FILE.jsonl… [--misses] [--by-class]
//
// A line is {"text", "lang", "expect": "block" | "allow", "class"?, "id"?} (the blind writer's
// format) or {"text", "lang", "label": "request" | "safe", "class"?} (shared/testdata's format);
// flow items (with "blocks") are skipped: corpus.test.ts lints them.
import { detectSecretRequest } from "../src/policy/secretRequest/detectSecretRequest.ts";

// `shared` is type-checked without Node or DOM types (it also runs in browsers); the few Node
// facilities a command-line script needs are declared here and loaded by name.
declare const console: { log(text: string): void };
declare const process: { argv: string[]; exitCode?: number };
declare const performance: { now(): number };
const fsModule = "node:fs";
const { readFileSync } = (await import(fsModule)) as { readFileSync(path: string, enc: "utf8"): string };

interface Item {
  id: string;
  text: string;
  lang: string;
  cls: string;
  shouldBlock: boolean;
}

interface Score {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

function readItems(path: string): Item[] {
  const items: Item[] = [];
  readFileSync(path, "utf8")
    .split("\n")
    .forEach((line, n) => {
      if (line.trim() === "") return;
      const o = JSON.parse(line) as Record<string, unknown>;
      if (typeof o.text !== "string") return;
      const expect = o.expect ?? (o.label === "request" ? "block" : o.label === "safe" ? "allow" : undefined);
      if (expect !== "block" && expect !== "allow") throw new Error(`${path}:${n + 1}: no expect/label`);
      items.push({
        id: typeof o.id === "string" ? o.id : `${path.split("/").pop()}:${n + 1}`,
        text: o.text,
        lang: typeof o.lang === "string" ? o.lang : "?",
        cls: typeof o.class === "string" ? o.class : "-",
        shouldBlock: expect === "block",
      });
    });
  return items;
}

function tally(scores: Map<string, Score>, key: string, blocked: boolean, shouldBlock: boolean): void {
  const s = scores.get(key) ?? { tp: 0, fp: 0, fn: 0, tn: 0 };
  if (blocked && shouldBlock) s.tp++;
  else if (blocked) s.fp++;
  else if (shouldBlock) s.fn++;
  else s.tn++;
  scores.set(key, s);
}

const ratio = (a: number, b: number) => (b === 0 ? "  -  " : (a / b).toFixed(3));

function print(title: string, scores: Map<string, Score>): void {
  console.log(`\n${title.padEnd(28)}   P      R      tp   fp   fn   tn`);
  const keys = [...scores.keys()].sort((a, b) =>
    a === "overall" ? -1 : b === "overall" ? 1 : a.localeCompare(b),
  );
  for (const key of keys) {
    const s = scores.get(key) as Score;
    console.log(
      `${key.padEnd(28)} ${ratio(s.tp, s.tp + s.fp)}  ${ratio(s.tp, s.tp + s.fn)}  ${[s.tp, s.fp, s.fn, s.tn]
        .map((n) => String(n).padStart(4))
        .join(" ")}`,
    );
  }
}

const args = process.argv.slice(2);
const files = args.filter((a) => !a.startsWith("--"));
const showMisses = args.includes("--misses");
const byClassWanted = args.includes("--by-class");
if (files.length === 0) {
  console.log("usage: node shared/bench/measureSecretRequests.ts FILE.jsonl… [--misses] [--by-class]");
  process.exitCode = 2;
} else {
  for (const file of files) {
    const items = readItems(file);
    const byLang = new Map<string, Score>();
    const byClass = new Map<string, Score>();
    const misses: string[] = [];
    let slowest = 0;
    for (const item of items) {
      const started = performance.now();
      const blocked = detectSecretRequest(item.text, { linkAllowlist: [] }).block;
      slowest = Math.max(slowest, performance.now() - started);
      tally(byLang, "overall", blocked, item.shouldBlock);
      tally(byLang, item.lang, blocked, item.shouldBlock);
      tally(byClass, `${item.shouldBlock ? "block" : "allow"}:${item.cls}`, blocked, item.shouldBlock);
      if (blocked !== item.shouldBlock)
        misses.push(
          `${item.shouldBlock ? "MISSED     " : "FALSE ALARM"} ${item.id} [${item.lang} ${item.cls}] ${item.text}`,
        );
    }
    console.log(`\n== ${file}: ${items.length} texts, slowest ${slowest.toFixed(1)} ms ==`);
    print("language", byLang);
    if (byClassWanted) print("class", byClass);
    if (showMisses && misses.length > 0) console.log(`\n${misses.join("\n")}`);
  }
}
