import { type ChildProcess, fork } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Executor, ExecutorOptions, RawResult, RawRun } from "./executor.ts";
import { SYNC_BUDGET_MS } from "./localExecutor.ts";
import type { FromSandbox, ToSandbox } from "./sandboxProcess.ts";

const entry = fileURLToPath(new URL("./sandboxProcess.ts", import.meta.url));
/**
 * A sandbox process that neither answers nor acknowledges a run is stuck in it when its main thread
 * computed this long meanwhile: no run holds that thread much past SYNC_BUDGET_MS before V8 stops it,
 * unless V8 cannot (an operation it cannot interrupt). Counting CPU time, not silence, keeps a
 * process that a busy machine merely did not schedule from being taken for stuck.
 */
const STUCK_CPU_MS = 150;
/** …or when its main thread sleeps this long with a run unread: V8 parked it after running out of memory. */
const PARKED_MS = 100;
/** …or when it stays silent this long past the run's own time limit. */
const LATE_MS = 50;
/** Silence is only looked into past this (a run may hold the thread up to the sync budget). */
const SILENCE_CHECK_MS = SYNC_BUDGET_MS + 30;
/** Without /proc to tell computing from waiting: silence alone, this long, means stuck. */
const STUCK_SILENCE_MS = 1_000;
const WATCHDOG_EVERY_MS = 20;
/**
 * A run the process acknowledged is answered by its time limit once an isolate is free for it (it
 * waits for one at most maxQueueWaitMs), and booting one can take seconds on a busy machine: this
 * much later than both, it will not be answered. A last
 * resort against a process that stopped keeping its own limits (stuck threads it reports itself).
 */
const ANSWER_GRACE_MS = 30_000;
/**
 * The warm standby is started this long after the first process is ready: not for one-off runs (the
 * CLI, tests), and not while the runtime is busy starting up.
 */
const STANDBY_AFTER_MS = 3_000;
/** A workspace whose script held the thread past its budget, or stuck a process, runs off-thread. */
const OFF_THREAD_MS = 60_000;
/** Workspaces seen this recently get isolates booted ahead in the standby, to take over warm. */
const RECENT_MS = 10 * 60_000;
const SPARES_PER_SIZE = 4;
const SPARES_TOTAL = 8;
/** A stuck run failed for memory when the process grew by this share of its limit (as warmIsolate.ts). */
const RSS_SHARE_OF_LIMIT = 0.75;
/** Processes that die before they are ready, in a row, before runs waiting for one are failed. */
const MAX_FAILED_STARTS = 3;

interface Pending {
  id: number;
  request: RawRun;
  resolve: (r: RawResult) => void;
  /** Handled by its process: finished there, or continuing off its main thread. */
  acked: boolean;
  /** It made a request: running it again could repeat that, so it is never moved. */
  effects: boolean;
  /** Moved to another process once already (a second loss fails it: it may be the cause). */
  moved: boolean;
  sentAt: number;
  ackedAt: number;
}

interface Child {
  process: ChildProcess;
  ready: boolean;
  dead: boolean;
  /** Condemned: replaced as soon as the standby is ready, then killed once its runs are answered. */
  draining: boolean;
  /** Sent and not yet answered, in the order sent (the process handles them in that order). */
  pending: Map<number, Pending>;
  /** Assigned before the process was ready. */
  waiting: Pending[];
  lastHeard: number;
  /** Set while it is silent with a run unanswered (see stuckIn): new runs go to the standby. */
  silence: { cpuMs: number; parkedSince: number | null } | null;
  /** Resident memory when it last had answered everything, sampled at most once a second. */
  rssKb: { kb: number; at: number } | null;
  catastrophe: { message: string; id?: number } | null;
  sparesSent: string;
}

/**
 * Runs scripts in supervised child processes: a primary that takes runs and a warm standby that
 * takes over the instant the primary is condemned, so a script V8 cannot stop costs its own run
 * (at most its limit plus ~100 ms) and delays nobody else's:
 * - a process whose main thread computes (STUCK_CPU_MS) or sleeps (PARKED_MS) while a run it was
 *   sent stays unanswered is stuck in that run: it is killed, that run fails (timeout, or memory when
 *   V8 parked the thread after running out of memory), the runs queued behind it (which never
 *   started) go to the standby at once, as do runs of it that did nothing outside their isolate
 *   yet; runs that made a request fail fast with a clear error (running them again could repeat it);
 * - a process whose isolate thread would not stop (it says so) takes no new runs and is drained;
 * - a process that dies (V8 out of memory) is handled like a stuck one, the run it names failing as
 *   memory.
 * The runtime process never holds an isolate.
 */
export function createProcessExecutor(
  options: ExecutorOptions,
  onCatastrophicError: (message: string) => void,
): Executor & {
  readonly restarts: number;
  readonly pid: number | undefined;
  readonly standbyPid: number | undefined;
} {
  let primary: Child | null = null;
  let standby: Child | null = null;
  const children = new Set<Child>();
  let nextId = 1;
  let replaced = 0;
  let failedStarts = 0;
  let closed = false;
  let standbyTimer: NodeJS.Timeout | null = null;
  let watchdog: NodeJS.Timeout | null = null;
  let lastTick = 0;
  const offThreadUntil = new Map<string, number>();
  const recent = new Map<string, { memoryMb: number; at: number }>();
  let sparesDirty = false;
  let sparesSentAt = 0;

  function spawn(): Child {
    const proc = fork(entry, [], {
      execArgv: ["--no-node-snapshot"],
      serialization: "advanced",
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      // Only what the sandbox needs: the runtime's environment holds the master key and database
      // credentials, which a process that runs untrusted code must never have, even in memory.
      env: sandboxEnv(options),
    });
    const child: Child = {
      process: proc,
      ready: false,
      dead: false,
      draining: false,
      pending: new Map(),
      waiting: [],
      lastHeard: performance.now(),
      silence: null,
      rssKb: null,
      catastrophe: null,
      sparesSent: "",
    };
    children.add(child);
    proc.on("message", (m: FromSandbox) => onMessage(child, m));
    // A failed spawn may report only "error": either way the process is gone. "close" comes after
    // the last message it sent was read (an "exit" can overtake an acknowledgement still in the pipe).
    proc.on("error", (e) => lost(child, `could not run (${e.message})`));
    proc.on("close", (code, signal) => lost(child, `stopped (${signal ?? code})`));
    idle(child);
    return child;
  }

  function onMessage(child: Child, m: FromSandbox): void {
    child.lastHeard = performance.now();
    child.silence = null;
    if (m.type === "ready") {
      child.ready = true;
      failedStarts = 0;
      // Spares first: a run that needs an isolate then waits for the spare instead of a boot of its own.
      sendSpares(child, child === standby ? "standby" : "primary");
      for (const p of child.waiting.splice(0)) send(child, p);
      if (child === standby) {
        // The primary was condemned while no standby was ready: take over now.
        if (primary?.draining) promote();
      } else if (child === primary) scheduleStandby();
    } else if (m.type === "ack") {
      const p = child.pending.get(m.id);
      if (p) {
        p.acked = true;
        p.ackedAt = performance.now();
      }
    } else if (m.type === "effects") {
      const p = child.pending.get(m.id);
      if (p) p.effects = true;
    } else if (m.type === "result") {
      const p = child.pending.get(m.id);
      if (!p) return;
      child.pending.delete(m.id);
      if (m.result.slow) offThread(p.request.workspaceId);
      p.resolve(m.result);
      // What it holds when it has just answered: the baseline for telling memory from time when
      // one of its runs gets stuck (see killStuck).
      const pid = child.process.pid;
      if (
        pid !== undefined &&
        child.pending.size === 0 &&
        performance.now() - (child.rssKb?.at ?? 0) > 1_000
      ) {
        const kb = residentKb(pid);
        if (kb !== undefined) child.rssKb = { kb, at: performance.now() };
      }
      // A condemned primary still serves until the standby is ready; any other one goes when done.
      if (child.draining && child !== primary && child.pending.size === 0) kill(child);
      else if (child.pending.size === 0 && child.waiting.length === 0) idle(child);
    } else if (m.type === "condemned") {
      condemn(child);
    } else if (m.type === "catastrophic") {
      child.catastrophe = { message: m.message, ...(m.id !== undefined ? { id: m.id } : {}) };
      onCatastrophicError(m.message);
    }
  }

  /**
   * The process new runs go to: the primary; the standby while the primary looks stuck (not yet
   * promoted: the primary may just have been starved of CPU); else the standby promoted; else a new
   * process.
   */
  function target(): Child {
    const standbyReady = standby && !standby.dead && standby.ready ? standby : null;
    if (primary && !primary.dead && !primary.draining)
      return primary.silence && standbyReady ? standbyReady : primary;
    if (primary && !primary.dead && primary.draining && !(standby && !standby.dead && standby.ready))
      return primary; // condemned, but still the quickest to answer until the standby is ready
    if (standby && !standby.dead) return promote();
    primary = spawn();
    return primary;
  }

  function promote(): Child {
    const old = primary;
    primary = standby!;
    standby = null;
    if (old && !old.dead) drain(old);
    scheduleStandby(0);
    sendSpares(primary, "primary");
    return primary;
  }

  function send(child: Child, p: Pending): void {
    if (child.dead) {
      dispatch(p);
      return;
    }
    if (!child.ready) {
      child.waiting.push(p);
      busy(child);
      return;
    }
    const { workspaceId } = p.request;
    const until = offThreadUntil.get(workspaceId);
    if (until !== undefined && until < Date.now()) offThreadUntil.delete(workspaceId);
    const message: ToSandbox = {
      type: "run",
      id: p.id,
      run: p.request,
      sync: !offThreadUntil.has(workspaceId),
    };
    p.sentAt = performance.now();
    p.acked = false;
    child.pending.set(p.id, p);
    busy(child);
    try {
      child.process.send(message);
    } catch {
      // The channel closed under us: the exit handler re-dispatches what was pending.
    }
  }

  function dispatch(p: Pending): void {
    if (closed) p.resolve(failure("runtime", "the sandbox is closed", p));
    else send(target(), p);
  }

  /** The primary (or standby) is gone or condemned: what was in it either moves or fails. */
  function orphan(child: Child, why: string, stuck?: { id: number; memory: boolean }): void {
    const runs = [...child.pending.values(), ...child.waiting];
    child.pending.clear();
    child.waiting = [];
    for (const p of runs) {
      const limits = p.request.limits;
      if (stuck?.id === p.id)
        p.resolve(
          stuck.memory
            ? failure("memory", `the script used more than ${limits.memoryMb} MB of memory`, p)
            : failure(
                "timeout",
                "the script held the sandbox in one operation that cannot be interrupted (e.g. on a huge array or string); the sandbox process was replaced",
                p,
              ),
        );
      else if (child.catastrophe && child.catastrophe.id === p.id)
        p.resolve(
          /out-of-memory/i.test(child.catastrophe.message)
            ? failure("memory", `the script used more than ${limits.memoryMb} MB of memory`, p)
            : failure(
                "timeout",
                `the script ran longer than ${limits.timeoutMs} ms and could not be stopped`,
                p,
              ),
        );
      else if (!p.effects && !p.moved) {
        // Nothing it did left its isolate: it runs again in the next process (unless none starts).
        if (failedStarts >= MAX_FAILED_STARTS)
          p.resolve(failure("runtime", `the sandbox could not start: it ${why}`, p));
        else {
          if (p.acked) p.moved = true;
          dispatch(p);
        }
      } else
        p.resolve(
          failure(
            "runtime",
            `the sandbox process running this script ${why}; it was restarted, and this run's result is lost`,
            p,
          ),
        );
    }
  }

  function lost(child: Child, why: string): void {
    if (child.dead) {
      forget(child);
      return;
    }
    child.dead = true;
    if (!child.ready) failedStarts++;
    else replaced++;
    if (child === primary) primary = null;
    if (child === standby) standby = null;
    orphan(child, child.catastrophe ? "ran out of memory (another script)" : why);
    forget(child);
    if (!closed && !standby && primary) scheduleStandby(failedStarts > 0 ? 5_000 : 0);
  }

  function kill(child: Child): void {
    if (!child.dead) {
      child.dead = true;
      if (child === primary) primary = null;
      if (child === standby) standby = null;
    }
    if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill("SIGKILL");
    forget(child);
  }

  function forget(child: Child): void {
    if (child.process.exitCode !== null || child.process.signalCode !== null) children.delete(child);
    idle(child);
  }

  /**
   * Its thread is stuck in a run: kill it now; the queue behind that run moves to the standby. The
   * run failed for memory when V8 parked the thread (out of memory), or when the process holds more
   * than the run's limit beyond what it held while answering; otherwise for time.
   */
  function killStuck(child: Child, run: Pending, parked: boolean): void {
    const rss = child.process.pid === undefined ? undefined : residentKb(child.process.pid);
    const grewKb = rss !== undefined && child.rssKb ? rss - child.rssKb.kb : 0;
    const memory = parked || grewKb >= run.request.limits.memoryMb * 1024 * RSS_SHARE_OF_LIMIT;
    offThread(run.request.workspaceId);
    replaced++;
    kill(child);
    orphan(child, "was stopped because another script in it would not stop", { id: run.id, memory });
  }

  /** An isolate thread of it will not stop: no new runs; it goes once its runs are answered. */
  function condemn(child: Child): void {
    if (child.dead || child.draining) return;
    replaced++;
    if (child === primary) {
      if (standby && !standby.dead && standby.ready) promote();
      else {
        child.draining = true;
        scheduleStandby(0);
      }
    } else drain(child);
  }

  function drain(child: Child): void {
    child.draining = true;
    if (child === standby) standby = null;
    if (child.pending.size === 0) {
      const waiting = child.waiting.splice(0);
      kill(child);
      for (const p of waiting) dispatch(p);
    }
  }

  function scheduleStandby(delayMs = STANDBY_AFTER_MS): void {
    if (closed || (standby && !standby.dead) || standbyTimer) return;
    standbyTimer = setTimeout(() => {
      standbyTimer = null;
      if (!closed && !(standby && !standby.dead)) standby = spawn();
    }, delayMs);
    standbyTimer.unref();
  }

  function offThread(workspaceId: string): void {
    offThreadUntil.set(workspaceId, Date.now() + OFF_THREAD_MS);
  }

  /** Spares per memory size: the standby gets one per recent workspace (capped), the primary one. */
  function sendSpares(child: Child, role: "primary" | "standby"): void {
    if (!child.ready || child.dead) return;
    const now = Date.now();
    const perSize = new Map<number, number>();
    for (const [key, seen] of recent) {
      if (now - seen.at > RECENT_MS) recent.delete(key);
      else perSize.set(seen.memoryMb, (perSize.get(seen.memoryMb) ?? 0) + 1);
    }
    const targets: Record<number, number> = {};
    let total = 0;
    for (const [memoryMb, workspaces] of [...perSize].sort((a, b) => b[1] - a[1])) {
      const n = role === "primary" ? 1 : Math.min(workspaces, SPARES_PER_SIZE, SPARES_TOTAL - total);
      if (n <= 0 || (role === "primary" && total >= 2)) break;
      targets[memoryMb] = n;
      total += n;
    }
    const json = JSON.stringify(targets);
    if (json === child.sparesSent) return;
    child.sparesSent = json;
    try {
      child.process.send({ type: "spares", targets } satisfies ToSandbox);
    } catch {
      // Gone meanwhile: its close handler takes care of it.
    }
  }

  /** New workspaces were seen: tell the processes, at most once a second. */
  function flushSpares(): void {
    if (!sparesDirty || Date.now() - sparesSentAt < 1_000) return;
    sparesDirty = false;
    sparesSentAt = Date.now();
    if (primary) sendSpares(primary, "primary");
    if (standby) sendSpares(standby, "standby");
  }

  function tick(): void {
    const now = performance.now();
    const lagging = now - lastTick > WATCHDOG_EVERY_MS * 3;
    lastTick = now;
    flushSpares();
    // After a pause of this process, its own unread messages would look like silence: judge next tick.
    if (lagging) return;
    for (const child of children) {
      if (child.dead || child.pending.size === 0) continue;
      let unanswered: Pending | undefined;
      for (const p of child.pending.values()) {
        if (!p.acked) {
          unanswered ??= p;
          continue;
        }
        // It may first wait its turn for an isolate (up to maxQueueWaitMs), then run its limit.
        if (now - p.ackedAt > options.maxQueueWaitMs + p.request.limits.timeoutMs + ANSWER_GRACE_MS) {
          // Its own timers should have ended it: the process is not keeping its limits.
          child.pending.delete(p.id);
          p.resolve(failure("timeout", `the script ran longer than ${p.request.limits.timeoutMs} ms`, p));
          replaced++;
          kill(child);
          orphan(child, "stopped keeping time limits");
          break;
        }
      }
      if (unanswered && !child.dead) stuckIn(child, unanswered, now);
    }
    if (![...children].some((c) => c.pending.size > 0 || c.waiting.length > 0)) stopWatchdog();
  }

  /** Whether the process is stuck in `run`, its oldest unanswered one (it handles them in order). */
  function stuckIn(child: Child, run: Pending, now: number): void {
    const silentMs = now - Math.max(child.lastHeard, run.sentAt);
    const pid = child.process.pid;
    if (pid === undefined) return;
    if (silentMs < SILENCE_CHECK_MS) return;
    const main = mainThread(pid);
    if (!main) {
      if (silentMs > STUCK_SILENCE_MS) killStuck(child, run, false);
      return;
    }
    child.silence ??= { cpuMs: main.cpuMs, parkedSince: null };
    child.silence.parkedSince = main.parked ? (child.silence.parkedSince ?? now) : null;
    if (child.silence.parkedSince !== null && now - child.silence.parkedSince >= PARKED_MS)
      killStuck(child, run, true);
    // Computing without answering for longer than any run may hold the thread, or silent past the
    // run's own time limit (a thread starved of CPU on a busy machine is just as late for it).
    else if (
      main.cpuMs - child.silence.cpuMs >= STUCK_CPU_MS ||
      now - run.sentAt > run.request.limits.timeoutMs + LATE_MS
    )
      killStuck(child, run, false);
  }

  function stopWatchdog(): void {
    if (watchdog) clearInterval(watchdog);
    watchdog = null;
  }

  // An idle sandbox process must not keep the runtime (or a CLI run) alive.
  function idle(c: Child): void {
    c.process.unref();
    (c.process.channel as { unref?: () => void } | undefined)?.unref?.();
  }
  function busy(c: Child): void {
    c.process.ref();
    (c.process.channel as { ref?: () => void } | undefined)?.ref?.();
    if (watchdog) return;
    lastTick = performance.now();
    watchdog = setInterval(tick, WATCHDOG_EVERY_MS);
    watchdog.unref();
  }

  function run(request: RawRun): Promise<RawResult> {
    if (closed)
      return Promise.resolve({
        ok: false,
        kind: "runtime",
        message: "the sandbox is closed",
        logs: [],
        ms: 0,
      });
    const key = `${request.limits.memoryMb}\u0000${request.workspaceId}`;
    if (!recent.has(key)) sparesDirty = true;
    recent.set(key, { memoryMb: request.limits.memoryMb, at: Date.now() });
    flushSpares();
    return new Promise<RawResult>((resolve) => {
      dispatch({
        id: nextId++,
        request,
        resolve,
        acked: false,
        effects: false,
        moved: false,
        sentAt: 0,
        ackedAt: 0,
      });
    });
  }

  return {
    run,
    get restarts() {
      return replaced;
    },
    get pid() {
      return primary?.process.pid;
    },
    /** The warm standby's process, once it is ready to take over (undefined until then). */
    get standbyPid() {
      return standby?.ready && !standby.dead ? standby.process.pid : undefined;
    },
    async close() {
      closed = true;
      if (standbyTimer) clearTimeout(standbyTimer);
      stopWatchdog();
      const all = [...children];
      primary = null;
      standby = null;
      await Promise.all(
        all.map((c) => {
          const exited = new Promise<void>((resolve) => {
            if (c.process.exitCode !== null || c.process.signalCode !== null) resolve();
            else c.process.once("exit", () => resolve());
          });
          kill(c);
          c.process.ref(); // keeps this process alive until the exit event arrives
          for (const p of [...c.pending.values(), ...c.waiting])
            p.resolve(failure("runtime", "the sandbox is closed", p));
          c.pending.clear();
          c.waiting = [];
          return exited;
        }),
      );
    },
  };
}

function failure(kind: "runtime" | "timeout" | "memory", message: string, p: Pending): RawResult {
  return { ok: false, kind, message, logs: [], ms: p.sentAt ? performance.now() - p.sentAt : 0 };
}

/**
 * The main thread of a process: CPU time so far, and whether it sleeps. isolated-vm parks the thread
 * of an isolate that ran out of memory in an allocation V8 cannot fail (a string flatten, for one)
 * for good; a thread that computes without answering is in an operation V8 cannot interrupt. Linux
 * /proc only (elsewhere: undefined). utime and stime count clock ticks of 10 ms.
 */
function mainThread(pid: number): { cpuMs: number; parked: boolean } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/task/${pid}/stat`, "utf8");
    // "pid (name) S ppid …": fields after the last ")", as the name may contain anything.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { cpuMs: (Number(fields[11]) + Number(fields[12])) * 10, parked: fields[0] === "S" };
  } catch {
    return undefined;
  }
}

function residentKb(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
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
