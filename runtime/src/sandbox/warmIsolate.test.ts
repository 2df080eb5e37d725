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
