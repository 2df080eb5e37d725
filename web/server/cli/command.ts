import { readFile } from "node:fs/promises";
import { type ParseArgsConfig, parseArgs } from "node:util";
import { findUnsafeInput, unsafeTextReason } from "@benteng/shared";

// The CLI's one output convention:
// - results go to stdout: one JSON line per result for machine-readable commands, text otherwise;
// - notes for the person at the terminal (hints, script logs) go to stderr;
// - a failure is one `error: …` line on stderr and exit code 2 (bad arguments add the usage line);
// - exit 1 means the command ran and its answer is "no" (lint errors, a blocked text, a failed
//   script, a tampered audit log); exit 0 means yes, or done.

/** One top-level word of `npm run -s benteng -- <word> …`; subcommands are handled inside. */
export interface CliCommand {
  /** Printed with `error: …` when the arguments are wrong. */
  usage: string;
  /** Returns the exit code (0 or 1). Throw UsageError or CliError for exit 2. */
  run(args: string[]): Promise<number>;
}

/** Bad arguments: printed with the command's usage, exit code 2. */
export class UsageError extends Error {}

/** The command cannot do what was asked (an unreadable file, a refusal): `error: …`, exit code 2. */
export class CliError extends Error {}

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

/** The subcommand and its arguments; a missing or unknown one is reported the same way everywhere. */
export function subcommand<S extends string>(args: string[], known: readonly S[]): [S, string[]] {
  const [sub, ...rest] = args;
  const choices = known.join(", ");
  if (sub === undefined || sub.startsWith("-"))
    throw new UsageError(`missing subcommand (one of: ${choices})`);
  if (!(known as readonly string[]).includes(sub))
    throw new UsageError(`unknown subcommand "${sub}" (one of: ${choices})`);
  return [sub as S, rest];
}

/** Writes one JSON line to stdout (machine-readable output). */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/** Writes a line of text to stdout (a human-readable result). */
export function printText(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** Writes a note for the person at the terminal to stderr (never part of the result). */
export function printNote(line: string): void {
  process.stderr.write(`${line}\n`);
}

/**
 * Input that can never be used — bytes that are not UTF-8, a NUL, a lone surrogate, JSON nested too
 * deep: the CLI's 400. main prints the one line and exits 2; nothing was changed.
 */
export class InputError extends CliError {}

/** A file's text, decoded strictly (see decodeText). */
export async function readTextFile(path: string): Promise<string> {
  return decodeText(await readFile(path), path);
}

/** All of stdin's text, decoded strictly (see decodeText). */
export async function readStdinText(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return decodeText(Buffer.concat(chunks), "standard input");
}

/**
 * UTF-8 bytes to text, refusing (InputError) what Node would quietly turn into U+FFFD and any text
 * the bad bytes rule refuses (shared/src/text/safeText.ts).
 */
export function decodeText(bytes: Uint8Array, what: string): string {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`${what} is not valid UTF-8`);
  }
  const reason = unsafeTextReason(text);
  if (reason) throw new InputError(`${what} contains a ${reason}`);
  return text;
}

/** JSON.parse (its SyntaxError passes through), then the bad bytes rule over every string and key, and the depth cap. */
export function parseJsonInput(text: string, what: string): unknown {
  const value: unknown = JSON.parse(text);
  const problem = findUnsafeInput(value);
  if (problem) throw new InputError(`${what} refused at ${problem.path}: ${problem.reason}`);
  return value;
}

/**
 * The arguments as Node decoded them. Bytes that were not UTF-8 arrive as U+FFFD (the decoding
 * already happened), so that character is refused too: an argument cannot carry it on purpose.
 */
export function checkArguments(args: string[]): void {
  args.forEach((arg, i) => {
    if (arg.includes("\uFFFD") || unsafeTextReason(arg))
      throw new InputError(`argument ${i + 1} is not valid UTF-8 text`);
  });
}
