import { createSandbox, runLimitsSchema } from "@benteng/runtime";
import { SCRIPT_LIMITS } from "@benteng/shared";
import {
  type CliCommand,
  CliError,
  InputError,
  parseCliArgs,
  parseJsonInput,
  printJson,
  printNote,
  readTextFile,
  subcommand,
  UsageError,
} from "../command.ts";

const USAGE =
  "benteng script run <file.js> [--input <json>] [--timeout-ms N] [--memory-mb N] [--allow-host <host>]… [--secret NAME=VALUE]…";

/**
 * `benteng script run`: runs one script file (the body of an async function receiving `input`) in
 * the production sandbox, with no database, and prints one JSON line. Logs go to stderr so stdout
 * stays machine-readable. Exit 0 when the script succeeded, 1 when it failed, 2 on bad arguments.
 */
export const scriptCommand: CliCommand = {
  usage: USAGE,
  async run(args) {
    const [, rest] = subcommand(args, ["run"]);
    const { values, positionals } = parseCliArgs(rest, {
      input: { type: "string" },
      "timeout-ms": { type: "string" },
      "memory-mb": { type: "string" },
      "allow-host": { type: "string", multiple: true, default: [] },
      secret: { type: "string", multiple: true, default: [] },
    });
    if (positionals.length !== 1) throw new UsageError("give exactly one script file");
    const file = positionals[0]!;

    let code: string;
    try {
      code = await readTextFile(file);
    } catch (e) {
      if (e instanceof InputError) throw e;
      throw new CliError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    let input: unknown = {};
    if (values.input === undefined) {
      printNote("note: no --input given, so the script's input is {}");
    } else {
      try {
        input = parseJsonInput(values.input, "--input");
      } catch (e) {
        if (e instanceof InputError) throw e;
        throw new UsageError('--input must be JSON, e.g. --input \'{"orderId":"A1"}\'');
      }
    }
    const limits = runLimitsSchema.safeParse({
      timeoutMs: integer(values["timeout-ms"], "--timeout-ms", SCRIPT_LIMITS.timeoutMs.default),
      memoryMb: integer(values["memory-mb"], "--memory-mb", SCRIPT_LIMITS.memoryMb.default),
    });
    if (!limits.success)
      throw new UsageError(
        `limits out of range: --timeout-ms 1…${SCRIPT_LIMITS.timeoutMs.max}, --memory-mb ${SCRIPT_LIMITS.memoryMb.min}…${SCRIPT_LIMITS.memoryMb.max}`,
      );
    const secrets: Record<string, string> = {};
    for (const pair of values.secret) {
      const eq = pair.indexOf("=");
      if (eq <= 0) throw new UsageError(`--secret expects NAME=VALUE, got "${pair}"`);
      secrets[pair.slice(0, eq)] = pair.slice(eq + 1);
    }

    const sandbox = createSandbox();
    try {
      const result = await sandbox.run({
        workspaceId: "cli",
        code,
        input,
        limits: limits.data,
        allowedHosts: values["allow-host"],
        secrets,
      });
      for (const line of result.logs) printNote(`log: ${line}`);
      const ms = Math.round(result.ms * 1000) / 1000;
      if (result.ok) printJson({ ok: true, result: result.result, ms });
      else printJson({ ok: false, error: result.error, ms });
      return result.ok ? 0 : 1;
    } finally {
      await sandbox.close();
    }
  },
};

function integer(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} must be a whole number, got "${value}"`);
  return Number(value);
}
