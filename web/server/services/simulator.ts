import { createHash } from "node:crypto";
import type { Db } from "@benteng/db";
import type { AuditTarget } from "@benteng/db/queries/auditLog";
import { versionForReview } from "@benteng/db/queries/reviews";
import { linkAllowlist } from "@benteng/db/queries/workspaces";
import { type StepResult, stepConversation } from "@benteng/runtime";
import {
  conversationStateSchema,
  type Flow,
  inboundEventSchema,
  lintFlow,
  whatsAppLimitRules,
  whatsAppRejections,
} from "@benteng/shared";
import { z } from "zod";
import type { Member } from "./actor.ts";
import { auditTarget, recordAudit } from "./audit.ts";
import { flowDetail } from "./flows.ts";
import { inTransaction } from "./inTransaction.ts";
import type { EngineDeps } from "./scripts.ts";
import { notFound } from "./serviceError.ts";

export const simulatorStepInput = z.object({
  flowId: z.uuid(),
  state: conversationStateSchema.nullable(),
  event: inboundEventSchema,
});

/** Who the simulator's customer is: the built-in variables a real conversation gets from WhatsApp. */
const SIMULATED_CUSTOMER = { contactName: "Test Customer", contactPhone: "•••• 0000", channel: "simulator" };

/**
 * One customer message through the real engine, on the flow's SAVED draft (never a document the
 * browser sends: a simulation runs only code that passed the server's save checks). Simulator
 * conversations live in the editor that started them and never reach a real customer. A draft is
 * unreviewed code (a marketer may press Try it on a developer's draft): its scripts get stand-in
 * secrets, never the stored values (createEngine in @benteng/runtime).
 */
export async function simulateStep(
  { db, engine }: Pick<EngineDeps, "db" | "engine">,
  member: Member,
  input: z.infer<typeof simulatorStepInput>,
) {
  const flow = await flowDetail(db, member, input.flowId);
  await auditScriptRun(db, member, "simulator.step", auditTarget.flow(flow), flow.draft, {
    flowId: flow.id,
    revision: flow.revision,
  });
  const deps = {
    ...engine.depsFor("simulator", member.workspaceId),
    linkAllowlist: await linkAllowlist(db, member.workspaceId),
  };
  const result = await stepConversation(flow.draft, input.state, input.event, deps, SIMULATED_CUSTOMER);
  return {
    ...result,
    outbound: result.outbound.map(withRefusal(flow.draft, result.outbound)),
    revision: flow.revision,
  };
}

/**
 * Marks each message WhatsApp would refuse with why, so the simulator draws an error instead of a
 * message no customer would get: the limit rules' findings on the block as written (the same
 * findings the editor and lint show), and what the filled-in message itself breaks.
 */
function withRefusal(draft: Flow, outbound: StepResult["outbound"]) {
  const senders = new Set(outbound.map((o) => o.blockId));
  const findings =
    outbound.length > 0
      ? lintFlow(draft, { rules: whatsAppLimitRules }).filter((f) => f.blockId && senders.has(f.blockId))
      : [];
  return (o: StepResult["outbound"][number]) => {
    const written = findings.filter((f) => f.blockId === o.blockId);
    const fields = new Set(written.map((f) => f.field));
    const refused = [
      ...written.map((f) => f.message),
      ...whatsAppRejections(o.message)
        .filter((r) => !fields.has(r.field))
        .map((r) => r.message),
    ];
    return refused.length > 0 ? { ...o, refused } : o;
  };
}

export const versionSimulatorStepInput = z.object({
  versionId: z.uuid(),
  state: conversationStateSchema.nullable(),
  event: inboundEventSchema,
});

/**
 * One customer message through the real engine on a frozen version (what a reviewer is asked to
 * approve, exactly): the same simulator as the editor's, so its scripts get the simulator's stand-in
 * secrets, never the stored values, and nothing reaches a real customer.
 */
export async function simulateVersionStep(
  { db, engine }: Pick<EngineDeps, "db" | "engine">,
  member: Member,
  input: z.infer<typeof versionSimulatorStepInput>,
) {
  const version = await versionForReview(db, member.workspaceId, input.versionId);
  if (!version) throw notFound("Version", input.versionId);
  const document = version.document;
  await auditScriptRun(
    db,
    member,
    "simulator.step_version",
    auditTarget.version({ id: version.id, flowName: version.flowName, number: version.number }),
    document,
    { flowId: version.flowId, versionId: version.id, number: version.number },
  );
  const deps = {
    ...engine.depsFor("simulator", member.workspaceId),
    linkAllowlist: await linkAllowlist(db, member.workspaceId),
  };
  const result = await stepConversation(document, input.state, input.event, deps, SIMULATED_CUSTOMER);
  return { ...result, outbound: result.outbound.map(withRefusal(document, result.outbound)) };
}

/**
 * A simulator step of a document with script blocks runs their code (a draft's is unreviewed): it is
 * audited like a script test run, before the code runs (a run that never returns is still on record)
 * and in a transaction of its own — which blocks, their code hashes, hosts and secret names; never
 * what was typed.
 */
async function auditScriptRun(
  db: Db,
  member: Member,
  action: "simulator.step" | "simulator.step_version",
  target: AuditTarget,
  document: Flow,
  about: Record<string, unknown>,
): Promise<void> {
  const scripts = document.nodes.flatMap((n) =>
    n.type === "script"
      ? [
          {
            blockId: n.id,
            codeHash: createHash("sha256").update(n.data.code).digest("hex"),
            allowedHosts: n.data.allowedHosts,
            secrets: n.data.secrets,
          },
        ]
      : [],
  );
  if (scripts.length === 0) return;
  await inTransaction(db, (tx) => recordAudit(tx, member, action, target, { ...about, scripts }));
}
