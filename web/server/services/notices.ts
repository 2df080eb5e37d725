import type { Db, NoticeKind } from "@benteng/db";
import { conversationsWaitingTooLong } from "@benteng/db/queries/agentInbox";
import { listMembers } from "@benteng/db/queries/members";
import { dismissNotice, openNotices, raiseNotice } from "@benteng/db/queries/notices";
import { can } from "@benteng/shared";
import type { Actor, Member, ServiceDeps } from "./actor.ts";
import { recordAudit } from "./audit.ts";
import { inTransaction } from "./inTransaction.ts";
import { ServiceError } from "./serviceError.ts";

// What the team should look at, each shown to the members who can act on it (README, "Notices"):
// a script failing for customers and a message the guard withheld (people who edit flows; agents
// see withheld replies too), a channel that needs a new token (admins), a conversation waiting for
// a person longer than the workspace allows (agents). The stored ones are raised by the runtime
// (runtimeNotices in @benteng/runtime).

export interface Notice {
  /** Stored notices have an id and can be dismissed; live ones end when their cause does. */
  id: string | null;
  kind: NoticeKind | "channel_needs_token" | "waiting_too_long";
  label: string;
  detail: string;
  link: string | null;
  count: number;
  lastAt: Date;
}

/** The stored kinds this member sees. */
function storedKinds(member: Member): NoticeKind[] {
  const kinds: NoticeKind[] = [];
  if (can(member.roles, "flow.edit")) kinds.push("script_failed");
  if (can(member.roles, "flow.edit") || can(member.roles, "agent")) kinds.push("message_blocked");
  if (can(member.roles, "workspace.manage")) kinds.push("member_access");
  return kinds;
}

/** Every open notice this member should see, the latest first. */
export async function noticesFor({ db, cipher }: ServiceDeps, member: Member): Promise<Notice[]> {
  const notices: Notice[] = (
    await openNotices(db, member.workspaceId, storedKinds(member), member.userId)
  ).map((n) => ({
    id: n.id,
    kind: n.kind,
    label: n.label,
    detail: n.detail,
    link: n.link,
    count: n.count,
    lastAt: n.lastAt,
  }));
  if (can(member.roles, "workspace.manage")) {
    const channels = await db
      .selectFrom("channels")
      .select(["id", "name", "last_error", "last_error_at"])
      .where("workspace_id", "=", member.workspaceId)
      .where("status", "=", "needs_token")
      .execute();
    for (const c of channels) {
      notices.push({
        id: null,
        kind: "channel_needs_token",
        label: `${c.name} needs a new access token`,
        detail: "WhatsApp refused its token: messages to this number wait until an admin pastes a new one.",
        link: "/channels",
        count: 1,
        lastAt: c.last_error_at ? new Date(c.last_error_at) : new Date(),
      });
    }
  }
  if (can(member.roles, "agent")) {
    const waiting = await conversationsWaitingTooLong(db, cipher, member.workspaceId);
    for (const w of waiting) {
      notices.push({
        id: null,
        kind: "waiting_too_long",
        label: `${w.customer} is waiting for a person`,
        detail: `Waiting since ${w.waitingSince.toISOString()}.`,
        link: `/inbox/${w.id}`,
        count: 1,
        lastAt: w.waitingSince,
      });
    }
  }
  return notices.sort((a, b) => b.lastAt.getTime() - a.lastAt.getTime());
}

/** Marks a stored notice as seen to (audited); it comes back if its cause happens again. */
export function dismissNoticeFor(db: Db, member: Member, noticeId: string): Promise<void> {
  return inTransaction(db, async (tx) => {
    const dismissed = await dismissNotice(tx, {
      workspaceId: member.workspaceId,
      noticeId,
      userId: member.userId,
      kinds: storedKinds(member),
    });
    if (!dismissed) throw new ServiceError("NOT_FOUND", "That notice is not open (or not yours to dismiss).");
    await recordAudit(tx, member, "notice.dismissed", null, { kind: dismissed.kind, label: dismissed.label });
  });
}

/**
 * Tells every admin except the one who did it that someone gained the admin or reviewer role or was
 * removed, naming who did it: each gets their own notice, which only they see and dismiss. In the
 * act's transaction.
 */
export async function noticeToOtherAdmins(
  tx: Db,
  actor: Actor,
  change: { subject: string; label: string; detail: string; about?: string },
): Promise<void> {
  const admins = (await listMembers(tx, actor.workspaceId)).filter(
    (m) => m.roles.includes("admin") && m.userId !== actor.userId && m.userId !== change.about,
  );
  for (const admin of admins) {
    await raiseNotice(tx, {
      workspaceId: actor.workspaceId,
      kind: "member_access",
      subject: `${admin.userId}:${change.subject}`,
      label: change.label,
      detail: change.detail,
      link: "/members",
      forUserId: admin.userId,
    });
  }
}
