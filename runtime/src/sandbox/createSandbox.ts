import { fieldsToZod, SCRIPT_LIMITS, type ScriptField } from "@benteng/shared";
import { z } from "zod";
import { checkScriptSyntax } from "./checkScriptSyntax.ts";
import type { Executor, ExecutorOptions } from "./executor.ts";
import { createLocalExecutor } from "./localExecutor.ts";
import { createProcessExecutor } from "./processExecutor.ts";
import { type ScriptErrorKind, type ScriptResult, scriptError } from "./scriptResult.ts";

export interface SandboxOptions {
  /**
   * "process" (the default): isolates live in a supervised child process with a warm standby, so
   * even a V8 failure that cannot be recovered in-process only costs the run that caused it (see
   * processExecutor.ts). "in-process": isolates live in this process (for tools that accept that risk).
   */
  isolation?: "process" | "in-process";
  maxIsolatesPerWorkspace?: number;
  /** See ExecutorOptions.maxQueueWaitMs (30 s unless set). */
  maxQueueWaitMs?: number;
  maxIsolates?: number;
  maxRunsPerIsolate?: number;
  /**
   * Lets scripts fetch from loopback addresses (127.0.0.0/8, ::1), over plain http too. For tests
   * only: a production configuration must refuse to start with it.
   */
  allowLoopbackForTests?: boolean;
  fetch?: {
    maxResponseBytes?: number;
    timeoutMs?: number;
    maxRedirects?: number;
    maxRequestsPerRun?: number;
  };
  /** Test-only fixed DNS answers for fetch (name → addresses); other names use the system resolver. */
  dnsOverrides?: Record<string, string[]>;
  /**
   * Called when V8 loses control of an isolate (isolated-vm's onCatastrophicError). With "process"
   * isolation the sandbox process is replaced; the default just logs to stderr.
   */
  onCatastrophicError?: (message: string) => void;
}

/** A schema given as zod, or as the field list stored on a script block. */
export type SchemaLike = z.ZodType | readonly ScriptField[];

export const runLimitsSchema = z.object({
  timeoutMs: z.number().int().min(1).max(SCRIPT_LIMITS.timeoutMs.max),
  memoryMb: z.number().int().min(SCRIPT_LIMITS.memoryMb.min).max(SCRIPT_LIMITS.memoryMb.max),
  /** Defaults to timeoutMs. */
  cpuMs: z.number().int().min(1).optional(),
  maxOutputBytes: z
    .number()
    .int()
    .min(1)
    .max(16 * 1024 * 1024)
    .default(SCRIPT_LIMITS.maxOutputBytes),
  maxLogBytes: z
    .number()
    .int()
    .min(0)
    .max(1024 * 1024)
    .default(SCRIPT_LIMITS.maxLogBytes),
});
export type RunLimits = z.input<typeof runLimitsSchema>;

export interface ScriptRun {
  workspaceId: string;
  code: string;
  input: unknown;
  inputSchema?: SchemaLike;
  outputSchema?: SchemaLike;
  limits: RunLimits;
  allowedHosts: readonly string[];
  /** Only the secrets the block declares; the sandbox cannot tell which others exist. */
  secrets: Readonly<Record<string, string>>;
  /** Report the isolate's heap after the run (costs ~0.1 ms; the editor's test-run panel wants it). */
  measureMemory?: boolean;
}

export interface Sandbox {
  /** Runs one script. Never throws: every failure is a ScriptResult with ok: false. */
  run(request: ScriptRun): Promise<ScriptResult>;
  /** Exact syntax errors from V8, for saving a script block on the server. */
  checkSyntax: typeof checkScriptSyntax;
  close(): Promise<void>;
}

const MAX_INPUT_BYTES = 1024 * 1024;

/**
 * The production script sandbox: input validated here, the script run in a warm isolate of its
 * workspace (a locked-down realm with a fresh SES Compartment per run, see isolateRealm.js), and the
 * result size-checked and validated against the output schema.
 * @example const r = await createSandbox().run({ workspaceId, code: "return { n: input.n + 1 }", input: { n: 1 }, limits: { timeoutMs: 1000, memoryMb: 32 }, allowedHosts: [], secrets: {} });
 */
export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const executorOptions: ExecutorOptions = {
    maxIsolatesPerWorkspace: options.maxIsolatesPerWorkspace ?? 2,
    maxIsolates: options.maxIsolates ?? 32,
    maxRunsPerIsolate: options.maxRunsPerIsolate ?? 10_000,
    maxQueueWaitMs: options.maxQueueWaitMs ?? 30_000,
    allowLoopbackForTests: options.allowLoopbackForTests === true,
    fetch: {
      maxResponseBytes: options.fetch?.maxResponseBytes ?? 1024 * 1024,
      timeoutMs: options.fetch?.timeoutMs ?? 5_000,
      maxRedirects: options.fetch?.maxRedirects ?? 3,
      maxRequestsPerRun: options.fetch?.maxRequestsPerRun ?? 10,
    },
    ...(options.dnsOverrides ? { dnsOverrides: options.dnsOverrides } : {}),
  };
  const onCatastrophicError =
    options.onCatastrophicError ??
    ((message: string) => process.stderr.write(`[sandbox] isolated-vm catastrophic error: ${message}\n`));
  const executor: Executor =
    options.isolation === "in-process"
      ? createLocalExecutor(executorOptions, { onCatastrophicError })
      : createProcessExecutor(executorOptions, onCatastrophicError);
  let closed = false;

  async function run(request: ScriptRun): Promise<ScriptResult> {
    const started = performance.now();
    const fail = (
      kind: ScriptErrorKind,
      message: string,
      logs: string[] = [],
      ms = performance.now() - started,
      position: { line?: number | undefined; column?: number | undefined } = {},
    ): ScriptResult => ({
      ok: false,
      error: scriptError(kind, message, position),
      logs,
      ms,
    });
    try {
      if (closed) return fail("runtime", "the sandbox is closed");
      const limits = runLimitsSchema.safeParse(request.limits);
      if (!limits.success)
        return fail("runtime", `invalid limits: ${formatIssues(limits.error.issues, "limits")}`);
      const cpuMs = Math.min(limits.data.cpuMs ?? limits.data.timeoutMs, limits.data.timeoutMs);

      let input: unknown = request.input ?? {};
      if (request.inputSchema) {
        const parsed = toZod(request.inputSchema).safeParse(input);
        if (!parsed.success) return fail("input-schema", formatIssues(parsed.error.issues, "input"));
        input = parsed.data;
      }
      let inputJson: string | undefined;
      try {
        inputJson = JSON.stringify(input);
      } catch {
        inputJson = undefined;
      }
      if (inputJson === undefined) return fail("input-schema", "the input cannot be turned into JSON");
      if (inputJson.length > MAX_INPUT_BYTES)
        return fail("input-schema", `the input is larger than ${MAX_INPUT_BYTES} bytes`);

      const secrets: Record<string, string> = {};
      for (const [k, v] of Object.entries(request.secrets)) if (typeof v === "string") secrets[k] = v;

      const outcome = await executor.run({
        workspaceId: request.workspaceId,
        code: request.code,
        inputJson,
        secrets,
        limits: { ...limits.data, cpuMs },
        allowedHosts: [...request.allowedHosts],
        measureMemory: request.measureMemory === true,
      });

      if (!outcome.ok)
        return fail(outcome.kind, outcome.message, outcome.logs, outcome.ms, {
          line: outcome.line,
          column: outcome.column,
        });
      let result: unknown = JSON.parse(outcome.resultJson);
      if (request.outputSchema) {
        const parsed = toZod(request.outputSchema).safeParse(result);
        if (!parsed.success)
          return fail("output-schema", formatIssues(parsed.error.issues, "result"), outcome.logs, outcome.ms);
        result = parsed.data;
      }
      return {
        ok: true,
        result,
        logs: outcome.logs,
        ms: outcome.ms,
        ...(outcome.memoryBytes !== undefined ? { memoryBytes: outcome.memoryBytes } : {}),
      };
    } catch (e) {
      // Only the sandbox itself can get here (e.g. an isolate that failed to start); still an outcome.
      return fail("runtime", `the sandbox failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  return {
    run,
    checkSyntax: checkScriptSyntax,
    async close() {
      closed = true;
      await executor.close();
    },
  };
}

// Field lists are compiled once: by object identity, and by content for callers that parse the
// block's data afresh on every run (bounded, so distinct lists cannot grow it without limit).
const compiled = new WeakMap<readonly ScriptField[], z.ZodType>();
const compiledByContent = new Map<string, z.ZodType>();
const MAX_COMPILED_BY_CONTENT = 1000;
function toZod(schema: SchemaLike): z.ZodType {
  if (!Array.isArray(schema)) return schema as z.ZodType;
  const fields = schema as readonly ScriptField[];
  let zod = compiled.get(fields);
  if (zod) return zod;
  const key = JSON.stringify(fields.map((f) => [f.name, f.type, f.required]));
  zod = compiledByContent.get(key);
  if (!zod) {
    zod = fieldsToZod(fields);
    if (compiledByContent.size >= MAX_COMPILED_BY_CONTENT) compiledByContent.clear();
    compiledByContent.set(key, zod);
  }
  compiled.set(fields, zod);
  return zod;
}

function formatIssues(issues: readonly z.core.$ZodIssue[], root: string): string {
  const shown = issues.slice(0, 5).map((i) => `${[root, ...i.path.map(String)].join(".")}: ${i.message}`);
  return shown.join("; ") + (issues.length > 5 ? ` (and ${issues.length - 5} more)` : "");
}
