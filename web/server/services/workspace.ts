import type { Db } from "@benteng/db";
import { setHandoffAlertMinutes, setLinkAllowlist, workspaceById } from "@benteng/db/queries/workspaces";
import { z } from "zod";
import type { Actor, Member } from "./actor.ts";
import { auditTarget, recordAudit } from "./audit.ts";
import { inTransaction } from "./inTransaction.ts";

export const allowedHostInput = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    "Enter host names such as shop.example.com (or *.example.com).",
  );

/** What the editor needs to lint like the server does. */
export async function workspaceSettings(db: Db, actor: Actor) {
  const ws = await workspaceById(db, actor.workspaceId);
  return {
    name: ws?.name ?? "",
    linkAllowlist: ws?.link_allowlist ?? [],
    handoffAlertMinutes: ws?.handoff_alert_minutes ?? 15,
  };
}

/** Hosts customer-facing links may point at; links elsewhere get a warning the reviewer must acknowledge. */
export function changeLinkAllowlist(db: Db, member: Member, hosts: string[]): Promise<{ hosts: string[] }> {
  return inTransaction(db, async (tx) => {
    const saved = await setLinkAllowlist(tx, member.workspaceId, hosts);
    const ws = await workspaceById(tx, member.workspaceId);
    await recordAudit(
      tx,
      member,
      "workspace.link_allowlist_changed",
      auditTarget.workspace({ id: member.workspaceId, name: ws?.name ?? "" }),
      { hosts: saved },
    );
    return { hosts: saved };
  });
}

/** Minutes a conversation may wait for a person before it shows up as a notice (1 minute to 7 days). */
export const handoffAlertMinutesInput = z
  .number()
  .int("Whole minutes, please.")
  .min(1, "At least 1 minute.")
  .max(7 * 24 * 60, "At most 7 days (10080 minutes).");

/** Changes how long a conversation may wait for a person before the team is told. */
export function changeHandoffAlertMinutes(
  db: Db,
  member: Member,
  minutes: number,
): Promise<{ minutes: number }> {
  return inTransaction(db, async (tx) => {
    const ws = await workspaceById(tx, member.workspaceId);
    await setHandoffAlertMinutes(tx, member.workspaceId, minutes);
    await recordAudit(
      tx,
      member,
      "workspace.handoff_alert_changed",
      auditTarget.workspace({ id: member.workspaceId, name: ws?.name ?? "" }),
      { minutes, fromMinutes: ws?.handoff_alert_minutes ?? null },
    );
    return { minutes };
  });
}
