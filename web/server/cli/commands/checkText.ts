import { createInterface } from "node:readline";
import { detectSecretRequest, type SecretRequestResult } from "@benteng/shared";
import { z } from "zod";
import { type CliCommand, parseCliArgs, printJson } from "../command.ts";

const USAGE = "benteng check-text [--json | --jsonl] < text";

const jsonlInputSchema = z.object({ id: z.unknown(), text: z.string() });

/**
 * `benteng check-text`: asks the secret-request detector about one text from stdin (exit 1 when it
 * asks for a secret), or with --jsonl about one `{"id","text"}` per line, answering one line each,
 * in order. The language is detected from the text; it is never an argument.
 */
export const checkTextCommand: CliCommand = {
  summary: "check text from stdin for requests for a PIN, password, OTP, CVV or card number",
  usage: USAGE,
  async run(args) {
    const { values } = parseCliArgs(
      args,
      { json: { type: "boolean", default: false }, jsonl: { type: "boolean", default: false } },
      false,
    );
    if (values.jsonl) return checkLines();
    const text = await readAll();
    const result = detectSecretRequest(text);
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

async function checkLines(): Promise<number> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    if (line.trim() === "") continue;
    let parsed: z.infer<typeof jsonlInputSchema> | undefined;
    let id: unknown = null;
    try {
      const json: unknown = JSON.parse(line);
      if (typeof json === "object" && json !== null && "id" in json) id = json.id;
      const result = jsonlInputSchema.safeParse(json);
      if (result.success) parsed = result.data;
    } catch {
      // reported below, on this line's own output line, so the output stays aligned with the input
    }
    if (!parsed) {
      printJson({
        id,
        block: false,
        findings: [],
        error: 'expected a JSON object {"id", "text"} with a string text',
      });
      continue;
    }
    const result = detectSecretRequest(parsed.text);
    printJson({ id: parsed.id ?? null, block: result.block, findings: publicFindings(result) });
  }
  return 0;
}

async function readAll(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // A trailing newline from `echo` or a here-string is not part of the text.
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}
