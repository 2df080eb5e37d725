import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import ivm from "isolated-vm";
import type { ScriptError, ScriptErrorKind } from "./scriptResult.ts";
import { scriptFrame } from "./scriptSource.ts";

const require = createRequire(import.meta.url);
// The self-contained build of SES (lockdown, harden, Compartment) that runs in a bare V8 realm.
const sesSource = readFileSync(
  join(dirname(require.resolve("ses/package.json")), "dist", "ses.umd.min.js"),
  "utf8",
);
const realmSource = readFileSync(new URL("./isolateRealm.js", import.meta.url), "utf8");

// Removed before SES captures the intrinsics: WebAssembly memory is not counted by memoryLimit;
// FinalizationRegistry callbacks and WeakRef could run or observe across runs; shared memory and
// Atomics.wait have no place in a per-run script.
const prelude = `for (const n of ["WebAssembly","SharedArrayBuffer","Atomics","FinalizationRegistry","WeakRef"]) delete globalThis[n];`;

/** SES and the realm code take some heap before any script runs; the script's limit comes on top. */
export const REALM_OVERHEAD_MB = 8;
/** Runs between checks of how full an isolate's heap is (a check costs tens of microseconds). */
const HEAP_CHECK_EVERY = 100;
/**
 * The host's wall-time timer fires this long after isolated-vm's own timeout, so that a script V8 can
 * interrupt is stopped by isolated-vm, with its heap still readable to tell memory from time (one
 * busy in the garbage collector at its memory limit ends a little late); only a thread V8 cannot
 * interrupt, or a script waiting on a promise, needs the timer.
 */
const WALL_BACKSTOP_MS = 50;
/** How long a run stopped by the host's timer waits for its heap's size before guessing from RSS. */
const HEAP_READ_WAIT_MS = 20;
/** A script stopped by the clock with its heap at least this full ran into its memory limit… */
const HEAP_FULL = 0.9;
/** …of which the run itself added at least this share (the rest may be earlier runs' garbage)… */
const HEAP_FILLED_BY_RUN = 0.25;
/** …or, stopped while still running, with the process grown by this share of its limit… */
const RSS_SHARE_OF_LIMIT = 0.75;
/** …and stopped early, as memory, once the process grew by this many times its isolate's limit. */
const RSS_RUNAWAY = 2;
/** What booting one isolate may add to the process's resident memory. */
const BOOT_MB = 16;
/** How often a run off the calling thread looks whether its isolate was torn down or ran away. */
const MEMORY_WATCH_EVERY_MS = 100;
/**
 * A thread still running this long after its isolate was disposed will not stop (see onStuck); the
 * run's outcome does not wait for it, so this can be generous to a busy machine's scheduler.
 */
const STUCK_AFTER_MS = 500;

/**
 * One timer for every run off the calling thread: it samples the process's resident memory and lets
 * each run look at its isolate. It keeps going a while after the last run, for the next one.
 */
const monitor = {
  rss: 0,
  checks: new Set<(alone: boolean) => void>(),
  timer: null as NodeJS.Timeout | null,
  idleTicks: 0,
  watch(check: (alone: boolean) => void): () => void {
    if (!monitor.timer) {
      monitor.rss = process.memoryUsage.rss();
      monitor.timer = setInterval(() => {
        monitor.rss = process.memoryUsage.rss();
        for (const c of monitor.checks) c(monitor.checks.size === 1);
        monitor.idleTicks = monitor.checks.size === 0 ? monitor.idleTicks + 1 : 0;
        if (monitor.idleTicks > 10 && monitor.timer) {
          clearInterval(monitor.timer);
          monitor.timer = null;
        }
      }, MEMORY_WATCH_EVERY_MS);
      monitor.timer.unref();
    }
    monitor.checks.add(check);
    return () => monitor.checks.delete(check);
  },
};

/** What one run needs from the host side, per run. */
export interface RunRequest {
  code: string;
  inputJson: string;
  secretsJson: string;
  timeoutMs: number;
  cpuMs: number;
  maxOutputBytes: number;
  maxLogBytes: number;
  onLog: (line: string) => void;
  /** Must resolve (never reject) with the JSON reply the realm expects. */
  onFetch: (requestJson: string, signal: AbortSignal) => Promise<string>;
  /**
   * Called when the run's isolate thread keeps running after the isolate was disposed: an operation
   * V8 cannot interrupt (e.g. filling a huge sparse array). The run's outcome is unaffected; the
   * thread will burn CPU and memory until isolated-vm gives up on it, so the process should go.
   */
  onStuck?: () => void;
  /** Handed to onCatastrophicError when V8 loses control of the isolate during this run. */
  tag?: unknown;
}

export type RawOutcome =
  | { ok: true; resultJson: string; ms: number; memoryBytes?: number }
  | ({
      ok: false;
      ms: number;
      /**
       * Stopped at the sync budget (below its own limits) before it could wait on the host: it did
       * nothing outside its isolate, so the caller may run it again off this thread, on this same
       * isolate (no other run comes between), and must retire the isolate after that run.
       */
      overBudget?: true;
    } & ScriptError);

interface ActiveRun {
  token: number;
  onLog: (line: string) => void;
  onFetch: RunRequest["onFetch"];
  fetches: Set<AbortController>;
  pendingFetches: number;
}

type RealmRun = (
  token: number,
  code: string,
  inputJson: string,
  secretsJson: string,
  maxOutputChars: number,
  maxLogChars: number,
) => Promise<string>;

const applyOptions = (timeoutMs: number, promise: boolean) =>
  Object.assign(Object.create(null) as object, {
    ...(promise ? { result: Object.assign(Object.create(null) as object, { promise: true }) } : {}),
    timeout: Math.max(1, Math.ceil(timeoutMs)),
  });

/**
 * One isolate whose realm is locked down once and then runs scripts one at a time, each in a fresh
 * Compartment. It is thrown away (never reused) after a timeout, an out-of-memory, a run that left
 * host calls pending, or too many runs.
 */
export class WarmIsolate {
  /** Boots started or finished in this process so far (see continueAsync). */
  static boots = 0;
  readonly memoryMb: number;
  runs = 0;
  /** Set when a disposed isolate's thread would not stop: the process holding it should be replaced. */
  stuck = false;
  private readonly isolate: ivm.Isolate;
  private runRef: ivm.Reference<RealmRun> | null = null;
  private prepareRef: ivm.Reference<() => void> | null = null;
  private startRef: ivm.Reference<(...args: Parameters<RealmRun>) => void> | null = null;
  private takeRef: ivm.Reference<() => string | undefined> | null = null;
  private waitRef: ivm.Reference<() => Promise<string>> | null = null;
  private active: ActiveRun | null = null;
  private activeTag: unknown;
  private nextToken = 1;
  private retired = false;

  private constructor(memoryMb: number, onCatastrophicError: (message: string, tag: unknown) => void) {
    this.memoryMb = memoryMb;
    this.isolate = new ivm.Isolate({
      memoryLimit: memoryMb + REALM_OVERHEAD_MB,
      onCatastrophicError: (message: string) => onCatastrophicError(message, this.activeTag),
    });
  }

  /** Creates the isolate and freezes its realm, off the main thread (isolated-vm's async calls). */
  static async create(
    memoryMb: number,
    onCatastrophicError: (message: string, tag: unknown) => void,
  ): Promise<WarmIsolate> {
    WarmIsolate.boots++;
    const warm = new WarmIsolate(memoryMb, onCatastrophicError);
    try {
      await warm.boot();
      // One run through the whole path compiles what every run uses, so the first real one (often
      // a workspace's first after its process was replaced) is as quick as the next.
      const warmUp = await warm.run(
        {
          code: "return 1",
          inputJson: "{}",
          secretsJson: "{}",
          timeoutMs: 5_000,
          cpuMs: 5_000,
          maxOutputBytes: 16,
          maxLogBytes: 0,
          onLog: () => {},
          onFetch: async () => "",
        },
        false,
      );
      if (!warmUp.ok) throw new Error(`the sandbox realm failed its first run: ${warmUp.message}`);
      warm.runs = 0;
    } catch (e) {
      warm.dispose();
      throw e;
    } finally {
      WarmIsolate.boots++;
    }
    return warm;
  }

  private async boot(): Promise<void> {
    const context = await this.isolate.createContext();
    const global = context.global;
    // Host capabilities: log is a Callback (a plain function inside), fetch a Reference whose apply()
    // lets the realm await the host's promise. Only strings cross either way. The realm captures both
    // in a closure and deletes the globals before any script runs.
    await global.set(
      "__bentengHostLog",
      // sync: delivered before the run's result, also when the script runs on the calling thread.
      new ivm.Callback((token: unknown, line: unknown) => this.hostLog(token, line), { sync: true }),
    );
    await global.set(
      "__bentengHostFetch",
      new ivm.Reference((token: unknown, request: unknown) => this.hostFetch(token, request)),
    );
    await global.set("__bentengScriptFrame", JSON.stringify(scriptFrame));
    await context.eval(prelude);
    await context.eval(sesSource, { filename: "ses.js" });
    await context.eval(realmSource, { filename: "realm.js" });
    const report = JSON.parse((await global.get("__bentengRealmReport")) as string) as {
      frozen: boolean;
      removed: string[];
    };
    if (!report.frozen || report.removed.length !== 5)
      throw new Error(`the sandbox realm failed its self-check: ${JSON.stringify(report)}`);
    this.runRef = (await global.get("__bentengRun", { reference: true })) as ivm.Reference<RealmRun>;
    this.prepareRef = (await global.get("__bentengPrepare", { reference: true })) as ivm.Reference<
      () => void
    >;
    this.startRef = (await global.get("__bentengStart", { reference: true })) as typeof this.startRef;
    this.takeRef = (await global.get("__bentengTake", { reference: true })) as typeof this.takeRef;
    this.waitRef = (await global.get("__bentengWait", { reference: true })) as typeof this.waitRef;
    for (const name of [
      "__bentengRun",
      "__bentengPrepare",
      "__bentengStart",
      "__bentengTake",
      "__bentengWait",
    ])
      await global.delete(name);
    await this.prepareRef.apply(undefined, []);
    await global.delete("__bentengRealmReport");
  }

  get reusable(): boolean {
    return !this.retired && !this.isolate.isDisposed;
  }

  /** Retires the isolate; guarded because isolated-vm throws when disposing twice. */
  dispose(): void {
    this.retired = true;
    if (!this.isolate.isDisposed) {
      try {
        this.isolate.dispose();
      } catch {
        // Already being torn down by isolated-vm after an out-of-memory: nothing left to free.
      }
    }
  }

  heapUsedBytes(): number | undefined {
    if (this.isolate.isDisposed) return undefined;
    try {
      const s = this.isolate.getHeapStatisticsSync();
      return s.used_heap_size + s.externally_allocated_size;
    } catch {
      return undefined;
    }
  }

  /** Runs one script; see start(). */
  async run(req: RunRequest, measureMemory: boolean, sync = false): Promise<RawOutcome> {
    return this.start(req, measureMemory, sync);
  }

  /**
   * Starts one run. With `sync`, the script first runs on the calling thread (no thread hop: ~20 µs
   * instead of ~120 µs for a trivial script) for at most `syncBudgetMs`, and the outcome is returned
   * directly when it finished there; a script still waiting on the host continues asynchronously
   * (a promise is returned, before any host call of the script has started). A script over the budget
   * is stopped with `overBudget`. Without `sync` the run is on an isolate thread (a promise).
   */
  start(
    req: RunRequest,
    measureMemory: boolean,
    sync = false,
    syncBudgetMs = Number.POSITIVE_INFINITY,
  ): RawOutcome | Promise<RawOutcome> {
    if (!this.runRef || !this.reusable) throw new Error("this isolate is retired");
    this.runs++;
    const token = this.nextToken++;
    const active: ActiveRun = {
      token,
      onLog: req.onLog,
      onFetch: req.onFetch,
      fetches: new Set(),
      pendingFetches: 0,
    };
    this.active = active;
    this.activeTag = req.tag;
    const started = performance.now();
    const cpuStart = this.isolate.cpuTime;
    const args = [
      token,
      req.code,
      req.inputJson,
      req.secretsJson,
      req.maxOutputBytes,
      req.maxLogBytes,
    ] as const;
    const tightest = Math.min(req.timeoutMs, req.cpuMs);
    const cpuMessage = `the script used more than ${req.cpuMs} ms of CPU time`;
    const wallMessage = `the script ran longer than ${req.timeoutMs} ms`;
    const timeMessage = req.cpuMs < req.timeoutMs ? cpuMessage : wallMessage;
    const done = (outcome: RawOutcome, hostCallsLeft = false) =>
      this.afterRun(req, active, outcome, cpuStart, hostCallsLeft, measureMemory, sync);

    if (!sync)
      return this.continueAsync(
        req,
        () => this.runRef!.apply(undefined, [...args], applyOptions(req.timeoutMs, true)),
        started,
        cpuStart,
        timeMessage,
        wallMessage,
        cpuMessage,
      ).then(([outcome, hostCallsLeft]) => done(outcome, hostCallsLeft));

    const budget = Math.min(tightest, syncBudgetMs);
    let envelope: string | undefined;
    try {
      // isolated-vm's timeout covers this whole call, microtasks included. On this thread wall
      // time is CPU time, so the tighter of the two limits applies.
      this.startRef!.applySync(undefined, [...args], applyOptions(budget, false));
      envelope = this.takeRef!.applySync(undefined, []);
    } catch (e) {
      const ms = performance.now() - started;
      const failure = this.classifyStop(e, timeMessage, undefined);
      // Stopped by the budget, not by its own limits: it may run again at once (see overBudget).
      if (failure.kind === "timeout" && budget < tightest && this.reusable) {
        this.active = null;
        this.activeTag = undefined;
        return { ok: false, overBudget: true, kind: "timeout", message: failure.message, ms };
      }
      this.dispose();
      return done({ ok: false, ...failure, ms });
    }
    if (envelope !== undefined) {
      const hostCallsLeft = envelope.startsWith("P");
      const reply = hostCallsLeft ? envelope.slice(1) : envelope;
      return done(this.readEnvelope(reply, req, performance.now() - started), hostCallsLeft);
    }
    const left = req.timeoutMs - (performance.now() - started);
    return this.continueAsync(
      req,
      () => this.waitRef!.apply(undefined, [], applyOptions(left, true)),
      started,
      cpuStart,
      timeMessage,
      wallMessage,
      cpuMessage,
    ).then(([outcome, hostCallsLeft]) => done(outcome, hostCallsLeft));
  }

  /**
   * The part of a run that happens on an isolate thread (all of it, or after the calling thread's
   * part waited on the host): isolated-vm's timeout stops what V8 can interrupt; a host timer and a
   * CPU-time check stop the rest by disposing the isolate.
   */
  private continueAsync(
    req: RunRequest,
    call: () => Promise<unknown>,
    started: number,
    cpuStart: bigint,
    timeMessage: string,
    wallMessage: string,
    cpuMessage: string,
  ): Promise<[RawOutcome, boolean]> {
    const wallLeftMs = req.timeoutMs - (performance.now() - started);
    // Garbage of earlier runs counts in a heap that nothing collected since: only what this run
    // added says whether it filled the heap.
    const heapAtStart = this.heapUsedBytes() ?? 0;
    // The heap of a script the timer had to stop cannot be read (it is still running): whether
    // memory ran out shows as the process having grown by most of the script's limit. Most, as
    // pages freed by earlier isolates are reused without growing the process; isolates booted
    // meanwhile grow it as well, by up to BOOT_MB each.
    // Read now (about 12 µs, on this slower path only): the monitor's last sample may predate this
    // run's own isolate or the memory an earlier run still held, and a baseline off by that much
    // took a spinning script for one that grew the process past its limit.
    const rssAtStart = process.memoryUsage.rss();
    const bootsAtStart = WarmIsolate.boots;
    const grownMb = (rss: number) =>
      (rss - rssAtStart) / (1024 * 1024) - (WarmIsolate.boots - bootsAtStart) * BOOT_MB;
    const grewPastLimit = () => grownMb(process.memoryUsage.rss()) >= this.memoryMb * RSS_SHARE_OF_LIMIT;
    // isolated-vm reads a running script's heap without blocking this thread (a synchronous read
    // waits for a script holding its isolate): a moment's wait for it, undefined if it cannot.
    const readHeap = () =>
      Promise.race([
        this.isolate.getHeapStatistics().then(
          (s) => s.used_heap_size + s.externally_allocated_size,
          () => undefined,
        ),
        new Promise<undefined>((r) => setTimeout(r, HEAP_READ_WAIT_MS, undefined)),
      ]);
    return new Promise((resolve) => {
      let settled = false;
      let callSettled = false;
      let runawayCheck = false;
      let wallTimer: NodeJS.Timeout | undefined;
      let cpuTimer: NodeJS.Timeout | undefined;
      const unwatch = monitor.watch((alone) => {
        // isolated-vm tears the isolate down when a collection finds it over its limit, but a
        // thread busy in an operation V8 cannot interrupt never returns to say so.
        if (this.isolate.isDisposed && !this.retired) stop(wallMessage);
        // isolated-vm's limit is soft (a heap may grow far past it before it acts): a run that has
        // the process to itself and grew it by twice its whole isolate is stopped now, unless its
        // heap, when it can be read, is within its limit (then something else grew the process: an
        // earlier run's thread still ending, the host's own work).
        else if (
          alone &&
          !runawayCheck &&
          grownMb(monitor.rss) >= (this.memoryMb + REALM_OVERHEAD_MB) * RSS_RUNAWAY
        ) {
          runawayCheck = true;
          void readHeap().then((used) => {
            runawayCheck = false;
            if (used === undefined || used >= (this.memoryMb + REALM_OVERHEAD_MB) * 1024 * 1024)
              stop(wallMessage, true);
          });
        }
      });
      const finish = (outcome: RawOutcome, hostCallsLeft = false) => {
        if (settled) return;
        settled = true;
        if (wallTimer) clearTimeout(wallTimer);
        if (cpuTimer) clearTimeout(cpuTimer);
        unwatch();
        resolve([outcome, hostCallsLeft]);
      };
      let stopping = false;
      const stop = (message: string, runaway = false) => {
        if (settled || stopping) return;
        stopping = true;
        const end = (memory: boolean) => {
          if (settled) return;
          finish({
            ok: false,
            ...(memory ? this.memoryFailure() : { kind: "timeout", message }),
            ms: performance.now() - started,
          });
          // isolated-vm's own timeout does not cover awaited promises, getters on thrown objects or
          // callbacks after a call returned, nor operations V8 cannot interrupt: only disposing the
          // isolate ends them, and a thread that does not stop even then is reported.
          this.dispose();
          setTimeout(() => {
            if (callSettled) return;
            this.stuck = true;
            req.onStuck?.();
          }, STUCK_AFTER_MS).unref();
        };
        if (runaway || (this.isolate.isDisposed && !this.retired)) return end(true);
        // The heap decides when it can be read: the process's growth, which the host's own work
        // moves too (a first fetch loads the HTTP client; logs, isolates booting), only stands in for
        // it.
        void readHeap().then((used) =>
          end(used === undefined ? grewPastLimit() : this.heapFilled(used, heapAtStart)),
        );
      };
      // CPU time can only be spent while wall time passes, so it needs checking only after cpuMs of
      // wall time, then again after whatever budget is left: no polling cost for fast runs.
      const checkCpu = () => {
        if (settled || this.isolate.isDisposed) return;
        const usedMs = Number(this.isolate.cpuTime - cpuStart) / 1e6;
        if (usedMs >= req.cpuMs) stop(cpuMessage);
        else cpuTimer = setTimeout(checkCpu, Math.max(1, req.cpuMs - usedMs));
      };
      wallTimer = setTimeout(() => stop(wallMessage), Math.max(1, wallLeftMs) + WALL_BACKSTOP_MS);
      if (req.cpuMs < req.timeoutMs) checkCpu();
      call().then(
        (reply: unknown) => {
          callSettled = true;
          const ms = performance.now() - started;
          if (typeof reply !== "string")
            return finish({ ok: false, kind: "runtime", message: "no result", ms });
          const hostCallsLeft = reply.startsWith("P");
          finish(this.readEnvelope(hostCallsLeft ? reply.slice(1) : reply, req, ms), hostCallsLeft);
        },
        (e: unknown) => {
          callSettled = true;
          if (settled) return;
          // The process's growth is only a stand-in for a heap that cannot be read: other threads
          // (isolates booting, freed ones returning pages) move it too, so a readable heap decides.
          const heapReadable = this.heapUsedBytes() !== undefined;
          const failure = this.classifyStop(e, timeMessage, heapAtStart, !heapReadable && grewPastLimit());
          this.dispose();
          finish({ ok: false, ...failure, ms: performance.now() - started });
        },
      );
    });
  }

  /** What an exception out of isolated-vm means: the memory limit, the time limit, or the sandbox. */
  private classifyStop(
    e: unknown,
    timeMessage: string,
    heapAtStart: number | undefined,
    grewPastLimit = false,
  ): ScriptError {
    const message = e instanceof Error ? e.message : String(e);
    // Torn down by isolated-vm itself (not by us): that happens only when the memory limit is hit.
    const tornDown = this.isolate.isDisposed && !this.retired;
    if (/memory limit/i.test(message) || tornDown) return this.memoryFailure();
    // Stopped by the clock with a full heap (a script thrashing the garbage collector at its limit)
    // or, for the time it ran off this thread, with the process grown past the limit: memory.
    if (/timed out/i.test(message))
      return this.filledHeap(heapAtStart) || grewPastLimit
        ? this.memoryFailure()
        : { kind: "timeout", message: timeMessage };
    return { kind: "runtime", message: `the sandbox stopped the script: ${message}` };
  }

  private memoryFailure(): ScriptError {
    return { kind: "memory", message: `the script used more than ${this.memoryMb} MB of memory` };
  }

  /**
   * Whether the heap is full and this run filled it (by a fair share of the limit since
   * `heapAtStart`; unknown counts as no). Read right after isolated-vm stopped the script, before
   * anything collects its garbage.
   */
  private filledHeap(heapAtStart: number | undefined): boolean {
    const used = this.heapUsedBytes();
    return used !== undefined && this.heapFilled(used, heapAtStart);
  }

  private heapFilled(used: number, heapAtStart: number | undefined): boolean {
    const limit = (this.memoryMb + REALM_OVERHEAD_MB) * 1024 * 1024;
    if (used < limit * HEAP_FULL) return false;
    return heapAtStart !== undefined && used - heapAtStart >= limit * HEAP_FILLED_BY_RUN;
  }

  /** The realm's reply: "R" + JSON of the result, or "E" + JSON of {kind, message, line?, column?}. */
  private readEnvelope(envelope: string, req: RunRequest, ms: number): RawOutcome {
    if (envelope.startsWith("R")) {
      const resultJson = envelope.slice(1);
      // Checked again on this side: the realm counted UTF-16 units, the limit is in bytes.
      if (Buffer.byteLength(resultJson) > req.maxOutputBytes)
        return {
          ok: false,
          kind: "output-limit",
          message: `the result is larger than the limit of ${req.maxOutputBytes} bytes`,
          ms,
        };
      return { ok: true, resultJson, ms };
    }
    return { ok: false, ...parseErrorEnvelope(envelope.slice(1)), ms };
  }

  /** Bookkeeping after every run, on whichever path it ended; retires the isolate where needed. */
  private afterRun(
    req: RunRequest,
    active: ActiveRun,
    result: RawOutcome,
    cpuStart: bigint,
    hostCallsLeft: boolean,
    measureMemory: boolean,
    sync: boolean,
  ): RawOutcome {
    if (this.active === active) {
      this.active = null;
      this.activeTag = undefined;
    }
    // A run that returned while its fetches were still in flight would get their continuations
    // delivered during a later run: abort them and never reuse this isolate.
    if (active.pendingFetches > 0 || hostCallsLeft) {
      for (const c of active.fetches) c.abort();
      this.dispose();
    }
    if (this.isolate.isDisposed) return result;
    const cpuMs = Number(this.isolate.cpuTime - cpuStart) / 1e6;
    if (cpuMs > req.cpuMs && result.ok) {
      this.dispose();
      return {
        ok: false,
        kind: "timeout",
        message: `the script used more than ${req.cpuMs} ms of CPU time`,
        ms: result.ms,
      };
    }
    const measured = result.ok && measureMemory ? { ...result, memoryBytes: this.heapUsedBytes() } : result;
    // What runs leave behind that no GC can free (the Symbol.for registry, for one) would
    // eventually make an innocent later run hit the memory limit: replace a filling isolate.
    if (this.runs % HEAP_CHECK_EVERY === 0) {
      const used = this.heapUsedBytes() ?? 0;
      if (used > (this.memoryMb + REALM_OVERHEAD_MB) * 1024 * 1024 * 0.6) this.dispose();
    }
    if (!this.isolate.isDisposed) {
      // Builds the next run's compartment while this isolate would otherwise sit idle: on an isolate
      // thread, or, in sync mode, on this thread once the result has been handed on.
      if (!sync) this.prepareRef?.applyIgnored(undefined, []);
      else
        setImmediate(() => {
          if (this.active === null && this.reusable) this.prepareRef?.applySync(undefined, []);
        });
    }
    return measured;
  }

  private hostLog(token: unknown, line: unknown): void {
    const active = this.active;
    if (!active || active.token !== token || typeof line !== "string") return;
    active.onLog(line);
  }

  private hostFetch(token: unknown, request: unknown): Promise<string> {
    const active = this.active;
    if (!active || active.token !== token || typeof request !== "string")
      return Promise.resolve(JSON.stringify({ ok: false, message: "the script has already finished" }));
    const controller = new AbortController();
    active.fetches.add(controller);
    active.pendingFetches++;
    return active.onFetch(request, controller.signal).then(
      (reply) => {
        active.pendingFetches--;
        active.fetches.delete(controller);
        return reply;
      },
      // onFetch never rejects by contract; this keeps a bug there from becoming an unhandled rejection.
      () => {
        active.pendingFetches--;
        active.fetches.delete(controller);
        return JSON.stringify({ ok: false, message: "the request failed" });
      },
    );
  }
}

const errorKinds = new Set<ScriptErrorKind>([
  "timeout",
  "memory",
  "output-limit",
  "runtime",
  "syntax",
  "output-schema",
]);

function parseErrorEnvelope(json: string): ScriptError {
  try {
    const v = JSON.parse(json) as { kind?: unknown; message?: unknown; line?: unknown; column?: unknown };
    const kind = errorKinds.has(v.kind as ScriptErrorKind) ? (v.kind as ScriptErrorKind) : "runtime";
    const position =
      Number.isInteger(v.line) && (v.line as number) >= 1
        ? { line: v.line as number, column: Number.isInteger(v.column) ? Math.max(1, v.column as number) : 1 }
        : {};
    return { kind, message: typeof v.message === "string" ? v.message : "the script failed", ...position };
  } catch {
    return { kind: "runtime", message: "the script failed" };
  }
}
