// Which limit a script ran into: memory when its memory limit is what it hit, timeout only when
// time ran out; on either path a run can take (an isolate thread, or the sandbox process's own
// thread for a workspace that already has an isolate there). Through the production sandbox.
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox, type ScriptRun } from "./createSandbox.ts";

const shared = createSandbox();
afterAll(() => shared.close());

let workspaces = 0;
/** A workspace of its own per test; `warm`: it ran a script before, so it starts on the thread. */
async function runIn(warm: boolean, code: string, limits: ScriptRun["limits"], sandbox = shared) {
  const workspaceId = `w${++workspaces}`;
  const base = { workspaceId, input: {}, allowedHosts: [], secrets: {}, limits };
  if (warm) expect(await sandbox.run({ ...base, code: "return 1" })).toMatchObject({ ok: true });
  const r = await sandbox.run({ ...base, code });
  // From when the script started in an isolate (booting one for a new workspace is not its time).
  return { r, took: r.ms, kind: r.ok ? "ok" : r.error.kind };
}

// Generous: the limit is what matters; the machine running the tests is shared.
const SLACK_MS = 2000;

describe.each([
  ["starting on an isolate thread", false],
  ["starting on the sandbox process's thread", true],
])("a script %s", (_label, warm) => {
  // Every shape starting off the thread; on the thread (where it is stopped at the budget and runs
  // again off it) two, so that this file leaves CPU to the timing-sensitive ones beside it.
  const shapes = [
    ["an array that keeps growing", "const a = []; for (;;) a.push(1.5)"],
    ["typed arrays (their buffers count)", "const a = []; for (;;) a.push(new Uint8Array(1 << 20))"],
    ["a string that keeps doubling", "let s = 'xy'; for (;;) { s += s; s.charCodeAt(1) }"],
    ["an object graph that keeps growing", "const o = []; for (;;) o.push({ a: o.length, b: [1, 2, 3] })"],
  ];
  it.each(warm ? shapes.slice(0, 2) : shapes)(
    "that runs out of memory with %s is reported as memory",
    async (_what, code) => {
      // The smallest memory limit fills fastest, and a full small heap is quick to collect; the
      // longest time limit leaves no doubt which limit a script starved of CPU by a busy machine
      // reaches first (they end as soon as they reach it).
      const limits = { timeoutMs: 10_000, memoryMb: 8 };
      const { kind, took } = await runIn(warm, code, limits);
      expect(kind).toBe("memory");
      expect(took).toBeLessThan(limits.timeoutMs + SLACK_MS);
    },
  );

  it("that only spins is reported as timeout, also with memory in use", async () => {
    const limits = { timeoutMs: 500, memoryMb: 32 };
    const held = "const kept = Array.from({ length: 50000 }, (_, i) => ({ i })); for (;;) {}";
    for (const code of ["for (;;) {}", held]) {
      const { kind, took } = await runIn(warm, code, limits);
      expect(kind).toBe("timeout");
      expect(took).toBeLessThan(limits.timeoutMs + SLACK_MS);
    }
  });
});

// Each in a sandbox of its own, closed right after: the thread V8 cannot stop goes with its process
// instead of burning a core (for up to 5 s, until isolated-vm freezes it) beside other test files.
describe("filling a huge sparse array (an operation V8 cannot interrupt)", () => {
  let sandbox: Sandbox;
  beforeEach(() => {
    sandbox = createSandbox();
  });
  afterEach(() => sandbox.close());

  it("is reported as memory when the memory limit is what it reached", async () => {
    const limits = { timeoutMs: 10_000, memoryMb: 8 };
    const { kind, took } = await runIn(false, "new Array(2 ** 27).fill(1.5); return 1", limits, sandbox);
    expect(kind).toBe("memory");
    expect(took).toBeLessThan(limits.timeoutMs + SLACK_MS);
  });

  it.each([
    ["on an isolate thread", false],
    ["on the sandbox process's thread", true],
  ])("costs at most its own time limit %s", async (_label, warm) => {
    // 32 MB in 1 s: which of the two it reaches first depends on the machine's speed.
    const limits = { timeoutMs: 1000, memoryMb: 32 };
    const { kind, took } = await runIn(warm, "new Array(2 ** 27).fill(1.5); return 1", limits, sandbox);
    expect(kind).toMatch(/^(timeout|memory)$/);
    expect(took).toBeLessThan(limits.timeoutMs + SLACK_MS);
    expect(await runIn(true, "return 'next'", limits, sandbox)).toMatchObject({ kind: "ok" });
  });
});
