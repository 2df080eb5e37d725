import { SCRIPT_LIMITS } from "@benteng/shared/blocks/script";
import { fieldsToZod, type ScriptField } from "@benteng/shared/blocks/scriptSchemaFields";
import { z } from "zod";
import { checkScriptSyntax } from "./checkScriptSyntax.ts";
import { defaultResolveHost, hostFetch, type ResolveHost } from "./hostFetch.ts";
import { IsolatePool } from "./isolatePool.ts";
import type { ScriptErrorKind, ScriptResult } from "./scriptResult.ts";
import type { RawOutcome } from "./warmIsolate.ts";

export interface SandboxOptions {
  maxIsolatesPerWorkspace?: number;
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
  /** DNS resolution for fetch; replaceable so tests can make a name resolve to a chosen address. */
  resolveHost?: ResolveHost;
  /**
   * Called when V8 loses control of an isolate (isolated-vm's onCatastrophicError). The process is in
   * an undefined state afterwards; the default logs to stderr so a supervisor can restart it.
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
  /** Isolates alive right now. */
  readonly isolates: number;
  close(): Promise<void>;
}

const MAX_INPUT_BYTES = 1024 * 1024;
const MAX_LOG_LINES = 1000;

/**
 * The production script sandbox: warm isolated-vm isolates pooled per workspace, each with a
 * locked-down realm, and a fresh SES Compartment per run (see isolateRealm.js for why that is enough).
 * @example const sandbox = createSandbox(); const r = await sandbox.run({ workspaceId, code: "return input.a + 1", input: { a: 1 }, limits: { timeoutMs: 1000, memoryMb: 32 }, allowedHosts: [], secrets: {} });
 */
export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const pool = new IsolatePool({
    maxIsolatesPerWorkspace: options.maxIsolatesPerWorkspace ?? 2,
    maxIsolates: options.maxIsolates ?? 32,
    maxRunsPerIsolate: options.maxRunsPerIsolate ?? 10_000,
    onCatastrophicError:
      options.onCatastrophicError ??
      ((message) => process.stderr.write(`[sandbox] isolated-vm catastrophic error: ${message}\n`)),
  });
  const fetchLimits = {
    maxResponseBytes: options.fetch?.maxResponseBytes ?? 1024 * 1024,
    timeoutMs: options.fetch?.timeoutMs ?? 5_000,
    maxRedirects: options.fetch?.maxRedirects ?? 3,
    maxRequestsPerRun: options.fetch?.maxRequestsPerRun ?? 10,
  };
  const resolveHost = options.resolveHost ?? defaultResolveHost;
  const allowLoopback = options.allowLoopbackForTests === true;
  let closed = false;

  async function run(request: ScriptRun): Promise<ScriptResult> {
    const started = performance.now();
    const logs: string[] = [];
    const fail = (
      kind: ScriptErrorKind,
      message: string,
      ms = performance.now() - started,
    ): ScriptResult => ({
      ok: false,
      error: { kind, message },
      logs,
      ms,
    });
    try {
      if (closed) return fail("runtime", "the sandbox is closed");
      const limits = runLimitsSchema.safeParse(request.limits);
      if (!limits.success)
        return fail("runtime", `invalid limits: ${formatIssues(limits.error.issues, "limits")}`);
      const { timeoutMs, memoryMb, maxOutputBytes, maxLogBytes } = limits.data;
      const cpuMs = Math.min(limits.data.cpuMs ?? timeoutMs, timeoutMs);

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
        return fail("input-schema", "the input cannot be turned into JSON");
      }
      if (inputJson === undefined) return fail("input-schema", "the input cannot be turned into JSON");
      if (inputJson.length > MAX_INPUT_BYTES)
        return fail("input-schema", `the input is larger than ${MAX_INPUT_BYTES} bytes`);

      const secrets: Record<string, string> = Object.create(null);
      for (const [k, v] of Object.entries(request.secrets)) if (typeof v === "string") secrets[k] = v;

      let logBytes = 0;
      let fetches = 0;
      const deadline = performance.now() + timeoutMs;
      const isolate = await pool.acquire(request.workspaceId, memoryMb);
      let outcome: RawOutcome;
      try {
        outcome = await isolate.run(
          {
            code: request.code,
            inputJson,
            secretsJson: JSON.stringify(secrets),
            timeoutMs,
            cpuMs,
            maxOutputBytes,
            maxLogBytes,
            // Capped here too: the realm's own cap is only as good as the realm.
            onLog: (line) => {
              if (logs.length >= MAX_LOG_LINES || logBytes > maxLogBytes + 200) return;
              logBytes += line.length;
              logs.push(line.slice(0, maxLogBytes + 200));
            },
            onFetch: (requestJson, signal) => {
              if (++fetches > fetchLimits.maxRequestsPerRun)
                return Promise.resolve(
                  JSON.stringify({
                    ok: false,
                    message: `more than ${fetchLimits.maxRequestsPerRun} requests in one run`,
                  }),
                );
              return hostFetch(
                requestJson,
                {
                  allowedHosts: request.allowedHosts,
                  allowLoopback,
                  maxResponseBytes: fetchLimits.maxResponseBytes,
                  timeoutMs: fetchLimits.timeoutMs,
                  maxRedirects: fetchLimits.maxRedirects,
                  deadline,
                  resolve: resolveHost,
                },
                signal,
              );
            },
          },
          request.measureMemory === true,
        );
      } finally {
        pool.release(request.workspaceId, isolate);
      }

      if (!outcome.ok) {
        if (outcome.kind === "syntax") {
          const check = await checkScriptSyntax(request.code);
          if (!check.ok)
            return fail(
              "syntax",
              `${check.message} (line ${check.line}, column ${check.column})`,
              outcome.ms,
            );
        }
        return fail(outcome.kind, outcome.message, outcome.ms);
      }
      let result: unknown = JSON.parse(outcome.resultJson);
      if (request.outputSchema) {
        const parsed = toZod(request.outputSchema).safeParse(result);
        if (!parsed.success)
          return fail("output-schema", formatIssues(parsed.error.issues, "result"), outcome.ms);
        result = parsed.data;
      }
      return {
        ok: true,
        result,
        logs,
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
    get isolates() {
      return pool.size;
    },
    async close() {
      closed = true;
      pool.close();
    },
  };
}

// Field lists stored on a block are compiled once per list object (the engine passes the same one).
const compiled = new WeakMap<readonly ScriptField[], z.ZodType>();
function toZod(schema: SchemaLike): z.ZodType {
  if (!Array.isArray(schema)) return schema as z.ZodType;
  const fields = schema as readonly ScriptField[];
  let zod = compiled.get(fields);
  if (!zod) {
    zod = fieldsToZod(fields);
    compiled.set(fields, zod);
  }
  return zod;
}

function formatIssues(issues: readonly z.core.$ZodIssue[], root: string): string {
  const shown = issues.slice(0, 5).map((i) => `${[root, ...i.path.map(String)].join(".")}: ${i.message}`);
  return shown.join("; ") + (issues.length > 5 ? ` (and ${issues.length - 5} more)` : "");
}
