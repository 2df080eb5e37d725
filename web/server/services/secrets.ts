import type { Db } from "@benteng/db";
import { deleteSecret, listSecretNames, setSecret } from "@benteng/db/queries/secrets";
import type { Actor, Member, ServiceDeps } from "./actor.ts";
import { auditTarget, recordAudit } from "./audit.ts";
import { inTransaction } from "./inTransaction.ts";
import { notFound } from "./serviceError.ts";

/** Names only: a secret's value is write-only and never leaves the server again. */
export function listSecrets(db: Db, actor: Actor) {
  return listSecretNames(db, actor.workspaceId);
}

/** Creates or replaces a secret (stored encrypted, bound to its workspace and name). */
export function storeSecret(
  { db, cipher }: ServiceDeps,
  member: Member,
  input: { name: string; value: string },
) {
  return inTransaction(db, async (tx) => {
    await setSecret(tx, cipher, {
      workspaceId: member.workspaceId,
      name: input.name,
      value: input.value,
      userId: member.userId,
    });
    await recordAudit(tx, member, "secret.set", auditTarget.secret(input.name));
  });
}

export function removeSecret(db: Db, member: Member, name: string) {
  return inTransaction(db, async (tx) => {
    if (!(await deleteSecret(tx, member.workspaceId, name))) throw notFound("Secret", name);
    await recordAudit(tx, member, "secret.removed", auditTarget.secret(name));
  });
}
