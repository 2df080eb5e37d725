// The script sandbox's public surface; everything else in this folder is an implementation detail.
//
// How a run is isolated (details in isolateRealm.js, warmIsolate.ts, processExecutor.ts):
// - isolates live in a supervised child process (sandboxProcess.ts) with a minimal environment, so a
//   V8 failure that cannot be recovered in-process (e.g. an out-of-memory inside a string flatten)
//   only restarts that process; `isolation: "in-process"` exists for tools that accept the risk;
// - isolated-vm isolates are pooled per workspace (and memory limit); each realm is frozen once with
//   SES lockdown (WebAssembly, SharedArrayBuffer, Atomics, FinalizationRegistry, WeakRef removed);
// - every run gets a fresh SES Compartment (global object, capabilities, input); nothing a run
//   creates is reachable by the next one — isolation.test.ts tries, adversarial.test.ts attacks;
// - limits: wall time (host timer that disposes the isolate), CPU time (isolate.cpuTime), memory
//   (isolate limit; the isolate is replaced), output and log size (checked inside and outside);
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
  type ScriptErrorKind,
  type ScriptResult,
  scriptErrorKindSchema,
  scriptResultSchema,
} from "./scriptResult.ts";
