import type { Db } from "@benteng/db";
import { deleteSessionOfUser, deleteUserSessions, listUserSessions } from "@benteng/db/queries/sessions";
import type { Member } from "./actor.ts";
import { auditTarget, recordAudit } from "./audit.ts";
import { inTransaction } from "./inTransaction.ts";
import { spendProof } from "./reauthentication.ts";
import { ServiceError } from "./serviceError.ts";

/** The signed-in person's own sessions, newest first; the current one is marked. */
export async function listOwnSessions(db: Db, member: Member) {
  const rows = await listUserSessions(db, member.workspaceId, member.userId);
  return rows.map((s) => ({ ...s, current: s.id === member.sessionId }));
}

/**
 * Ends one of the person's own sessions. Ending this one needs nothing; ending another needs a proof
 * for "session.revoke" (else a stolen cookie signs the owner out and keeps the account).
 */
export function revokeOwnSession(db: Db, member: Member, sessionId: string, proof?: string) {
  return inTransaction(db, async (tx) => {
    if (sessionId !== member.sessionId) await spendProof(tx, member, "session.revoke", proof);
    if (!(await deleteSessionOfUser(tx, member.userId, sessionId))) {
      throw new ServiceError("NOT_FOUND", "That session has already ended.");
    }
    await recordAudit(tx, member, "auth.session_revoked", auditTarget.user(member));
  });
}

/** Ends every session of this person, this one included (a lost laptop, a shared computer). */
export function signOutEverywhere(db: Db, member: Member) {
  return inTransaction(db, async (tx) => {
    const ended = await deleteUserSessions(tx, member.userId);
    await recordAudit(tx, member, "auth.signed_out_everywhere", auditTarget.user(member), {
      sessionsEnded: ended,
    });
    return { sessionsEnded: ended };
  });
}
