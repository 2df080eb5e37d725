import { type Finding, lintFlow, migrateFlow } from "@benteng/shared";
import {
  type CliCommand,
  CliError,
  InputError,
  parseCliArgs,
  parseJsonInput,
  printJson,
  readTextFile,
  UsageError,
} from "../command.ts";

const USAGE = "benteng lint <flow.json> [--json] [--allow-host <host>]…";

/**
 * `benteng lint`: the same policy linter the editor and the publish step run, for pipelines.
 * Exit 0 when clean (warnings allowed), 1 when there are errors, 2 when the file can't be read or
 * isn't a valid flow document.
 */
export const lintCommand: CliCommand = {
  usage: USAGE,
  async run(args) {
    const { values, positionals } = parseCliArgs(args, {
      json: { type: "boolean", default: false },
      "allow-host": { type: "string", multiple: true },
    });
    if (positionals.length !== 1) throw new UsageError("give exactly one flow file");
    const path = positionals[0]!;
    let raw: string;
    try {
      raw = await readTextFile(path);
    } catch (e) {
      if (e instanceof InputError) throw e;
      throw new CliError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    let document: unknown;
    try {
      document = parseJsonInput(raw, path);
    } catch (e) {
      if (e instanceof InputError) throw e;
      throw new CliError(`${path} is not JSON: ${(e as Error).message}`);
    }
    const migrated = migrateFlow(document);
    if (!migrated.ok) {
      throw new CliError(`${path}: ${[migrated.error, ...migrated.issues].join("\n  ")}`);
    }
    const findings = lintFlow(migrated.flow, { linkAllowlist: values["allow-host"] ?? [] });
    if (values.json) printJson(findings.map(publicFinding));
    else process.stdout.write(humanReport(findings));
    return findings.some((f) => f.severity === "error") ? 1 : 0;
  },
};

/** The documented JSON shape: `{ruleId, severity, blockId?, edgeId?, field?, message, span?}`. */
function publicFinding(f: Finding) {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    ...(f.blockId !== undefined ? { blockId: f.blockId } : {}),
    ...(f.edgeId !== undefined ? { edgeId: f.edgeId } : {}),
    ...(f.field !== undefined ? { field: f.field } : {}),
    message: f.message,
    ...(f.span ? { span: f.span } : {}),
  };
}

function humanReport(findings: Finding[]): string {
  if (findings.length === 0) return "No problems found.\n";
  const lines = findings.map((f) => {
    const where = f.blockId
      ? `block ${f.blockId}${f.field ? ` (${f.field})` : ""}${f.edgeId ? ` connection ${f.edgeId}` : ""}`
      : "flow";
    return `${f.severity.padEnd(7)} ${where} [${f.ruleId}]\n        ${f.message}`;
  });
  const errors = findings.filter((f) => f.severity === "error").length;
  const warnings = findings.length - errors;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return `${lines.join("\n")}\n\n${plural(errors, "error")}, ${plural(warnings, "warning")}.${errors ? " Errors must be fixed before this flow can be submitted or published." : ""}\n`;
}
