import { existsSync, readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import type { ExecutorOptions, RawRun } from "./executor.ts";
import { createProcessExecutor } from "./processExecutor.ts";

const options: ExecutorOptions = {
  maxIsolatesPerWorkspace: 1,
  maxIsolates: 4,
  maxRunsPerIsolate: 100,
  allowLoopbackForTests: false,
  fetch: { maxResponseBytes: 1024, timeoutMs: 1000, maxRedirects: 0, maxRequestsPerRun: 1 },
};
const catastrophes: string[] = [];
const executor = createProcessExecutor(options, (m) => catastrophes.push(m));
afterAll(() => executor.close());

const request = (code: string): RawRun => ({
  workspaceId: "w",
  code,
  inputJson: "{}",
  secrets: {},
  limits: { timeoutMs: 2000, memoryMb: 16, cpuMs: 2000, maxOutputBytes: 1024, maxLogBytes: 1024 },
  allowedHosts: [],
  measureMemory: false,
});

describe("the sandbox process", () => {
  it("does not inherit the runtime's environment (master key, database credentials)", async () => {
    process.env.BENTENG_TEST_MASTER_KEY = "must-not-leak";
    try {
      expect(await executor.run(request("return 1"))).toMatchObject({ ok: true, resultJson: "1" });
      const environ = `/proc/${executor.pid}/environ`;
      if (!existsSync(environ)) return; // not Linux: nothing to inspect
      const names = readFileSync(environ, "utf8")
        .split("\0")
        .map((kv) => kv.split("=")[0]);
      expect(names).toContain("BENTENG_SANDBOX_OPTIONS");
      expect(names).not.toContain("BENTENG_TEST_MASTER_KEY");
      expect(names).not.toContain("DATABASE_URL");
    } finally {
      delete process.env.BENTENG_TEST_MASTER_KEY;
    }
  });

  it("is replaced after a crash: runs in flight fail clearly and the next run gets a new process", async () => {
    const first = executor.pid!;
    const inFlight = executor.run(request("await new Promise(() => {})"));
    await new Promise((r) => setTimeout(r, 100));
    process.kill(first, "SIGKILL");
    expect(await inFlight).toMatchObject({
      ok: false,
      kind: "runtime",
      message: expect.stringMatching(/restarted/),
    });
    expect(await executor.run(request("return 2"))).toMatchObject({ ok: true, resultJson: "2" });
    expect(executor.pid).not.toBe(first);
    expect(executor.restarts).toBeGreaterThanOrEqual(1);
  });

  it("reports a V8 out-of-memory it cannot recover from as memory, and carries on", async () => {
    const r = await executor.run(request("let s = 'xy'; for (;;) { s += s; s.charCodeAt(1) }"));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(["memory", "timeout"]).toContain(r.kind);
    expect(await executor.run(request("return 3"))).toMatchObject({ ok: true, resultJson: "3" });
  });
});
