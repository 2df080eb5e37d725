import type { Db } from "@benteng/db";
import { raiseNotice } from "@benteng/db/queries/notices";

/**
 * What the runtime reports to the team as it runs (no transaction is open there): a script that
 * failed for a customer, a message the guard withheld. One statement each; a failure to record is the
 * caller's to swallow, it must never change what the customer gets. The web's notices service reads
 * them back (README, "Notices").
 */
export const runtimeNotices = {
  scriptFailed(db: Db, input: { workspaceId: string; blockId: string; error: string }) {
    return raiseNotice(db, {
      workspaceId: input.workspaceId,
      kind: "script_failed",
      subject: `block:${input.blockId}`,
      label: `Script block ${input.blockId} failed for a customer`,
      // Script errors may quote their input: raiseNotice masks card and phone numbers and e-mails (the
      // one rule for stored error texts); the text is cut short.
      detail: input.error.slice(0, 300),
      link: "/flows",
    });
  },
  messageBlocked(db: Db, input: { workspaceId: string; blockId: string; reason: string }) {
    return raiseNotice(db, {
      workspaceId: input.workspaceId,
      kind: "message_blocked",
      subject: `block:${input.blockId}`,
      label: `A message of block ${input.blockId} was withheld`,
      detail: input.reason.slice(0, 300),
      link: "/flows",
    });
  },
};
