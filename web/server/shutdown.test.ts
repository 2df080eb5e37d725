// A supervisor stopping a busy server: SIGTERM while ten customers' 3-second scripts are queued.
// The real processes (`npm start`'s server, then `benteng runtime` started in its place) on one
// database (a PGlite data folder by default, PostgreSQL with DATABASE_URL): the first stops claiming,
// lets the runs in hand finish within its grace, hands the rest back and exits 0 (so within its
// budget) leaving no process behind; after the restart every customer is answered exactly once.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { connectDatabase, type DatabaseHandle, type Db, migrateToLatest } from "@benteng/db";
import { createTestDatabase } from "@benteng/db/testing/testDatabase";
import {
  buildFlow,
  type RuntimeHarness,
  startRuntimeHarness,
  textMessage,
  webhookEnvelope,
} from "@benteng/runtime/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const CUSTOMERS = 10;
const SCRIPT_MS = 3_000;

/** An upstream API that answers every request after SCRIPT_MS: a script that takes 3 s, idle. */
async function startSlowUpstream() {
  let requests = 0;
  const server: Server = createServer((_req, res) => {
    requests++;
    setTimeout(() => res.end("late"), SCRIPT_MS);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Every process started (directly or not) by `pid`: the sandbox's processes, among others. */
function descendants(pid: number): number[] {
  const rows = execFileSync("ps", ["-e", "-o", "pid=,ppid="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const found: number[] = [];
  const walk = (parent: number) => {
    for (const [child, ppid] of rows)
      if (ppid === parent) {
        found.push(child);
        walk(child);
      }
  };
  walk(pid);
  return found;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

interface Proc {
  child: ChildProcess;
  output: () => string;
  waitFor(pattern: RegExp, ms?: number): Promise<RegExpMatchArray>;
  exited(): Promise<number | null>;
}

/** Pending inbox messages: none once every message is answered. */
async function pendingMessages(db: Db): Promise<number> {
  const row = await db
    .selectFrom("inbox")
    .select(({ fn }) => fn.countAll<string>().as("n"))
    .where("status", "=", "pending")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe("SIGTERM while scripts are queued", () => {
  const onPostgres = !!process.env.DATABASE_URL;
  let database: DatabaseHandle & { url: string | null };
  let h: RuntimeHarness;
  let upstream: Awaited<ReturnType<typeof startSlowUpstream>>;
  let dataDir: string;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    upstream = await startSlowUpstream();
    const flow = buildFlow(
      [
        { id: "start", type: "start", data: {} },
        {
          id: "callSlowApi",
          type: "script",
          data: {
            code: `const r = await fetch("http://${upstream.host}/slow"); return { body: await r.text() }`,
            allowedHosts: [upstream.host],
            outputSchema: [{ name: "body", type: "string" }],
            outputMapping: [{ field: "body", variable: "body" }],
            timeoutMs: 10_000,
          },
        },
        { id: "done", type: "message", data: { text: "upstream said {{body}}" } },
        { id: "failed", type: "message", data: { text: "script failed" } },
      ],
      [
        ["start", "next", "callSlowApi"],
        ["callSlowApi", "success", "done"],
        ["callSlowApi", "error", "failed"],
      ],
    );
    dataDir = mkdtempSync(join(tmpdir(), "benteng-shutdown-"));
    if (onPostgres) database = await createTestDatabase();
    else {
      // The data folder the server will open (it locks it, so the test lets go of it first).
      database = { ...(await connectDatabase({ kind: "pglite", dataDir })), url: null };
      await migrateToLatest(database.db);
    }
    h = await startRuntimeHarness({ flow, database });
  }, 120_000);

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
    if (onPostgres) await h?.close();
    else await h?.graph.close();
    await upstream?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  function spawnProcess(args: string[], env: Record<string, string> = {}): Proc {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: h.url ?? "",
        BENTENG_MASTER_KEY: h.masterKey.toString("base64"),
        BENTENG_DATA_DIR: dataDir,
        BENTENG_SANDBOX_ALLOW_LOOPBACK: "1",
        NODE_ENV: "test",
        PORT: "0",
        HOST: "127.0.0.1",
        LOG_LEVEL: "info",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(child);
    let output = "";
    child.stdout?.on("data", (d) => {
      output += d;
    });
    child.stderr?.on("data", (d) => {
      output += d;
    });
    const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    return {
      child,
      output: () => output,
      async waitFor(pattern, ms = 120_000) {
        const until = Date.now() + ms;
        while (Date.now() < until && child.exitCode === null) {
          const m = output.match(pattern);
          if (m) return m;
          await new Promise((r) => setTimeout(r, 50));
        }
        throw new Error(`no ${pattern} within ${ms} ms:\n${output}`);
      },
      exited: () => exit,
    };
  }

  /**
   * SIGTERM to the process's PID: the milliseconds until it exited, its exit code, and the processes
   * it had started that are still alive afterwards (the sandbox's, above all: there must be none).
   */
  async function stop(p: Proc): Promise<{ ms: number; code: number | null; leftBehind: number[] }> {
    const started = descendants(p.child.pid!);
    const at = performance.now();
    p.child.kill("SIGTERM");
    const code = await p.exited();
    const ms = Math.round(performance.now() - at);
    // A child the kernel has not reaped yet may linger a moment after its parent.
    const until = Date.now() + 5_000;
    while (started.some(alive) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    return { ms, code, leftBehind: started.filter(alive) };
  }

  const repliesTo = (waId: string) => h.graph.messages.filter((m) => m.body.to === waId);

  it("stops within its budget, hands queued work back, and after a restart answers every customer once", {
    timeout: 300_000,
  }, async () => {
    const customers = Array.from({ length: CUSTOMERS }, (_, i) => `62813000${String(i).padStart(5, "0")}`);
    // Queued before any process runs: the server claims all ten at once, its sandbox runs two at a time.
    for (const [i, waId] of customers.entries()) {
      const res = await h.post(
        webhookEnvelope(h.phoneNumberId, { messages: [textMessage({ waId }, "hi", `wamid.shutdown-${i}`)] }),
      );
      expect(res.statusCode).toBe(200);
    }

    if (!onPostgres) {
      // One process per PGlite data folder: the harness lets go of it.
      await h.app.close();
      await database.close();
    }
    const server = spawnProcess(["web/server/main.ts"], { BENTENG_RUNTIME_WORKERS: "1" });
    await server.waitFor(/running at \S+ .*pid (\d+)/);
    // The first scripts are running (their upstream calls arrived): the supervisor stops the server.
    const until = Date.now() + 120_000;
    while (upstream.requests() === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(upstream.requests()).toBeGreaterThan(0);
    const first = await stop(server);
    const answeredBefore = customers.filter((c) => repliesTo(c).length > 0).length;
    expect(first.code, server.output()).toBe(0);
    expect(first.leftBehind).toEqual([]);
    expect(server.output()).toMatch(
      /Benteng is shutting down \(SIGTERM\)\n(.*\n)*Benteng stopped \(\d+ ms\)/,
    );
    expect(server.output()).not.toMatch(/did not stop|stopped with an error/);
    // Nothing failed on the way down (pino's error level is 50).
    const stopping = server.output().slice(server.output().indexOf("is shutting down"));
    expect(stopping).not.toMatch(/"level":(50|60)/);

    // The next start (a runtime process this time) takes what was handed back at once.
    const runtime = spawnProcess(["web/server/cli/main.ts", "runtime"]);
    await runtime.waitFor(/receiving webhooks at .*pid (\d+)/);
    await h.graph.waitFor(() => customers.every((c) => repliesTo(c).length > 0), 120_000);
    // Long enough for a second reply to any customer to have been sent, were there one.
    await new Promise((r) => setTimeout(r, 2 * SCRIPT_MS));
    for (const c of customers) expect(repliesTo(c), c).toHaveLength(1);
    if (onPostgres) expect(await pendingMessages(h.db)).toBe(0);
    const second = await stop(runtime);
    expect(second.code, runtime.output()).toBe(0);
    expect(second.leftBehind).toEqual([]);
    expect(runtime.output()).toMatch(
      /Benteng runtime is shutting down \(SIGTERM\)\n(.*\n)*Benteng runtime stopped/,
    );
    if (!onPostgres) {
      const reopened = await connectDatabase({ kind: "pglite", dataDir });
      try {
        expect(await pendingMessages(reopened.db)).toBe(0);
      } finally {
        await reopened.close();
      }
    }

    const texts = customers.map((c) => (repliesTo(c)[0]?.body.text as { body?: string } | undefined)?.body);
    console.log(
      JSON.stringify({
        database: onPostgres ? "postgres" : "pglite",
        sigterm_with_queued_scripts_ms: first.ms,
        answered_before_stop: answeredBefore,
        handed_back: CUSTOMERS - answeredBefore,
        sigterm_idle_runtime_ms: second.ms,
        upstream_requests: upstream.requests(),
        replies: Object.fromEntries(
          [...new Set(texts)].map((t) => [t, texts.filter((x) => x === t).length] as const),
        ),
      }),
    );
  });
});
