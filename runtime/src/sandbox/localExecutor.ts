import type { Executor, ExecutorOptions, RawResult, RawRun } from "./executor.ts";
import { defaultResolveHost, hostFetch, type ResolveHost } from "./hostFetch.ts";
import { IsolatePool } from "./isolatePool.ts";

const MAX_LOG_LINES = 1000;
/** A workspace whose script held the thread longer than this runs asynchronously for a while. */
const SYNC_BUDGET_MS = 20;
const ASYNC_PENALTY_MS = 60_000;

/**
 * Runs scripts in isolates of this process. Used inside the sandbox process (sandboxProcess.ts),
 * or directly when the caller accepts that a catastrophic V8 failure takes this process down.
 */
export function createLocalExecutor(
  options: ExecutorOptions,
  onCatastrophicError: (message: string) => void,
  /**
   * Run scripts on this thread first (see WarmIsolate.run). Only for the sandbox process, whose
   * event loop serves nothing else; a workspace whose script took longer than SYNC_BUDGET_MS on the
   * thread is moved to isolate threads for ASYNC_PENALTY_MS, so it cannot hold up others again.
   */
  syncFastPath = false,
): Executor & { readonly isolates: number } {
  const asyncUntil = new Map<string, number>();
  const slowRuns = new Map<string, number>();
  const pool = new IsolatePool({
    maxIsolatesPerWorkspace: options.maxIsolatesPerWorkspace,
    maxIsolates: options.maxIsolates,
    maxRunsPerIsolate: options.maxRunsPerIsolate,
    onCatastrophicError,
  });
  const resolveHost = withOverrides(options.dnsOverrides);

  async function run(request: RawRun): Promise<RawResult> {
    const logs: string[] = [];
    const { timeoutMs, memoryMb, cpuMs, maxOutputBytes, maxLogBytes } = request.limits;
    let logBytes = 0;
    let fetches = 0;
    const deadline = performance.now() + timeoutMs;
    const isolate = await pool.acquire(request.workspaceId, memoryMb);
    const penalty = asyncUntil.get(request.workspaceId);
    if (penalty !== undefined && penalty < Date.now()) asyncUntil.delete(request.workspaceId);
    const sync = syncFastPath && !asyncUntil.has(request.workspaceId);
    try {
      const outcome = await isolate.run(
        {
          code: request.code,
          inputJson: request.inputJson,
          secretsJson: JSON.stringify(request.secrets),
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
        },
        request.measureMemory,
        sync,
      );
      const { syncMs, ...rest } = outcome;
      if (syncMs !== undefined && syncMs > SYNC_BUDGET_MS) {
        // A script that spun into its time limit is moved at once; a merely slow one (or a cold
        // first run) gets a second chance.
        const strikes = (slowRuns.get(request.workspaceId) ?? 0) + 1;
        if ((!rest.ok && rest.kind === "timeout") || strikes >= 2) {
          asyncUntil.set(request.workspaceId, Date.now() + ASYNC_PENALTY_MS);
          slowRuns.delete(request.workspaceId);
        } else slowRuns.set(request.workspaceId, strikes);
      } else if (syncMs !== undefined) slowRuns.delete(request.workspaceId);
      return { ...rest, logs };
    } finally {
      pool.release(request.workspaceId, isolate);
    }
  }

  return {
    run,
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
