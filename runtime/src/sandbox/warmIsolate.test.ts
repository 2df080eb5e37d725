// The same limits must hold whichever way a run starts: on the calling thread (the sandbox process's
// fast path) or on an isolate thread (in-process, and workspaces moved off the fast path).
import { describe, expect, it } from "vitest";
import { type RunRequest, WarmIsolate } from "./warmIsolate.ts";

async function runOnce(code: string, sync: boolean, extra: Partial<RunRequest> = {}) {
  const isolate = await WarmIsolate.create(16, () => {});
  const logs: string[] = [];
  try {
    const outcome = await isolate.run(
      {
        code,
        inputJson: "{}",
        secretsJson: "{}",
        timeoutMs: 200,
        cpuMs: 200,
        maxOutputBytes: 1024,
        maxLogBytes: 1024,
        onLog: (line) => logs.push(line),
        onFetch: () =>
          new Promise((resolve) => setTimeout(() => resolve('{"ok":false,"message":"slow"}'), 50)),
        ...extra,
      },
      false,
      sync,
    );
    return { outcome, logs, reusable: isolate.reusable };
  } finally {
    isolate.dispose();
  }
}

describe.each([
  ["on the calling thread", true],
  ["on an isolate thread", false],
])("a run started %s", (_label, sync) => {
  it.each([
    ["a synchronous loop", "for (;;) {}"],
    ["a microtask loop", "for (;;) await null"],
    ["a promise that never settles", "await new Promise(() => {})"],
    ["a thrown object whose getter loops", "throw { get message() { for (;;) {} } }"],
    ["a loop after awaiting the host", "try { await fetch('https://a.example') } catch {} for (;;) {}"],
  ])("stops %s with a timeout and retires the isolate", async (_what, code) => {
    const { outcome, reusable } = await runOnce(code, sync);
    expect(outcome).toMatchObject({ ok: false, kind: "timeout" });
    expect(outcome.ms).toBeLessThan(1000);
    expect(reusable).toBe(false);
  });

  it("finishes a script that awaits the host, with its logs in order", async () => {
    const { outcome, logs, reusable } = await runOnce(
      "log('before'); try { await fetch('https://a.example') } catch (e) { log(e.message) } return 7",
      sync,
    );
    expect(outcome).toMatchObject({ ok: true, resultJson: "7" });
    expect(logs).toEqual(["before", "fetch: slow"]);
    expect(reusable).toBe(true);
  });

  it("enforces a CPU limit tighter than the wall-time limit", async () => {
    const { outcome } = await runOnce("for (;;) {}", sync, { timeoutMs: 3000, cpuMs: 100 });
    expect(outcome).toMatchObject({ ok: false, kind: "timeout", message: expect.stringMatching(/CPU/) });
    expect(outcome.ms).toBeLessThan(2000);
  });
});

describe("a run on the calling thread", () => {
  const request = (code: string, extra: Partial<RunRequest> = {}): RunRequest => ({
    code,
    inputJson: "{}",
    secretsJson: "{}",
    timeoutMs: 2000,
    cpuMs: 2000,
    maxOutputBytes: 1024,
    maxLogBytes: 1024,
    onLog: () => {},
    onFetch: async () => '{"ok":false,"message":"no"}',
    ...extra,
  });

  it("hands back a promise before the host call it waits on has started", async () => {
    const isolate = await WarmIsolate.create(16, () => {});
    try {
      let fetched = false;
      const started = isolate.start(
        request("try { await fetch('https://a.example') } catch {} return 1", {
          onFetch: async () => {
            fetched = true;
            return '{"ok":false,"message":"no"}';
          },
        }),
        false,
        true,
        50,
      );
      // The sandbox process acknowledges the run at this point: nothing has left the isolate yet.
      expect(started).toBeInstanceOf(Promise);
      expect(fetched).toBe(false);
      expect(await started).toMatchObject({ ok: true, resultJson: "1" });
      expect(fetched).toBe(true);
    } finally {
      isolate.dispose();
    }
  });

  it("is stopped at the budget with nothing done outside, and the same isolate can run it again off the thread", async () => {
    const isolate = await WarmIsolate.create(16, () => {});
    try {
      const firstLogs: string[] = [];
      const againLogs: string[] = [];
      const code = "log('once'); const end = Date.now() + 200; while (Date.now() < end) {} return 'done'";
      const first = isolate.start(request(code, { onLog: (l) => firstLogs.push(l) }), false, true, 20);
      expect(first).toMatchObject({ ok: false, overBudget: true, kind: "timeout" });
      const again = await isolate.run(request(code, { onLog: (l) => againLogs.push(l) }), false, false);
      expect(again).toMatchObject({ ok: true, resultJson: '"done"' });
      // Each attempt logs to its own caller (the executor keeps the second's): nothing crosses over.
      // (On a busy machine the budget may run out before the first attempt got to its log.)
      expect(firstLogs.filter((l) => l !== "once")).toEqual([]);
      expect(againLogs).toEqual(["once"]);
    } finally {
      isolate.dispose();
    }
  });
});
