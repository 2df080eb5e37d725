import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Executor, ExecutorOptions, RawResult, RawRun } from "./executor.ts";

const entry = fileURLToPath(new URL("./sandboxProcess.ts", import.meta.url));
/**
 * The sandbox process may legitimately be silent while one script runs on its thread, up to that
 * script's time limit; silent for longer, with runs in flight, means a thread that will not stop
 * (e.g. V8 failing to terminate a script after an out-of-memory).
 */
const SILENCE_GRACE_MS = 2_000;
const WATCHDOG_EVERY_MS = 1_000;

interface Pending {
  resolve: (r: RawResult) => void;
  started: number;
  timeoutMs: number;
}

interface Child {
  process: ChildProcess;
  ready: Promise<void>;
  pending: Map<number, Pending>;
  catastrophe: string | null;
  stuck: boolean;
  lastHeard: number;
  watchdog: NodeJS.Timeout | null;
}

/**
 * Runs scripts in a supervised child process. A crash of that process (V8 out of memory, a thread
 * that will not stop) fails the runs in flight with a clear error and a new process takes over on the
 * next run; the runtime process never holds an isolate.
 */
export function createProcessExecutor(
  options: ExecutorOptions,
  onCatastrophicError: (message: string) => void,
): Executor & { readonly restarts: number; readonly pid: number | undefined } {
  let child: Child | null = null;
  let nextId = 1;
  let starts = 0;
  let closed = false;

  function start(): Child {
    starts++;
    const proc = fork(entry, [], {
      execArgv: ["--no-node-snapshot"],
      serialization: "advanced",
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      // Only what the sandbox needs: the runtime's environment holds the master key and database
      // credentials, which a process that runs untrusted code must never have, even in memory.
      env: sandboxEnv(options),
    });
    let markReady!: () => void;
    let markFailed!: (e: Error) => void;
    const current: Child = {
      process: proc,
      ready: new Promise<void>((resolve, reject) => {
        markReady = resolve;
        markFailed = reject;
      }),
      pending: new Map(),
      catastrophe: null,
      stuck: false,
      lastHeard: performance.now(),
      watchdog: null,
    };
    // A rejection nobody awaits yet must not become an unhandled rejection.
    current.ready.catch(() => {});
    proc.on("message", (m: { type: string; id?: number; result?: RawResult; message?: string }) => {
      current.lastHeard = performance.now();
      if (m.type === "ready") markReady();
      else if (m.type === "catastrophic") {
        current.catastrophe = String(m.message);
        onCatastrophicError(current.catastrophe);
      } else if (m.type === "result" && m.id !== undefined && m.result) {
        const p = current.pending.get(m.id);
        if (!p) return;
        current.pending.delete(m.id);
        p.resolve(m.result);
        idle(current);
      }
    });
    proc.on("error", (e) => markFailed(e));
    proc.on("exit", (code, signal) => {
      markFailed(new Error(`the sandbox process exited (${signal ?? code})`));
      if (child === current) child = null;
      if (current.watchdog) clearInterval(current.watchdog);
      const reason = current.stuck
        ? {
            kind: "timeout" as const,
            message: "the sandbox stopped answering while running scripts; it was restarted",
          }
        : current.catastrophe
          ? {
              kind: "memory" as const,
              message: `the sandbox ran out of memory (${current.catastrophe}); it was restarted`,
            }
          : {
              kind: "runtime" as const,
              message: `the sandbox process stopped (${signal ?? code}); it was restarted`,
            };
      for (const [, p] of current.pending)
        p.resolve({ ok: false, ...reason, logs: [], ms: performance.now() - p.started });
      current.pending.clear();
    });
    return current;
  }

  // An idle sandbox process must not keep the runtime (or a CLI run) alive.
  function idle(c: Child) {
    if (c.pending.size > 0) return;
    if (c.watchdog) clearInterval(c.watchdog);
    c.watchdog = null;
    c.process.unref();
    (c.process.channel as { unref?: () => void } | undefined)?.unref?.();
  }
  function busy(c: Child) {
    c.process.ref();
    (c.process.channel as { ref?: () => void } | undefined)?.ref?.();
    if (c.watchdog) return;
    // The process enforces every run's limits itself; this only catches the process itself being
    // stuck (a V8 thread that will not terminate), which no in-process timer can undo.
    c.lastHeard = performance.now();
    c.watchdog = setInterval(() => {
      const silentMs = performance.now() - c.lastHeard;
      let longest = 0;
      for (const p of c.pending.values()) longest = Math.max(longest, p.timeoutMs);
      if (c.pending.size > 0 && silentMs > longest + SILENCE_GRACE_MS) {
        c.stuck = true;
        c.process.kill("SIGKILL");
      } else if (silentMs > WATCHDOG_EVERY_MS && c.process.connected) c.process.send({ type: "ping" });
    }, WATCHDOG_EVERY_MS);
  }

  async function run(request: RawRun): Promise<RawResult> {
    const started = performance.now();
    if (closed) return { ok: false, kind: "runtime", message: "the sandbox is closed", logs: [], ms: 0 };
    if (!child) child = start();
    const current = child;
    busy(current);
    try {
      await current.ready;
    } catch (e) {
      idle(current);
      return {
        ok: false,
        kind: "runtime",
        message: `the sandbox could not start: ${(e as Error).message}`,
        logs: [],
        ms: 0,
      };
    }
    const id = nextId++;
    return new Promise<RawResult>((resolve) => {
      current.pending.set(id, { resolve, started, timeoutMs: request.limits.timeoutMs });
      current.process.send({ type: "run", id, run: request });
    });
  }

  return {
    run,
    get restarts() {
      return Math.max(0, starts - 1);
    },
    get pid() {
      return child?.process.pid;
    },
    async close() {
      closed = true;
      const c = child;
      child = null;
      if (!c) return;
      const exited = new Promise<void>((resolve) => c.process.once("exit", () => resolve()));
      if (c.process.exitCode === null && c.process.signalCode === null) {
        busy(c); // keeps this process alive until the exit event arrives
        c.process.kill("SIGKILL");
        await exited;
      }
    },
  };
}

function sandboxEnv(options: ExecutorOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    BENTENG_SANDBOX_OPTIONS: JSON.stringify(options),
    NODE_OPTIONS: "--no-node-snapshot",
  };
  for (const name of ["PATH", "TZ", "LANG", "SSL_CERT_FILE", "SSL_CERT_DIR", "NODE_EXTRA_CA_CERTS"])
    if (process.env[name] !== undefined) env[name] = process.env[name];
  return env;
}
