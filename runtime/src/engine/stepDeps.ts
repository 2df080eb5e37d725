import type { OutboundMessage, ScriptData, ScriptError } from "@benteng/shared";
import type { KeywordConfig } from "./keywords.ts";

/**
 * The outcome of a script block run by the sandbox; a failure is an outcome, not an exception, and
 * keeps the sandbox's structured error (kind, message, position) for the trace and the simulator.
 */
export type ScriptOutcome =
  | { ok: true; output: unknown; logs?: string[] }
  | { ok: false; error: ScriptError; logs?: string[] };

/** What the engine hands the sandbox for a script block: copies only. */
export interface ScriptRequest {
  /** The workspace whose isolates, secrets and limits the run uses. */
  workspaceId: string | undefined;
  blockId: string;
  /** The block's data, already validated with the flow version. */
  data: ScriptData;
  variables: Readonly<Record<string, unknown>>;
}

export interface GuardVerdict {
  blocked: boolean;
  reason?: string;
}

/** Everything the pure step function may call out to; all optional so the simulator can run bare. */
export interface StepDeps {
  /** Runs a script block in the sandbox (wired by the runtime; the engine never evaluates code itself). */
  runScript?: (request: ScriptRequest) => Promise<ScriptOutcome>;
  /** Checked on every filled-in outbound message; a blocked one is replaced by a safe fallback. */
  guardOutbound?: (
    message: OutboundMessage,
    where: {
      workspaceId: string | undefined;
      blockId: string;
      /** What the customer read earlier in this step (since they last wrote), oldest first. */
      earlier: readonly string[];
      /** The workspace's allow-listed hosts (links elsewhere that ask to log in are requests). */
      linkAllowlist: string[] | undefined;
    },
  ) => GuardVerdict;
  /**
   * The workspace's allow-listed hosts, for the guard's link check (bound per message by the
   * runtime, from the editor's workspace in the simulator). Absent: links are not judged.
   */
  linkAllowlist?: string[];
  /** The conversation's workspace (bound per message by the runtime; the simulator's editor session). */
  workspaceId?: string;
  /**
   * Benteng's public address without a trailing slash (BENTENG_PUBLIC_URL): uploaded media are sent
   * as a link under it. "" in the simulator (a path on the editor's origin); when absent, a block
   * with an uploaded file sends nothing and says why in the log.
   */
  publicUrl?: string;
  /** Stop/help/restart words; defaults to DEFAULT_KEYWORDS. */
  keywords?: KeywordConfig;
  /** Cap on blocks executed in one step, so a flow that loops without waiting cannot spin forever. */
  maxBlocksPerStep?: number;
}
