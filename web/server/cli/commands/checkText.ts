import { createInterface } from "node:readline";
import { detectSecretRequest, findUnsafeInput, type SecretRequestResult } from "@benteng/shared";
import { z } from "zod";
import { type CliCommand, parseCliArgs, printJson, readStdinText } from "../command.ts";

const USAGE = "benteng check-text [--json | --jsonl] < text";

const jsonlInputSchema = z.object({ id: z.unknown(), text: z.string() });

/**
 * `benteng check-text`: asks the secret-request detector about one text from stdin (exit 1 when it
 * asks for a secret), or with --jsonl about one `{"id","text"}` per line, answering one line each,
 * in order (exit 1 when any line asks for one). The language is detected from the text; it is never an argument.
 */
export const checkTextCommand: CliCommand = {
  usage: USAGE,
  async run(args) {
    const { values } = parseCliArgs(
      args,
      { json: { type: "boolean", default: false }, jsonl: { type: "boolean", default: false } },
      false,
    );
    if (values.jsonl) return checkLines();
    const text = await readAll();
    const result = detectSecretRequest(text, NO_WORKSPACE);
    if (values.json) printJson({ block: result.block, findings: publicFindings(result) });
    else if (!result.block) process.stdout.write("ok: this text does not ask for a secret\n");
    else {
      process.stdout.write("blocked: this text asks the customer for a secret\n");
      for (const f of result.findings)
        process.stdout.write(`  "${f.matched}" (${f.kind}): ${f.explanation}\n`);
    }
    return result.block ? 1 : 0;
  },
};

/** Detector findings in the CLI's JSON finding shape, keeping what the detector adds. */
function publicFindings(result: SecretRequestResult) {
  return result.findings.map((f) => ({
    ruleId: "secretRequestInText",
    severity: "error" as const,
    message: f.explanation,
    span: f.span,
    kind: f.kind,
    matched: f.matched,
  }));
}

// Outside a workspace no website is vouched for: a text sending customers to log in on any link asks.
const NO_WORKSPACE = { linkAllowlist: [] };

/** One answer line per input line; exit 1 when any line asks for a secret, as for a single text. */
async function checkLines(): Promise<number> {
  let blocked = false;
  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    if (line.trim() === "") continue;
    let parsed: z.infer<typeof jsonlInputSchema> | undefined;
    let id: unknown = null;
    try {
      const json: unknown = JSON.parse(line);
      if (typeof json === "object" && json !== null && "id" in json) id = json.id;
      const result = jsonlInputSchema.safeParse(json);
      if (result.success && !findUnsafeInput(json)) parsed = result.data;
    } catch {
      // reported below, on this line's own output line, so the output stays aligned with the input
    }
    if (!parsed) {
      printJson({
        id,
        block: false,
        findings: [],
        error: 'expected a JSON object {"id", "text"} with a string text (no NUL or lone surrogate)',
      });
      continue;
    }
    const result = detectSecretRequest(parsed.text, NO_WORKSPACE);
    if (result.block) blocked = true;
    printJson({ id: parsed.id ?? null, block: result.block, findings: publicFindings(result) });
  }
  return blocked ? 1 : 0;
}

async function readAll(): Promise<string> {
  // A trailing newline from `echo` or a here-string is not part of the text.
  return (await readStdinText()).replace(/\r?\n$/, "");
}
