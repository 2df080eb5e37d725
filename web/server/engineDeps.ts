import type { Cipher, Db } from "@benteng/db";
import { appendAudit } from "@benteng/db/queries/auditLog";
import { declaredSecrets } from "@benteng/db/queries/secrets";
import type { StepDeps } from "@benteng/runtime";
import { buildScriptInput } from "@benteng/runtime/engine/executors/script";
import { createSandbox, type Sandbox } from "@benteng/runtime/sandbox/index";
import { checkOutboundMessage, type OutboundMessage } from "@benteng/shared";
import type { Env } from "./env.ts";

/** The verdict of the runtime guard on one filled-in outgoing message. */
export function guardVerdict(message: OutboundMessage): { blocked: boolean; reason?: string } {
  const findings = checkOutboundMessage(message).filter((f) => f.severity === "error");
  if (findings.length === 0) return { blocked: false };
  return { blocked: true, reason: findings.map((f) => f.message).join(" ") };
}

/** A block's limits, lowered to the workspace ceilings where it asks for more. */
export function scriptLimits(env: Env, data: { timeoutMs: number; memoryMb: number }) {
  return {
    timeoutMs: Math.min(data.timeoutMs, env.BENTENG_SCRIPT_MAX_TIMEOUT_MS),
    memoryMb: Math.min(data.memoryMb, env.BENTENG_SCRIPT_MAX_MEMORY_MB),
  };
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
 * - runScript: the block's code in the sandbox, with only its declared secrets and hosts;
 * - guardOutbound: every outgoing message, after variables and script results are filled in, is
 *   checked by the same secret-request detector the linter uses; a blocked one is audited.
 */
export function createEngine(options: { db: Db; cipher: Cipher; env: Env }): Engine {
  const { db, cipher, env } = options;
  const sandbox = createSandbox({ allowLoopbackForTests: env.BENTENG_SANDBOX_ALLOW_LOOPBACK });
  const depsFor = (source: "runtime" | "simulator", workspaceId?: string): StepDeps => ({
    ...(workspaceId ? { workspaceId } : {}),
    guardOutbound(message, where) {
      const verdict = guardVerdict(message);
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
      }
      return verdict;
    },
    async runScript(request) {
      const data = request.data;
      if (!request.workspaceId) return { ok: false, error: "no workspace for this script run" };
      const secrets = await declaredSecrets(db, cipher, request.workspaceId, data.secrets);
      const result = await sandbox.run({
        workspaceId: request.workspaceId,
        code: data.code,
        input: buildScriptInput(data, request.variables),
        inputSchema: data.inputSchema,
        outputSchema: data.outputSchema,
        limits: scriptLimits(env, data),
        allowedHosts: data.allowedHosts,
        secrets,
      });
      return result.ok
        ? { ok: true, output: result.result, logs: result.logs }
        : { ok: false, error: `${result.error.kind}: ${result.error.message}`, logs: result.logs };
    },
  });
  return { sandbox, depsFor, close: () => sandbox.close() };
}
