// `npm run -s bench:sandbox`: per-run overhead of a trivial script through the production sandbox
// path (input validation, run in a warm isolate, output validation). Prints one JSON line.
import type { ScriptField } from "@benteng/shared/blocks/scriptSchemaFields";
import { createSandbox, type Sandbox } from "../src/sandbox/index.ts";

const WARMUP = 500;
const RUNS = Number(process.env.BENCH_RUNS ?? 5000);

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

const round = (n: number, digits: number) => Number(n.toFixed(digits));

const production = createSandbox();
const prod = await measure(production);
await production.close();
// For comparison only: the same path without the sandbox process (isolates in this process).
const inProcess = createSandbox({ isolation: "in-process" });
const local = await measure(inProcess);
await inProcess.close();

process.stdout.write(
  `${JSON.stringify({
    p50_ms: round(prod.p50, 3),
    p99_ms: round(prod.p99, 3),
    runs_per_s: Math.round(prod.perSecond),
    isolation:
      "fresh SES Compartment per run (global object, capabilities, input) over a realm frozen by lockdown, in a warm pooled isolated-vm isolate, inside a supervised sandbox process",
    in_process_p50_ms: round(local.p50, 3),
    in_process_p99_ms: round(local.p99, 3),
  })}\n`,
);
