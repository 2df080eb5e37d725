// Entry point of the sandbox process that processExecutor.ts forks. Isolates live here, so when V8
// loses control of one (an out-of-memory inside an allocation that cannot be interrupted, a thread
// that will not terminate), this process dies or is replaced while the runtime carries on.
//
// Protocol (the supervisor relies on its order): every "run" is answered, before the next message
// is handled, by either its "result" (it finished on this thread) or an "ack" (it continues off this
// thread), and "effects" is sent before a run's first request leaves (the only thing a script can
// do outside its isolate). So a run that was neither answered nor acknowledged when this process
// was killed was stuck in, or queued behind, the run on its thread; and a run without "effects"
// never did anything that running it again elsewhere could repeat.
import type { ExecutorOptions, RawResult, RawRun } from "./executor.ts";
import { createLocalExecutor } from "./localExecutor.ts";

export type ToSandbox =
  | { type: "run"; id: number; run: RawRun; sync: boolean }
  | { type: "spares"; targets: Record<number, number> }
  | { type: "close" };

export type FromSandbox =
  | { type: "ready" }
  | { type: "ack"; id: number }
  | { type: "effects"; id: number }
  | { type: "result"; id: number; result: RawResult }
  /** An isolate thread will not stop: this process should take no more runs and be replaced. */
  | { type: "condemned"; reason: string }
  /** V8 lost control of an isolate while it served run `id` (if any); this process ends now. */
  | { type: "catastrophic"; message: string; id?: number };

const send = (message: FromSandbox, done?: () => void) => {
  if (!process.connected) return done?.();
  // Always with a callback: without one, a write to a supervisor that has gone (EPIPE while it shuts
  // down) is an 'error' event that ends this process with a stack trace. Gone is 'disconnect's job.
  process.send?.(message, undefined, {}, () => done?.());
};

const options = JSON.parse(process.env.BENTENG_SANDBOX_OPTIONS ?? "null") as ExecutorOptions | null;
if (!options || !process.send) {
  process.stderr.write("sandboxProcess.ts is started by the sandbox, not by hand\n");
  process.exit(2);
}

let condemned = false;
const executor = createLocalExecutor(options, {
  onCatastrophicError(message, tag) {
    // isolated-vm gave up on a thread that would not stop and froze it: its run is long answered
    // (see onStuck), the other isolates are unharmed, so this process is drained, not ended.
    if (/failed to terminate/i.test(message)) return condemn();
    // After an out-of-memory V8's state is undefined: report, then end without running any more
    // JavaScript or destructors (a stuck isolate thread could block a normal exit forever).
    const die = () => process.kill(process.pid, "SIGKILL");
    setTimeout(die, 100).unref();
    send({ type: "catastrophic", message, ...(typeof tag === "number" ? { id: tag } : {}) }, die);
  },
  onStuck: condemn,
  onEffects(tag) {
    if (typeof tag === "number") send({ type: "effects", id: tag });
  },
});

function condemn(): void {
  if (condemned) return;
  condemned = true;
  send({ type: "condemned", reason: "a script's thread did not stop when its isolate was disposed" });
}

const failure = (e: unknown): RawResult => ({
  ok: false,
  kind: "runtime",
  message: `the sandbox failed: ${String(e)}`,
  logs: [],
  ms: 0,
});

process.on("message", (message: ToSandbox) => {
  if (message.type === "close") {
    void executor.close().then(() => process.exit(0));
    return;
  }
  if (message.type === "spares") return executor.setSpareTargets(message.targets);
  if (message.type !== "run") return;
  const { id } = message;
  let started: RawResult | Promise<RawResult>;
  try {
    started = executor.start(message.run, message.sync, id);
  } catch (e) {
    return send({ type: "result", id, result: failure(e) });
  }
  if (!(started instanceof Promise)) return send({ type: "result", id, result: started });
  send({ type: "ack", id });
  started.then(
    (result) => send({ type: "result", id, result }),
    (e: unknown) => send({ type: "result", id, result: failure(e) }),
  );
});
// The parent going away (crash, kill -9) must not leave an orphan running scripts.
process.on("disconnect", () => process.exit(0));
send({ type: "ready" });
