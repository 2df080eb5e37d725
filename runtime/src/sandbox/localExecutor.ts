import { checkScriptSyntax } from "./checkScriptSyntax.ts";
import type { Executor, ExecutorOptions, RawResult, RawRun } from "./executor.ts";
import { defaultResolveHost, hostFetch, type ResolveHost } from "./hostFetch.ts";
import { IsolatePool } from "./isolatePool.ts";
import type { RawOutcome, RunRequest } from "./warmIsolate.ts";

const MAX_LOG_LINES = 1000;
/**
 * The longest a script may hold the sandbox process's thread. Past it, V8 stops the script and it
 * runs again from the start on an isolate thread: up to then it cannot have done anything outside
 * its isolate (host calls only start once the thread is free), so running it again is safe. This
 * bound is what lets the supervisor treat a longer silence as a thread that will not stop.
 */
export const SYNC_BUDGET_MS = 50;

export interface LocalExecutorHooks {
  /** V8 lost control of an isolate; `tag` is the run it was serving (the one given to start()). */
  onCatastrophicError: (message: string, tag: unknown) => void;
  /** An isolate's thread kept running after its run was stopped (see RunRequest.onStuck). */
  onStuck?: () => void;
  /**
   * Called (synchronously, before the request leaves) when the run given `tag` makes its first
   * request: from then on it has done something outside its isolate, so it must not run again.
   */
  onEffects?: (tag: unknown) => void;
}

export interface LocalExecutor extends Executor {
  /**
   * Starts one run. With `sync`, and an idle isolate of the workspace's own, the script runs on this
   * thread first and a result that is complete there is returned directly; otherwise a promise is
   * returned, before anything the script does outside its isolate (fetch) has started.
   */
  start(request: RawRun, sync: boolean, tag?: unknown): RawResult | Promise<RawResult>;
  /** Isolates to keep booted ahead, per memory limit in MB (see IsolatePool). */
  setSpareTargets(targets: Record<number, number>): void;
  readonly isolates: number;
}

/**
 * Runs scripts in isolates of this process. Used inside the sandbox process (sandboxProcess.ts),
 * or directly when the caller accepts that a catastrophic V8 failure takes this process down.
 */
export function createLocalExecutor(options: ExecutorOptions, hooks: LocalExecutorHooks): LocalExecutor {
  const pool = new IsolatePool({
    maxIsolatesPerWorkspace: options.maxIsolatesPerWorkspace,
    maxIsolates: options.maxIsolates,
    maxRunsPerIsolate: options.maxRunsPerIsolate,
    onCatastrophicError: hooks.onCatastrophicError,
  });
  const resolveHost = withOverrides(options.dnsOverrides);

  /** The host side of one run: its logs, its fetches (capped per run, with the run's deadline). */
  function prepare(request: RawRun, deadline: number, tag: unknown) {
    const { limits } = request;
    const logs: string[] = [];
    let logBytes = 0;
    let fetches = 0;
    const req: RunRequest = {
      code: request.code,
      inputJson: request.inputJson,
      secretsJson: JSON.stringify(request.secrets),
      timeoutMs: limits.timeoutMs,
      cpuMs: limits.cpuMs,
      maxOutputBytes: limits.maxOutputBytes,
      maxLogBytes: limits.maxLogBytes,
      tag,
      ...(hooks.onStuck ? { onStuck: hooks.onStuck } : {}),
      // Capped here too: the realm's own cap is only as good as the realm.
      onLog: (line) => {
        if (logs.length >= MAX_LOG_LINES || logBytes > limits.maxLogBytes + 200) return;
        logBytes += line.length;
        logs.push(line.slice(0, limits.maxLogBytes + 200));
      },
      onFetch: (requestJson, signal) => {
        if (fetches === 0) hooks.onEffects?.(tag);
        if (++fetches > options.fetch.maxRequestsPerRun)
          return Promise.resolve(
            JSON.stringify({
              ok: false,
              message: `more than ${options.fetch.maxRequestsPerRun} requests in one run`,
            }),
          );
        return hostFetch(
          requestJson,
          {
            allowedHosts: request.allowedHosts,
            allowLoopback: options.allowLoopbackForTests,
            maxResponseBytes: options.fetch.maxResponseBytes,
            timeoutMs: options.fetch.timeoutMs,
            maxRedirects: options.fetch.maxRedirects,
            deadline,
            resolve: resolveHost,
          },
          signal,
        );
      },
    };
    return { req, logs };
  }

  /** A syntax error the realm could only name gets its line and column in the developer's code. */
  function toResult(outcome: RawOutcome, logs: string[], code: string): RawResult | Promise<RawResult> {
    if (outcome.ok || outcome.kind !== "syntax" || outcome.line !== undefined) {
      const { overBudget: _, ...rest } = outcome as RawOutcome & { overBudget?: true };
      return { ...rest, logs };
    }
    return checkScriptSyntax(code).then((check) =>
      check.ok
        ? { ...outcome, logs }
        : { ...outcome, message: check.message, line: check.line, column: check.column, logs },
    );
  }

  async function runAsync(request: RawRun, tag: unknown): Promise<RawResult> {
    const queued = performance.now();
    const wait = Math.max(request.limits.timeoutMs, options.maxQueueWaitMs);
    const isolate = await pool.acquire(request.workspaceId, request.limits.memoryMb, queued + wait);
    if (!isolate)
      return {
        ok: false,
        kind: "timeout",
        message: `the sandbox was busy with this workspace's other scripts for ${Math.round(wait / 1000)} s; the script did not run`,
        ms: performance.now() - queued,
        logs: [],
      };
    // The run's time starts once it has an isolate (booting one is the sandbox's time, not its).
    const { req, logs } = prepare(request, performance.now() + request.limits.timeoutMs, tag);
    try {
      return await toResult(await isolate.start(req, request.measureMemory, false), logs, request.code);
    } finally {
      pool.release(request.workspaceId, isolate);
    }
  }

  function start(request: RawRun, sync: boolean, tag?: unknown): RawResult | Promise<RawResult> {
    const isolate = sync ? pool.tryAcquire(request.workspaceId, request.limits.memoryMb, false) : null;
    if (!isolate) return runAsync(request, tag);
    const { req, logs } = prepare(request, performance.now() + request.limits.timeoutMs, tag);
    let outcome: RawOutcome | Promise<RawOutcome>;
    try {
      outcome = isolate.start(req, request.measureMemory, true, SYNC_BUDGET_MS);
    } catch (e) {
      pool.release(request.workspaceId, isolate);
      throw e;
    }
    if (outcome instanceof Promise)
      return outcome.then(
        (o) => {
          pool.release(request.workspaceId, isolate);
          return toResult(o, logs, request.code);
        },
        (e: unknown) => {
          pool.release(request.workspaceId, isolate);
          throw e;
        },
      );
    if (outcome.ok || !outcome.overBudget) {
      pool.release(request.workspaceId, isolate);
      // A script that spun into its own (short) time limit on this thread runs off it from now on.
      if (outcome.ok || outcome.kind !== "timeout") return toResult(outcome, logs, request.code);
      return { ...(toResult(outcome, logs, request.code) as RawResult), slow: true };
    }
    // Over the budget: nothing left the isolate, so it runs again from the start on an isolate
    // thread of the same isolate (no boot), with its full limits: the budget spent on this thread is
    // at most SYNC_BUDGET_MS on top. The isolate is retired after, as after any timeout.
    const retire = () => {
      isolate.dispose();
      pool.release(request.workspaceId, isolate);
    };
    const again = prepare(request, performance.now() + request.limits.timeoutMs, tag);
    return isolate.run(again.req, request.measureMemory, false).then(
      (o) => {
        retire();
        return Promise.resolve(toResult(o, again.logs, request.code)).then((r) => ({
          ...r,
          slow: true as const,
        }));
      },
      (e: unknown) => {
        retire();
        throw e;
      },
    );
  }

  return {
    start,
    run: async (request) => start(request, false),
    setSpareTargets: (targets) => pool.setSpareTargets(targets),
    get isolates() {
      return pool.size;
    },
    async close() {
      pool.close();
    },
  };
}

function withOverrides(overrides: Record<string, string[]> | undefined): ResolveHost {
  if (!overrides) return defaultResolveHost;
  return async (hostname) => {
    const fixed = overrides[hostname];
    if (!fixed) return defaultResolveHost(hostname);
    return fixed.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
}
