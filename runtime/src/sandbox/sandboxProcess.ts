// Entry point of the sandbox process that processExecutor.ts forks. Isolates live here, so when V8
// loses control of one (an out-of-memory inside an allocation that cannot be interrupted, a thread
// that will not terminate), this process dies and is replaced while the runtime carries on.
import type { ExecutorOptions, RawRun } from "./executor.ts";
import { createLocalExecutor } from "./localExecutor.ts";

type Message = { type: "run"; id: number; run: RawRun } | { type: "close" } | { type: "ping" };

const send = (message: unknown, done?: () => void) => {
  if (!process.connected) return done?.();
  if (done) process.send?.(message, undefined, {}, () => done());
  else process.send?.(message);
};

const options = JSON.parse(process.env.BENTENG_SANDBOX_OPTIONS ?? "null") as ExecutorOptions | null;
if (!options || !process.send) {
  process.stderr.write("sandboxProcess.ts is started by the sandbox, not by hand\n");
  process.exit(2);
}

const executor = createLocalExecutor(
  options,
  (message) => {
    // After a catastrophic error V8's state is undefined: report, then end without running any more
    // JavaScript or destructors (a stuck isolate thread could block a normal exit forever).
    const die = () => process.kill(process.pid, "SIGKILL");
    setTimeout(die, 100).unref();
    send({ type: "catastrophic", message }, die);
  },
  /* syncFastPath: this process's event loop serves nothing but scripts */ true,
);

process.on("message", (message: Message) => {
  if (message.type === "close") {
    void executor.close().then(() => process.exit(0));
    return;
  }
  if (message.type === "ping") return send({ type: "pong" });
  if (message.type !== "run") return;
  executor.run(message.run).then(
    (result) => send({ type: "result", id: message.id, result }),
    (e: unknown) =>
      send({
        type: "result",
        id: message.id,
        result: { ok: false, kind: "runtime", message: `the sandbox failed: ${String(e)}`, logs: [], ms: 0 },
      }),
  );
});
// The parent going away (crash, kill -9) must not leave an orphan running scripts.
process.on("disconnect", () => process.exit(0));
send({ type: "ready" });
