import type { Db } from "@benteng/db";
import {
  deleteSecret,
  listSecretNames,
  liveDocuments,
  secretExists,
  setSecret,
} from "@benteng/db/queries/secrets";
import { readStoredFlow } from "@benteng/shared";
import type { Actor, Member, ServiceDeps } from "./actor.ts";
import { auditTarget, recordAudit } from "./audit.ts";
import { inTransaction } from "./inTransaction.ts";
import { requireProof } from "./reauthentication.ts";
import { notFound, ServiceError } from "./serviceError.ts";

/** Names only: a secret's value is write-only and never leaves the server again. */
export function listSecrets(db: Db, actor: Actor) {
  return listSecretNames(db, actor.workspaceId);
}

/**
 * Creates or replaces a secret (stored encrypted, bound to its workspace and name). Replacing one
 * changes what reviewed, live code does without a review, so it asks the person to show it is them.
 */
export function storeSecret(
  { db, cipher }: ServiceDeps,
  member: Member,
  input: { name: string; value: string; proof?: string | undefined },
) {
  return inTransaction(db, async (tx) => {
    const replaced = await secretExists(tx, member.workspaceId, input.name);
    if (replaced) await requireProof(tx, member, "secret.change", input.proof);
    await setSecret(tx, cipher, {
      workspaceId: member.workspaceId,
      name: input.name,
      value: input.value,
      userId: member.userId,
    });
    await recordAudit(tx, member, "secret.set", auditTarget.secret(input.name), { replaced });
  });
}

/**
 * Removes a secret no live flow's script declares (with a proof that it is the person): removing
 * one a live script reads would switch the live bot onto its error path without a review.
 */
export async function removeSecret(
  db: Db,
  member: Member,
  input: { name: string; proof?: string | undefined },
) {
  const users = await liveFlowsDeclaring(db, member.workspaceId, input.name);
  if (users.length > 0) {
    throw new ServiceError(
      "CONFLICT",
      `${input.name} is read by the live version of ${users.map((n) => `“${n}”`).join(", ")}. Remove it from those scripts first (a change that goes through review), or replace its value instead.`,
    );
  }
  return inTransaction(db, async (tx) => {
    await requireProof(tx, member, "secret.change", input.proof);
    if (!(await deleteSecret(tx, member.workspaceId, input.name))) throw notFound("Secret", input.name);
    await recordAudit(tx, member, "secret.removed", auditTarget.secret(input.name));
  });
}

/** Names of the flows whose live version has a script block that declares this secret. */
async function liveFlowsDeclaring(db: Db, workspaceId: string, name: string): Promise<string[]> {
  const names: string[] = [];
  for (const live of await liveDocuments(db, workspaceId)) {
    let declares = false;
    try {
      const flow = readStoredFlow(live.document, `live version of ${live.name}`);
      declares = flow.nodes.some((n) => n.type === "script" && n.data.secrets.includes(name));
    } catch {
      // A live document that no longer reads cannot run either; it reads no secret.
    }
    if (declares) names.push(live.name);
  }
  return names;
}
