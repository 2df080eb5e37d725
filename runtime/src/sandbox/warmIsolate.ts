import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import ivm from "isolated-vm";
import type { ScriptErrorKind } from "./scriptResult.ts";

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
}

export type RawOutcome =
  | { ok: true; resultJson: string; ms: number; memoryBytes?: number }
  | { ok: false; kind: ScriptErrorKind; message: string; ms: number };

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

/**
 * One isolate whose realm is locked down once and then runs scripts one at a time, each in a fresh
 * Compartment. It is thrown away (never reused) after a timeout, an out-of-memory, a run that left
 * host calls pending, or too many runs.
 */
export class WarmIsolate {
  readonly memoryMb: number;
  runs = 0;
  private readonly isolate: ivm.Isolate;
  private runRef: ivm.Reference<RealmRun> | null = null;
  private prepareRef: ivm.Reference<() => void> | null = null;
  private startRef: ivm.Reference<(...args: Parameters<RealmRun>) => void> | null = null;
  private takeRef: ivm.Reference<() => string | undefined> | null = null;
  private waitRef: ivm.Reference<() => Promise<string>> | null = null;
  private active: ActiveRun | null = null;
  private nextToken = 1;
  private retired = false;

  private constructor(memoryMb: number, onCatastrophicError: (message: string) => void) {
    this.memoryMb = memoryMb;
    this.isolate = new ivm.Isolate({
      memoryLimit: memoryMb + REALM_OVERHEAD_MB,
      onCatastrophicError,
    });
  }

  /** Creates the isolate and freezes its realm, off the main thread (isolated-vm's async calls). */
  static async create(
    memoryMb: number,
    onCatastrophicError: (message: string) => void,
  ): Promise<WarmIsolate> {
    const warm = new WarmIsolate(memoryMb, onCatastrophicError);
    try {
      await warm.boot();
    } catch (e) {
      warm.dispose();
      throw e;
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

  /**
   * Runs one script. With `sync`, the script first runs on the calling thread (no thread hop: ~20 µs
   * instead of ~120 µs for a trivial script) and only a script still waiting on the host continues
   * asynchronously. That blocks the caller's event loop for up to the time limit, so only the
   * sandbox process uses it, and only for workspaces whose scripts have been quick.
   */
  async run(
    req: RunRequest,
    measureMemory: boolean,
    sync = false,
  ): Promise<RawOutcome & { syncMs?: number }> {
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
    const started = performance.now();
    const cpuStart = this.isolate.cpuTime;

    let settle!: (o: RawOutcome) => void;
    const outcome = new Promise<RawOutcome>((resolve) => {
      settle = resolve;
    });
    let settled = false;
    const finish = (o: RawOutcome) => {
      if (settled) return;
      settled = true;
      settle(o);
    };
    const stop = (kind: ScriptErrorKind, message: string) => {
      finish({ ok: false, kind, message, ms: performance.now() - started });
      // isolated-vm's own timeout does not cover awaited promises, getters on thrown objects or
      // callbacks after a call returned: the only reliable stop is to dispose the isolate.
      this.dispose();
    };

    // Wall time: a host timer, because nothing inside the isolate can be trusted to return.
    let wallTimer: NodeJS.Timeout | undefined;
    // CPU time can only be spent while wall time passes, so it needs checking only after cpuMs of
    // wall time, then again after whatever budget is left: no polling cost for fast runs.
    let cpuTimer: NodeJS.Timeout | undefined;
    const checkCpu = () => {
      if (settled || this.isolate.isDisposed) return;
      const usedMs = Number(this.isolate.cpuTime - cpuStart) / 1e6;
      if (usedMs >= req.cpuMs) stop("timeout", `the script used more than ${req.cpuMs} ms of CPU time`);
      else cpuTimer = setTimeout(checkCpu, Math.max(1, req.cpuMs - usedMs));
    };
    const armTimers = (wallLeftMs: number) => {
      wallTimer = setTimeout(
        () => stop("timeout", `the script ran longer than ${req.timeoutMs} ms`),
        wallLeftMs,
      );
      if (req.cpuMs < req.timeoutMs) checkCpu();
    };

    const args = [
      token,
      req.code,
      req.inputJson,
      req.secretsJson,
      req.maxOutputBytes,
      req.maxLogBytes,
    ] as const;
    let syncMs: number | undefined;
    let hostCallsLeft = false;
    const execute = (): Promise<unknown> => {
      if (!sync) {
        armTimers(req.timeoutMs);
        return this.runRef!.apply(
          undefined,
          [...args],
          Object.assign(Object.create(null) as object, {
            result: Object.assign(Object.create(null) as object, { promise: true }),
            // Covers the synchronous part (and, in practice, microtask loops) on the isolate's thread.
            timeout: req.timeoutMs,
          }),
        );
      }
      try {
        // isolated-vm's timeout covers this whole call, microtasks included. On this thread wall
        // time is CPU time, so the tighter of the two limits applies.
        this.startRef!.applySync(
          undefined,
          [...args],
          Object.assign(Object.create(null) as object, { timeout: Math.min(req.timeoutMs, req.cpuMs) }),
        );
        const envelope = this.takeRef!.applySync(undefined, []);
        syncMs = performance.now() - started;
        if (envelope !== undefined) return Promise.resolve(envelope);
      } catch (e) {
        syncMs = performance.now() - started;
        return Promise.reject(e);
      }
      const left = Math.max(1, req.timeoutMs - (performance.now() - started));
      armTimers(left);
      return this.waitRef!.apply(
        undefined,
        [],
        Object.assign(Object.create(null) as object, {
          result: Object.assign(Object.create(null) as object, { promise: true }),
          timeout: Math.ceil(left),
        }),
      );
    };
    execute().then(
      (reply: unknown) => {
        const ms = performance.now() - started;
        if (typeof reply !== "string")
          return finish({ ok: false, kind: "runtime", message: "no result", ms });
        hostCallsLeft = reply.startsWith("P");
        const envelope = hostCallsLeft ? reply.slice(1) : reply;
        if (envelope.startsWith("R")) {
          const resultJson = envelope.slice(1);
          // Checked again on this side: the realm counted UTF-16 units, the limit is in bytes.
          if (Buffer.byteLength(resultJson) > req.maxOutputBytes)
            return finish({
              ok: false,
              kind: "output-limit",
              message: `the result is larger than the limit of ${req.maxOutputBytes} bytes`,
              ms,
            });
          return finish({
            ok: true,
            resultJson,
            ms,
            ...(measureMemory ? { memoryBytes: this.heapUsedBytes() } : {}),
          });
        }
        const parsed = parseErrorEnvelope(envelope.slice(1));
        finish({ ok: false, kind: parsed.kind, message: parsed.message, ms });
      },
      (e: unknown) => {
        const ms = performance.now() - started;
        const message = e instanceof Error ? e.message : String(e);
        if (/memory limit/i.test(message) || (this.isolate.isDisposed && !settled)) {
          this.dispose();
          return finish({
            ok: false,
            kind: "memory",
            message: `the script used more than ${this.memoryMb} MB of memory`,
            ms,
          });
        }
        if (/timed out/i.test(message)) {
          this.dispose();
          return finish({
            ok: false,
            kind: "timeout",
            message:
              sync && req.cpuMs < req.timeoutMs
                ? `the script used more than ${req.cpuMs} ms of CPU time`
                : `the script ran longer than ${req.timeoutMs} ms`,
            ms,
          });
        }
        this.dispose();
        finish({ ok: false, kind: "runtime", message: `the sandbox stopped the script: ${message}`, ms });
      },
    );

    const result = await outcome;
    if (wallTimer) clearTimeout(wallTimer);
    if (cpuTimer) clearTimeout(cpuTimer);
    this.active = null;
    // A run that returned while its fetches were still in flight would get their continuations
    // delivered during a later run: abort them and never reuse this isolate.
    if (active.pendingFetches > 0 || hostCallsLeft) {
      for (const c of active.fetches) c.abort();
      this.dispose();
    }
    if (!this.isolate.isDisposed) {
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
      // What runs leave behind that no GC can free (the Symbol.for registry, for one) would
      // eventually make an innocent later run hit the memory limit: replace a filling isolate.
      if (this.runs % HEAP_CHECK_EVERY === 0) {
        const used = this.heapUsedBytes() ?? 0;
        if (used > (this.memoryMb + REALM_OVERHEAD_MB) * 1024 * 1024 * 0.6) this.dispose();
      }
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
    return syncMs === undefined ? result : { ...result, syncMs };
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

function parseErrorEnvelope(json: string): { kind: ScriptErrorKind; message: string } {
  try {
    const v = JSON.parse(json) as { kind?: unknown; message?: unknown };
    const kind = errorKinds.has(v.kind as ScriptErrorKind) ? (v.kind as ScriptErrorKind) : "runtime";
    return { kind, message: typeof v.message === "string" ? v.message : "the script failed" };
  } catch {
    return { kind: "runtime", message: "the script failed" };
  }
}
