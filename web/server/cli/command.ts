import { type ParseArgsConfig, parseArgs } from "node:util";

/** One top-level word of `npm run -s benteng -- <word> …`; subcommands are handled inside. */
export interface CliCommand {
  summary: string;
  usage: string;
  /** Returns the process exit code. Throw UsageError for bad arguments (exit 2). */
  run(args: string[]): Promise<number>;
}

/** Bad arguments: printed with the command's usage, exit code 2. */
export class UsageError extends Error {}

/** node:util parseArgs that turns its errors into UsageError. */
export function parseCliArgs<T extends ParseArgsConfig["options"]>(
  args: string[],
  options: T,
  allowPositionals = true,
) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** Writes one JSON line to stdout (machine-readable output). */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}
