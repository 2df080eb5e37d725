import type { StepDeps } from "@benteng/runtime";
import { checkOutboundMessage, type OutboundMessage } from "@benteng/shared";

/**
 * The runtime guard: every outgoing message, after variables and script results are filled in, is
 * checked by the same secret-request detector the linter uses. The simulator and the runtime share it.
 */
export function guardOutbound(message: OutboundMessage): { blocked: boolean; reason?: string } {
  const findings = checkOutboundMessage(message).filter((f) => f.severity === "error");
  if (findings.length === 0) return { blocked: false };
  return { blocked: true, reason: findings.map((f) => f.message).join(" ") };
}

/** What the engine may call out to, in the web process (simulator) and the runtime workers alike. */
export function engineDeps(extra: Partial<StepDeps> = {}): StepDeps {
  return { guardOutbound, ...extra };
}
