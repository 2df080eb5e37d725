// `npm run -s bench:sandbox`: per-run overhead of a trivial script through the production sandbox
// path (input validation, run in a warm isolate, output validation), then what a script V8 cannot
// stop costs: its own run, and another workspace running trivial scripts meanwhile and after.
// Prints one JSON line.
import type { ScriptField } from "@benteng/shared";
import { createSandbox, type Sandbox, type ScriptRun } from "../src/sandbox/index.ts";

const WARMUP = 500;
const RUNS = Number(process.env.BENCH_RUNS ?? 5000);
/** Waited before a wedge, so the warm standby has started (its spawn is slow on a busy machine). */
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 8000);
const AFTER_MS = 2000;

const inputSchema: ScriptField[] = [{ name: "n", type: "number", required: true }];
const outputSchema: ScriptField[] = [{ name: "doubled", type: "number", required: true }];

async function measure(sandbox: Sandbox): Promise<{ p50: number; p99: number; perSecond: number }> {
  const request = {
    workspaceId: "bench",
    code: "return { doubled: input.n * 2 };",
    input: { n: 21 },
    inputSchema,
    outputSchema,
    limits: { timeoutMs: 1000, memoryMb: 32 },
    allowedHosts: [],
    secrets: {},
  };
  for (let i = 0; i < WARMUP; i++) await sandbox.run(request);
  const times: number[] = [];
  const started = performance.now();
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const r = await sandbox.run(request);
    times.push(performance.now() - t);
    if (!r.ok || (r.result as { doubled: number }).doubled !== 42)
      throw new Error(`bad run: ${JSON.stringify(r)}`);
  }
  const elapsed = performance.now() - started;
  times.sort((a, b) => a - b);
  return {
    p50: times[Math.floor(RUNS * 0.5)]!,
    p99: times[Math.floor(RUNS * 0.99)]!,
    perSecond: RUNS / (elapsed / 1000),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? null : round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!, 2);

/**
 * Workspace A runs `code` (1 s, 32 MB) while workspace B runs a trivial script in a loop; B's
 * latency while A runs and in the 2 s after, A's duration and outcome. `warm`: A ran a script
 * before, so its next one starts on the sandbox process's own thread.
 */
async function wedge(code: string, warm: boolean) {
  const sandbox = createSandbox();
  const base = { input: {}, allowedHosts: [], secrets: {}, limits: { timeoutMs: 1000, memoryMb: 32 } };
  const b: Omit<ScriptRun, "code"> & { code: string } = { ...base, workspaceId: "b", code: "return 1" };
  try {
    await sandbox.run(b);
    if (warm) await sandbox.run({ ...base, workspaceId: "a", code: "return 1" });
    await sleep(SETTLE_MS);
    const samples: Array<{ at: number; ms: number }> = [];
    let failedB = 0;
    let stop = false;
    const loop = (async () => {
      while (!stop) {
        const at = performance.now();
        const r = await sandbox.run(b);
        samples.push({ at, ms: performance.now() - at });
        if (!r.ok) failedB++;
        await sleep(2);
      }
    })();
    await sleep(200);
    const aStarted = performance.now();
    const a = await sandbox.run({ ...base, workspaceId: "a", code });
    const aEnded = performance.now();
    await sleep(AFTER_MS);
    stop = true;
    await loop;
    const during = samples
      .filter((s) => s.at + s.ms >= aStarted && s.at <= aEnded)
      .map((s) => s.ms)
      .sort((x, y) => x - y);
    const after = samples
      .filter((s) => s.at > aEnded)
      .map((s) => s.ms)
      .sort((x, y) => x - y);
    return {
      a_ms: Math.round(aEnded - aStarted),
      a_kind: a.ok ? "ok" : a.error.kind,
      b_p50_during_ms: percentile(during, 0.5),
      b_p99_during_ms: percentile(during, 0.99),
      b_max_during_ms: percentile(during, 1),
      b_p99_after_ms: percentile(after, 0.99),
      b_max_after_ms: percentile(after, 1),
      b_failed: failedB,
    };
  } finally {
    await sandbox.close();
  }
}

const round = (n: number, digits: number) => Number(n.toFixed(digits));

const production = createSandbox();
const prod = await measure(production);
await production.close();
// For comparison only: the same path without the sandbox process (isolates in this process).
const inProcess = createSandbox({ isolation: "in-process" });
const local = await measure(inProcess);
await inProcess.close();

const fill = "new Array(2 ** 27).fill(1.5); return 1";
const wedges = {
  uninterruptible_on_sandbox_thread: await wedge(fill, true),
  uninterruptible_on_isolate_thread: await wedge(fill, false),
  out_of_memory_string_doubling: await wedge("let s = 'xy'; for (;;) { s += s; s.charCodeAt(1) }", false),
};

process.stdout.write(
  `${JSON.stringify({
    p50_ms: round(prod.p50, 3),
    p99_ms: round(prod.p99, 3),
    runs_per_s: Math.round(prod.perSecond),
    isolation:
      "fresh SES Compartment per run (global object, capabilities, input) over a realm frozen by lockdown, in a warm pooled isolated-vm isolate, inside a supervised sandbox process with a warm standby",
    in_process_p50_ms: round(local.p50, 3),
    in_process_p99_ms: round(local.p99, 3),
    wedge_limit_ms: 1000,
    wedges,
  })}\n`,
);
