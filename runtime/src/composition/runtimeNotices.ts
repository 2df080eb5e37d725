import type { Db } from "@benteng/db";
import { type NewNotice, raiseNotice } from "@benteng/db/queries/notices";

/** Distinct notices waiting for a write, at most; more (a flood of block ids) are not counted. */
const MAX_PENDING = 1_000;

/**
 * What the runtime reports to the team as it runs (no transaction is open there): a script that
 * failed for a customer, a message the guard withheld. A failure to record is swallowed: it must never
 * change what the customer gets. The web's notices service reads them back (README, "Notices").
 *
 * Raises that arrive while a write is in flight go together in the next one, one statement per
 * notice with its occurrences counted: 500 customers whose script timed out at once are one or two
 * statements, not 500 queued on embedded PGlite's one connection ahead of their own replies.
 */
export function runtimeNotices(db: Db) {
  let pending = new Map<string, NewNotice & { occurrences: number }>();
  let writing: Promise<void> | null = null;

  const write = async () => {
    // After this turn of the event loop, so the raises that came together go together.
    await new Promise((resolve) => setImmediate(resolve));
    while (pending.size > 0) {
      const batch = [...pending.values()];
      pending = new Map();
      for (const notice of batch) {
        await raiseNotice(db, notice).catch(() => {
          // The team misses a count; the customer's path does not depend on it.
        });
      }
    }
    writing = null;
  };

  /** Resolves once the occurrence is written (or given up); never rejects. */
  const raise = (notice: NewNotice): Promise<void> => {
    const key = `${notice.workspaceId}|${notice.kind}|${notice.subject}`;
    const seen = pending.get(key);
    // The latest reason wins, as in raiseNotice.
    if (seen) pending.set(key, { ...notice, occurrences: seen.occurrences + 1 });
    else if (pending.size < MAX_PENDING) pending.set(key, { ...notice, occurrences: 1 });
    writing ??= write();
    return writing;
  };

  return {
    scriptFailed(input: { workspaceId: string; blockId: string; error: string }) {
      return raise({
        workspaceId: input.workspaceId,
        kind: "script_failed",
        subject: `block:${input.blockId}`,
        label: `Script block ${input.blockId} failed for a customer`,
        // Script errors may quote their input: raiseNotice masks card and phone numbers and e-mails
        // (the one rule for stored error texts); the text is cut short.
        detail: input.error.slice(0, 300),
        link: "/flows",
      });
    },
    messageBlocked(input: { workspaceId: string; blockId: string; reason: string }) {
      return raise({
        workspaceId: input.workspaceId,
        kind: "message_blocked",
        subject: `block:${input.blockId}`,
        label: `A message of block ${input.blockId} was withheld`,
        detail: input.reason.slice(0, 300),
        link: "/flows",
      });
    },
  };
}
