import type { ScriptError } from "./scriptResult.ts";

/** Settings of the part that runs isolates; plain data, because it is sent to the sandbox process. */
export interface ExecutorOptions {
  maxIsolatesPerWorkspace: number;
  maxIsolates: number;
  maxRunsPerIsolate: number;
  /**
   * How long a run may wait for one of its workspace's isolates while the workspace's other scripts
   * hold them all (at least the run's own time limit): the customer waits for a busy moment to pass
   * instead of taking the script's error path at once; past it the run fails as busy.
   */
  maxQueueWaitMs: number;
  /** Test-only: fetch may reach loopback addresses (and plain http on them). */
  allowLoopbackForTests: boolean;
  fetch: { maxResponseBytes: number; timeoutMs: number; maxRedirects: number; maxRequestsPerRun: number };
  /** Test-only fixed DNS answers (name → addresses); other names use the system resolver. */
  dnsOverrides?: Record<string, string[]>;
}

/** One run after the host validated input and limits: only strings and numbers cross from here on. */
export interface RawRun {
  workspaceId: string;
  code: string;
  inputJson: string;
  secrets: Record<string, string>;
  limits: { timeoutMs: number; memoryMb: number; cpuMs: number; maxOutputBytes: number; maxLogBytes: number };
  allowedHosts: string[];
  measureMemory: boolean;
}

export type RawResult = (
  | { ok: true; resultJson: string; memoryBytes?: number }
  | ({ ok: false } & ScriptError)
) & {
  logs: string[];
  ms: number;
  /** The run held the calling thread past the sync budget: its workspace should run off-thread. */
  slow?: true;
};

/** Runs scripts in isolates: in this process, or in a supervised child process. */
export interface Executor {
  run(run: RawRun): Promise<RawResult>;
  close(): Promise<void>;
}
