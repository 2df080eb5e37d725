import type { Db } from "@benteng/db";
import { type AuditEvent, auditPage } from "@benteng/db/queries/auditBrowse";
import {
  type AuditTarget,
  type AuditVerification,
  appendAudit,
  verifyAuditChain,
} from "@benteng/db/queries/auditLog";
import { normalizeEmail } from "@benteng/db/queries/users";
import type { Actor } from "./actor.ts";

/**
 * Records what an actor did, inside the transaction that did it and as its last write, so the row
 * commits with the action or not at all (see appendAudit).
 */
export function recordAudit(
  tx: Db,
  actor: Actor,
  action: string,
  target: AuditTarget | null,
  details: Record<string, unknown> = {},
): Promise<void> {
  return appendAudit(tx, {
    workspaceId: actor.workspaceId,
    actorUserId: actor.userId,
    action,
    target,
    details: {
      ...(actor.via === "cli" ? { via: "cli" } : {}),
      ...details,
      // Which session and address did it (a stolen cookie's acts differ from the owner's).
      ...(actor.request
        ? { ...(actor.request.session ? { session: actor.request.session } : {}), ip: actor.request.ip }
        : {}),
    },
  });
}

/** How each kind of target is named in the log: readable on its own, years later. */
export const auditTarget = {
  user: (u: { userId: string; displayName: string; email: string }): AuditTarget => ({
    type: "user",
    id: u.userId,
    label: `${u.displayName} <${normalizeEmail(u.email)}>`,
  }),
  /** An account as typed at sign-in (it may not exist). */
  account: (email: string): AuditTarget => ({
    type: "account",
    id: normalizeEmail(email),
    label: normalizeEmail(email),
  }),
  flow: (f: { id: string; name: string }): AuditTarget => ({ type: "flow", id: f.id, label: f.name }),
  version: (v: { id: string; flowName: string; number: number }): AuditTarget => ({
    type: "version",
    id: v.id,
    label: `${v.flowName} v${v.number}`,
  }),
  channel: (c: { id: string; name: string; phoneNumberId: string }): AuditTarget => ({
    type: "channel",
    id: c.id,
    label: `${c.name} (${c.phoneNumberId})`,
  }),
  secret: (name: string): AuditTarget => ({ type: "secret", id: name, label: name }),
  invitation: (i: { id: string; email: string }): AuditTarget => ({
    type: "invitation",
    id: i.id,
    label: normalizeEmail(i.email),
  }),
  conversation: (c: { id: string; label: string }): AuditTarget => ({
    type: "conversation",
    id: c.id,
    label: c.label,
  }),
  workspace: (w: { id: string; name: string }): AuditTarget => ({
    type: "workspace",
    id: w.id,
    label: w.name,
  }),
  /** Script code by its content hash (a test run's code belongs to no saved version yet). */
  script: (codeHash: string): AuditTarget => ({
    type: "script",
    id: codeHash,
    label: `script ${codeHash.slice(0, 12)}`,
  }),
};

/** One page of the workspace's audit log, newest first, filtered by action prefix and/or actor. */
export function listAuditEvents(
  db: Db,
  actor: Actor,
  filter: { action?: string; actorUserId?: string; beforeId?: string; limit: number },
): Promise<{ events: AuditEvent[]; nextBeforeId: string | null }> {
  return auditPage(db, { workspaceId: actor.workspaceId, ...filter });
}

/** Re-checks the hash chain of the whole log (the same check as `benteng audit verify`). */
export function verifyAudit(db: Db): Promise<AuditVerification> {
  return verifyAuditChain(db);
}
