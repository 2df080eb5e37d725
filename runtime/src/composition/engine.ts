import type { Cipher, Db } from "@benteng/db";
import { appendAudit } from "@benteng/db/queries/auditLog";
import { reviewedScriptHashes, scriptContentHash } from "@benteng/db/queries/flowVersions";
import { declaredSecrets } from "@benteng/db/queries/secrets";
import {
  checkOutboundMessage,
  maskSecrets,
  type OutboundCheckOptions,
  type OutboundMessage,
  type ScriptData,
} from "@benteng/shared";
import { buildScriptInput } from "../engine/executors/script.ts";
import type { StepDeps } from "../engine/stepDeps.ts";
import { createSandbox, type Sandbox } from "../sandbox/createSandbox.ts";
import { formatScriptError, scriptError } from "../sandbox/scriptResult.ts";
import { runtimeNotices } from "./runtimeNotices.ts";

// The engine's dependencies, wired once for every process that runs flows (the web server's
// simulator and workers, `benteng runtime`): the sandbox, the secrets a run may have, the outbound
// guard and what the team is told when a script fails or a message is withheld.

/** The workspace's ceilings for every script block (BENTENG_SCRIPT_MAX_*): blocks may ask for less. */
export interface ScriptCeilings {
  BENTENG_SCRIPT_MAX_TIMEOUT_MS: number;
  BENTENG_SCRIPT_MAX_MEMORY_MB: number;
}

/** The verdict of the runtime guard on one filled-in outgoing message. */
export function guardVerdict(
  message: OutboundMessage,
  options: OutboundCheckOptions = {},
): { blocked: boolean; reason?: string } {
  const findings = checkOutboundMessage(message, options).filter((f) => f.severity === "error");
  if (findings.length === 0) return { blocked: false };
  return { blocked: true, reason: findings.map((f) => f.message).join(" ") };
}

/** A block's limits, lowered to the workspace ceilings where it asks for more. */
export function scriptLimits(env: ScriptCeilings, data: { timeoutMs: number; memoryMb: number }) {
  return {
    timeoutMs: Math.min(data.timeoutMs, env.BENTENG_SCRIPT_MAX_TIMEOUT_MS),
    memoryMb: Math.min(data.memoryMb, env.BENTENG_SCRIPT_MAX_MEMORY_MB),
  };
}

/**
 * Clearly fake values for the named secrets: what unreviewed code (test runs, the simulator) gets
 * instead of the stored ones. `typed` holds values the developer entered for this test.
 */
export function standInSecrets(
  names: readonly string[],
  typed: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const name of names) out[name] = Object.hasOwn(typed, name) ? typed[name]! : `test-value-of-${name}`;
  return out;
}

/** How long a workspace's set of reviewed script hashes is trusted before it is read again. */
const REVIEWED_CACHE_MS = 60_000;

/**
 * Answers "did a reviewer approve exactly this code, with exactly these hosts and secrets?" from the
 * versions of the workspace, cached per workspace (a live bot asks on every script run). A miss
 * reads the versions again, so a block approved a moment ago is found.
 */
function reviewedScripts(db: Db) {
  const cache = new Map<string, { hashes: Set<string>; at: number }>();
  return async (workspaceId: string, data: ScriptData): Promise<boolean> => {
    const hash = scriptContentHash(data);
    const cached = cache.get(workspaceId);
    if (cached && Date.now() - cached.at < REVIEWED_CACHE_MS && cached.hashes.has(hash)) return true;
    const hashes = await reviewedScriptHashes(db, workspaceId);
    cache.set(workspaceId, { hashes, at: Date.now() });
    return hashes.has(hash);
  };
}

/** What the engine reads from the process's configuration. */
export interface EngineEnv extends ScriptCeilings {
  /** Test-only: script fetch may reach loopback. */
  BENTENG_SANDBOX_ALLOW_LOOPBACK: boolean;
  /** Where WhatsApp downloads uploaded media from (Benteng's own address). */
  BENTENG_PUBLIC_URL?: string | undefined;
}

export interface Engine {
  /** The sandbox scripts run in (test runs use exactly this one). */
  sandbox: Sandbox;
  /** Dependencies for stepConversation: sandbox, outbound guard (recorded for admins when it blocks). */
  depsFor(source: "runtime" | "simulator", workspaceId?: string): StepDeps;
  close(): Promise<void>;
}

/**
 * What the engine may call out to, shared by the simulator and the runtime workers of this process:
 * - runScript: the block's code in the sandbox, with only its declared hosts and secrets (stored
 *   values for reviewed code in the runtime, stand-ins in the simulator);
 * - guardOutbound: every outgoing message, after variables and script results are filled in, is
 *   checked by the same secret-request detector the linter uses; a blocked one is audited.
 */
export function createEngine(options: { db: Db; cipher: Cipher; env: EngineEnv }): Engine {
  const { db, cipher, env } = options;
  const sandbox = createSandbox({ allowLoopbackForTests: env.BENTENG_SANDBOX_ALLOW_LOOPBACK });
  // Once closing, a run that fails because the sandbox is going away is not news for the team.
  let closing = false;
  const isReviewed = reviewedScripts(db);
  const notices = runtimeNotices(db);
  /**
   * The secrets a run gets. The simulator runs drafts nobody reviewed: stand-ins, always. The runtime
   * gets stored values only for a block whose code, hosts and secret names are those of an approved
   * version — so real values only ever reach reviewed code talking to reviewed hosts.
   */
  const secretsFor = async (
    source: "runtime" | "simulator",
    workspaceId: string,
    data: ScriptData,
  ): Promise<{ ok: true; secrets: Record<string, string> } | { ok: false; error: string }> => {
    if (source === "simulator") return { ok: true, secrets: standInSecrets(data.secrets) };
    if (data.secrets.length === 0) return { ok: true, secrets: {} };
    try {
      if (!(await isReviewed(workspaceId, data)))
        return { ok: false, error: "secrets: this code has not passed review, so it gets no secrets" };
      const secrets = await declaredSecrets(db, cipher, workspaceId, data.secrets);
      const missing = data.secrets.filter((name) => !Object.hasOwn(secrets, name));
      if (missing.length > 0) {
        // Said before the run, not by secrets.get later ("not declared" would be wrong: it is).
        return {
          ok: false,
          error: `secrets: no value is stored for ${missing.join(", ")}; add it under Secrets`,
        };
      }
      return { ok: true, secrets };
    } catch {
      // The database did not answer: the script cannot run as declared; like any failed run, its
      // error path is taken.
      return { ok: false, error: "secrets: the block's secrets could not be read" };
    }
  };
  const depsFor = (source: "runtime" | "simulator", workspaceId?: string): StepDeps => ({
    ...(workspaceId ? { workspaceId } : {}),
    // The simulator draws uploaded files from the editor's own origin (a path); WhatsApp needs
    // the public address.
    ...(source === "simulator"
      ? { publicUrl: "" }
      : env.BENTENG_PUBLIC_URL
        ? { publicUrl: withoutTrailingSlashes(env.BENTENG_PUBLIC_URL) }
        : {}),
    guardOutbound(message, where) {
      const verdict = guardVerdict(message, {
        earlier: where.earlier,
        ...(where.linkAllowlist ? { linkAllowlist: where.linkAllowlist } : {}),
      });
      if (verdict.blocked) {
        appendAudit(db, {
          workspaceId: where.workspaceId ?? null,
          actorUserId: null,
          action: "runtime.guard_blocked",
          target: where.blockId,
          details: { reason: verdict.reason ?? "", source },
        }).catch(() => {
          // The message is already withheld; an audit write failure must not un-withhold it.
        });
        if (source === "runtime" && where.workspaceId) {
          // As above: the notice is for the team; the customer's path does not wait for it.
          void notices.messageBlocked({
            workspaceId: where.workspaceId,
            blockId: where.blockId,
            reason: verdict.reason ?? "",
          });
        }
      }
      return verdict;
    },
    // Called with no transaction open and no connection held (the runtime steps a conversation
    // between its claim and its commit), so the secret lookup below and the guard's audit write are
    // ordinary statements of their own, also on PGlite's single connection.
    async runScript(request) {
      const data = request.data;
      if (!request.workspaceId)
        return { ok: false, error: scriptError("unavailable", "no workspace for this script run") };
      const granted = await secretsFor(source, request.workspaceId, data);
      if (!granted.ok) return { ok: false, error: scriptError("unavailable", granted.error) };
      const result = await sandbox.run({
        workspaceId: request.workspaceId,
        code: data.code,
        input: buildScriptInput(data, request.variables),
        inputSchema: data.inputSchema,
        outputSchema: data.outputSchema,
        limits: scriptLimits(env, data),
        allowedHosts: data.allowedHosts,
        secrets: granted.secrets,
      });
      // Secrets are write-only: a value the script's error or logs repeat (a failed parse of a key, a
      // fetch of a secret URL) is masked before anyone reads it (trace, notices, lastScriptError).
      const values = Object.values(granted.secrets);
      const logs = result.logs.map((line) => maskSecrets(line, values));
      if (result.ok) return { ok: true, output: result.result, logs };
      const error = { ...result.error, message: maskSecrets(result.error.message, values) };
      if (source === "runtime" && !closing) {
        // The run is over; the notice is one statement of its own (no transaction is open here).
        // The customer takes the block's error path either way (this never rejects).
        await notices.scriptFailed({
          workspaceId: request.workspaceId,
          blockId: request.blockId,
          error: formatScriptError(error),
        });
      }
      return { ok: false, error, logs };
    },
  });
  return {
    sandbox,
    depsFor,
    close() {
      closing = true;
      return sandbox.close();
    },
  };
}

/** `https://a.example//` → `https://a.example`, in one pass (a `/\/+$/` backtracks quadratically). */
function withoutTrailingSlashes(url: string): string {
  let end = url.length;
  while (end > 0 && url[end - 1] === "/") end--;
  return url.slice(0, end);
}
