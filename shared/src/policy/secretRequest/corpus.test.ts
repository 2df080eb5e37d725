import { describe, expect, it } from "vitest";
import { z } from "zod";
import { detectSecretRequest } from "./detectSecretRequest.ts";

// `shared` is type-checked without Node or DOM types because it also runs in browsers, so this
// Node-only test declares the little it uses instead of pulling Node's globals into the package.
declare const console: { table(rows: unknown): void; log(text: string): void };
const fsModule = "node:fs";
const { readFileSync } = (await import(fsModule)) as { readFileSync(path: string, encoding: "utf8"): string };
const here = (import.meta as unknown as { dirname: string }).dirname;

const corpusLineSchema = z.object({
  text: z.string(),
  lang: z.enum(["en", "id", "ms", "es", "pt"]),
  label: z.enum(["request", "safe"]),
});

// Labelled by hand, independently of the detector's word lists: half requests, half look-alikes.
const corpus = readFileSync(`${here}/../../../testdata/secret-requests.jsonl`, "utf8")
  .split("\n")
  .filter((line) => line.trim() !== "")
  .map((line) => corpusLineSchema.parse(JSON.parse(line)));

interface Score {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);

describe("secret-request corpus", () => {
  it("has at least 300 labelled sentences, about half of them requests, in all five languages", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(300);
    const requests = corpus.filter((c) => c.label === "request").length;
    expect(requests / corpus.length).toBeGreaterThan(0.4);
    expect(requests / corpus.length).toBeLessThan(0.6);
    expect(new Set(corpus.map((c) => c.lang)).size).toBe(5);
  });

  it("reaches 0.95 precision and recall overall (per-language numbers printed)", () => {
    const scores = new Map<string, Score>();
    const misses: string[] = [];
    for (const { text, lang, label } of corpus) {
      const blocked = detectSecretRequest(text).block;
      for (const key of [lang, "overall"]) {
        const s = scores.get(key) ?? { tp: 0, fp: 0, fn: 0, tn: 0 };
        if (blocked && label === "request") s.tp++;
        else if (blocked) s.fp++;
        else if (label === "request") s.fn++;
        else s.tn++;
        scores.set(key, s);
      }
      if (blocked !== (label === "request"))
        misses.push(`${label === "request" ? "missed" : "false alarm"} [${lang}] ${text}`);
    }
    const report = [...scores].map(([key, s]) => ({
      lang: key,
      precision: Number(ratio(s.tp, s.tp + s.fp).toFixed(3)),
      recall: Number(ratio(s.tp, s.tp + s.fn).toFixed(3)),
      ...s,
    }));
    console.table(report);
    if (misses.length) console.log(misses.join("\n"));
    const overall = scores.get("overall")!;
    expect(ratio(overall.tp, overall.tp + overall.fp)).toBeGreaterThanOrEqual(0.95);
    expect(ratio(overall.tp, overall.tp + overall.fn)).toBeGreaterThanOrEqual(0.95);
  });
});
