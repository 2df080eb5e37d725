// The script sandbox's public surface; everything else in this folder is an implementation detail.
//
// How a run is isolated (details in isolateRealm.js, warmIsolate.ts, processExecutor.ts):
// - isolates live in a supervised child process (sandboxProcess.ts) with a minimal environment, and
//   a warm standby process waits to take over: a script V8 cannot stop (an operation it cannot
//   interrupt, an out-of-memory it can only park the thread on) costs its own run, the runs queued
//   behind it move to the standby at once, and nobody waits for a restart. `isolation: "in-process"`
//   exists for tools that accept the risk;
// - a run holds the sandbox process's thread (the fast path: no thread hop) for at most
//   SYNC_BUDGET_MS; longer, it runs again from the start on an isolate thread, which it may as it
//   cannot have done anything outside its isolate yet;
// - isolated-vm isolates are pooled per workspace (and memory limit); each realm is frozen once with
//   SES lockdown (WebAssembly, SharedArrayBuffer, Atomics, FinalizationRegistry, WeakRef removed);
// - every run gets a fresh SES Compartment (global object, capabilities, input); nothing a run
//   creates is reachable by the next one — isolation.test.ts tries, adversarial.test.ts attacks;
// - a script is compiled as a function body, never spliced into source: V8's own Function
//   constructor must accept it as exactly one body before it is evaluated (scriptSource.ts);
// - limits: wall time (host timer that disposes the isolate), CPU time (isolate.cpuTime), memory
//   (isolate limit; the isolate is replaced), output and log size (checked inside and outside); a
//   run stopped by the clock is reported as memory when memory is what it ran out of
//   (memoryOrTime.test.ts);
// - fetch is resolved, checked (public addresses only, also after each redirect) and connected by
//   the host to the checked address; secrets.get sees only the secrets the block declares.
export { refuseAddress } from "./addressPolicy.ts";
export { checkScriptSyntax, type SyntaxCheck } from "./checkScriptSyntax.ts";
export {
  createSandbox,
  type RunLimits,
  runLimitsSchema,
  type Sandbox,
  type SandboxOptions,
  type SchemaLike,
  type ScriptRun,
} from "./createSandbox.ts";
export {
  formatScriptError,
  type ScriptError,
  type ScriptErrorKind,
  type ScriptResult,
  scriptError,
  scriptErrorKindSchema,
  scriptErrorSchema,
  scriptResultSchema,
} from "./scriptResult.ts";
