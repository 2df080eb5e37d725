import type { Db } from "@benteng/db";
import {
  acceptInvitation as acceptInvitationRow,
  createInvitation,
  type Invitation,
  listInvitations as listInvitationRows,
  openInvitationByTokenHash,
  revokeInvitation as revokeInvitationRow,
} from "@benteng/db/queries/invitations";
import { deleteUserLoginChallenges } from "@benteng/db/queries/loginAttempts";
import {
  isMemberEmail,
  listMembers as listMemberRows,
  lockMemberships,
  type Member as MemberRow,
  memberById,
  removeMember as removeMemberRow,
  setMemberRoles,
} from "@benteng/db/queries/members";
import { replaceRecoveryCodes } from "@benteng/db/queries/recoveryCodes";
import { deleteUserSessions } from "@benteng/db/queries/sessions";
import { setTotpSecret, twoFactorState } from "@benteng/db/queries/twoFactor";
import { createMember, userByEmail } from "@benteng/db/queries/users";
import { type Role, roleSchema } from "@benteng/shared";
import { z } from "zod";
import { type IssuedSession, issueSession, type SessionClient } from "../auth/issueSession.ts";
import { hashPassword, passwordSchema } from "../auth/password.ts";
import { generateSessionToken, sessionIdFromToken } from "../auth/sessions.ts";
import type { Actor, Member } from "./actor.ts";
import { auditTarget, recordAudit } from "./audit.ts";
import { inTransaction } from "./inTransaction.ts";
import { noticeToOtherAdmins } from "./notices.ts";
import { requireProof, spendProof } from "./reauthentication.ts";
import { notFound, ServiceError } from "./serviceError.ts";
import { nameText } from "./typedText.ts";

const INVITATION_TTL_MS = 7 * 86_400_000;

export const rolesInput = z
  .array(roleSchema)
  .min(1, "Choose at least one role.")
  .max(roleSchema.options.length);
export const emailInput = z.email("Enter a valid email address.").max(254);
export const displayNameInput = nameText(100).min(1, "Enter your name.");
export const invitationTokenInput = z.string().regex(/^[a-z2-7]{32}$/, "This invitation link is not valid.");

export function listMembers(db: Db, actor: Actor): Promise<MemberRow[]> {
  return listMemberRows(db, actor.workspaceId);
}

export function listInvitations(db: Db, actor: Actor): Promise<Invitation[]> {
  return listInvitationRows(db, actor.workspaceId);
}

/**
 * Creates a single-use invitation valid for 7 days; the token is returned once, only its hash is
 * kept. A former member can be invited again: accepting gives them a fresh membership.
 */
export async function inviteMember(
  db: Db,
  member: Member,
  input: { email: string; roles: Role[]; proof?: string | undefined },
): Promise<{ id: string; token: string; expiresAt: Date }> {
  const token = generateSessionToken();
  const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
  return inTransaction(db, async (tx) => {
    if (await isMemberEmail(tx, member.workspaceId, input.email)) {
      throw new ServiceError("CONFLICT", `${input.email} is already a member.`);
    }
    await requireProof(tx, member, "member.invite", input.proof);
    const { id } = await createInvitation(tx, {
      workspaceId: member.workspaceId,
      tokenHash: sessionIdFromToken(token),
      email: input.email,
      roles: input.roles,
      createdBy: member.userId,
      expiresAt,
    });
    await recordAudit(tx, member, "member.invited", auditTarget.invitation({ id, email: input.email }), {
      email: input.email.toLowerCase(),
      roles: input.roles,
    });
    const privileged = privilegedRoles(input.roles);
    if (privileged.length > 0) {
      await noticeToOtherAdmins(tx, member, {
        subject: `invitation:${id}`,
        label: `${byWhom(member)} invited ${input.email.toLowerCase()} as ${privileged.join(" and ")}`,
        detail: `Roles offered: ${input.roles.join(", ")}. If you did not expect this, withdraw the invitation under Members and check the audit log.`,
      });
    }
    return { id, token, expiresAt };
  });
}

export function revokeInvitation(db: Db, member: Member, invitationId: string): Promise<void> {
  return inTransaction(db, async (tx) => {
    const revoked = await revokeInvitationRow(tx, member.workspaceId, invitationId);
    if (!revoked) invitationGone();
    await recordAudit(tx, member, "member.invitation_revoked", auditTarget.invitation(revoked));
  });
}

/**
 * Replaces a member's roles (effective on their next request); the workspace keeps at least one
 * admin. Needs the acting admin's proof for "member.set_roles"; gaining admin or reviewer is told to
 * every other admin.
 */
export function setRoles(
  db: Db,
  member: Member,
  input: { userId: string; roles: Role[]; proof?: string | undefined },
): Promise<void> {
  const roles = [...new Set(input.roles)];
  return inTransaction(db, async (tx) => {
    const memberships = await lockMemberships(tx, member.workspaceId);
    const target = await requireMember(tx, member, input.userId);
    await requireProof(tx, member, "member.set_roles", input.proof);
    const otherAdmins = memberships.filter((m) => m.userId !== input.userId && m.roles.includes("admin"));
    if (!roles.includes("admin") && otherAdmins.length === 0) {
      throw new ServiceError("BAD_REQUEST", "The workspace needs at least one admin.");
    }
    await setMemberRoles(tx, member.workspaceId, input.userId, roles);
    await recordAudit(tx, member, "member.roles_changed", auditTarget.user(target), {
      roles,
      from: target.roles,
    });
    const gained = privilegedRoles(roles).filter((r) => !target.roles.includes(r));
    if (gained.length > 0) {
      await noticeToOtherAdmins(tx, member, {
        subject: `roles:${target.userId}`,
        about: target.userId,
        label: `${byWhom(member)} made ${target.displayName} <${target.email}> ${gained.join(" and ")}`,
        detail: `Their roles are now: ${roles.join(", ")}. If you did not expect this, check the audit log.`,
      });
    }
  });
}

/**
 * Removes a member; every session they have ends at once. Needs the acting admin's proof for
 * "member.remove"; every other admin is told.
 */
export function removeMember(db: Db, member: Member, userId: string, proof?: string): Promise<void> {
  if (userId === member.userId) throw new ServiceError("BAD_REQUEST", "You cannot remove yourself.");
  return inTransaction(db, async (tx) => {
    const target = await requireMember(tx, member, userId);
    await requireProof(tx, member, "member.remove", proof);
    await removeMemberRow(tx, member.workspaceId, userId);
    await recordAudit(tx, member, "member.removed", auditTarget.user(target), { roles: target.roles });
    await noticeToOtherAdmins(tx, member, {
      subject: `removed:${target.userId}`,
      label: `${byWhom(member)} removed ${target.displayName} <${target.email}>`,
      detail: `They had the roles: ${target.roles.join(", ")}. If you did not expect this, check the audit log.`,
    });
  });
}

/** Signs a member out everywhere (a lost phone, a suspicion), without removing them; needs a proof. */
export function endMemberSessions(
  db: Db,
  member: Member,
  userId: string,
  proof?: string,
): Promise<{ sessionsEnded: number }> {
  return inTransaction(db, async (tx) => {
    const target = await requireMember(tx, member, userId);
    await requireProof(tx, member, "member.end_sessions", proof);
    const ended = await deleteUserSessions(tx, userId, member.sessionId);
    await recordAudit(tx, member, "member.sessions_ended", auditTarget.user(target), {
      sessionsEnded: ended,
    });
    return { sessionsEnded: ended };
  });
}

/**
 * An admin turns off a member's two-factor authentication when they lost their authenticator and
 * recovery codes: it needs the admin's own recent proof (password and second factor; the router
 * requires a verified session). Every session and pending sign-in of the member ends; if their role
 * needs two-factor they set it up again once signed in.
 */
export function resetMemberTwoFactor(
  db: Db,
  member: Member,
  userId: string,
  proof: string | undefined,
): Promise<{ sessionsEnded: number }> {
  if (userId === member.userId) {
    throw new ServiceError("BAD_REQUEST", "Change your own two-factor authentication on your Security page.");
  }
  return resetTwoFactor(db, member, userId, (tx) => spendProof(tx, member, "member.reset_2fa", proof));
}

/**
 * The operator's reset (`benteng user reset-2fa`), for the admin who lost their second factor and
 * has no other admin to ask: whoever runs the CLI already holds the database.
 */
export async function resetTwoFactorByEmail(
  db: Db,
  operator: Actor,
  email: string,
): Promise<{ userId: string; sessionsEnded: number }> {
  const user = await userByEmail(db, email);
  const member = user ? await memberById(db, operator.workspaceId, user.id) : null;
  if (!user || !member) throw new ServiceError("NOT_FOUND", `${email} is not a member.`);
  return { userId: user.id, ...(await resetTwoFactor(db, operator, user.id)) };
}

function resetTwoFactor(
  db: Db,
  actor: Actor,
  userId: string,
  proved?: (tx: Db) => Promise<void>,
): Promise<{ sessionsEnded: number }> {
  return inTransaction(db, async (tx) => {
    const target = await requireMember(tx, actor, userId);
    const state = await twoFactorState(tx, userId);
    if (!state.secretEnc && !state.pendingSecretEnc) {
      throw new ServiceError("CONFLICT", `${target.displayName} does not have two-factor authentication on.`);
    }
    await proved?.(tx);
    await setTotpSecret(tx, userId, null);
    await replaceRecoveryCodes(tx, userId, []);
    const ended = await deleteUserSessions(tx, userId);
    const voided = await deleteUserLoginChallenges(tx, userId);
    await recordAudit(tx, actor, "member.two_factor_reset", auditTarget.user(target), {
      sessionsEnded: ended,
      pendingSignInsVoided: voided,
    });
    return { sessionsEnded: ended };
  });
}

/** What the invitation page shows before someone accepts (the link is the credential). */
export async function invitationPreview(
  db: Db,
  token: string,
): Promise<{ email: string; roles: Role[]; expiresAt: Date }> {
  const inv = await openInvitationByTokenHash(db, sessionIdFromToken(token));
  if (!inv) invitationGone();
  return { email: inv.email, roles: inv.roles, expiresAt: inv.expiresAt };
}

/**
 * Creates the invited person's account (or a former member's fresh membership) and signs them in;
 * the link works once.
 */
export async function acceptInvitation(
  db: Db,
  client: SessionClient,
  input: { token: string; displayName: string; password: string },
): Promise<{ userId: string; session: IssuedSession }> {
  const passwordHash = await hashPassword(input.password);
  return inTransaction(db, async (tx) => {
    const accepted = await acceptInvitationRow(tx, {
      tokenHash: sessionIdFromToken(input.token),
      displayName: input.displayName,
      passwordHash,
    });
    if (!accepted) invitationGone();
    const session = await issueSession(tx, client, {
      userId: accepted.userId,
      workspaceId: accepted.workspaceId,
      twoFactorVerified: false,
    });
    const actor: Actor = { workspaceId: accepted.workspaceId, userId: accepted.userId, via: "web" };
    await recordAudit(
      tx,
      actor,
      accepted.rejoined ? "member.rejoined" : "user.created",
      auditTarget.user({ ...accepted, displayName: input.displayName }),
      { via: "invitation", roles: accepted.roles },
    );
    const privileged = privilegedRoles(accepted.roles);
    if (privileged.length > 0) {
      const inviter = accepted.invitedBy
        ? await memberById(tx, accepted.workspaceId, accepted.invitedBy)
        : null;
      await noticeToOtherAdmins(
        tx,
        { ...actor, userId: accepted.invitedBy },
        {
          subject: `roles:${accepted.userId}`,
          about: accepted.userId,
          label: `${input.displayName} <${accepted.email}> joined as ${privileged.join(" and ")}, invited by ${inviter ? `${inviter.displayName} <${inviter.email}>` : "a former member"}`,
          detail: `Their roles: ${accepted.roles.join(", ")}. If you did not expect this, check the audit log.`,
        },
      );
    }
    return { userId: accepted.userId, session };
  });
}

export const createUserInput = z.object({
  email: emailInput,
  displayName: displayNameInput,
  roles: rolesInput,
  password: passwordSchema,
});

/** Creates a member account directly (the operator's `benteng user create`). */
export async function createUser(
  db: Db,
  actor: Actor,
  input: z.infer<typeof createUserInput>,
): Promise<{ id: string }> {
  const passwordHash = await hashPassword(input.password);
  return inTransaction(db, async (tx) => {
    if (await userByEmail(tx, input.email)) {
      throw new ServiceError("CONFLICT", `A user with email ${input.email} already exists.`);
    }
    const user = await createMember(tx, {
      workspaceId: actor.workspaceId,
      email: input.email,
      displayName: input.displayName,
      passwordHash,
      roles: input.roles,
    });
    await recordAudit(
      tx,
      actor,
      "user.created",
      auditTarget.user({ userId: user.id, displayName: input.displayName, email: input.email }),
      { roles: input.roles },
    );
    return user;
  });
}

/** The roles whose gain every other admin is told about. */
function privilegedRoles(roles: readonly Role[]): Role[] {
  return roles.filter((r) => r === "admin" || r === "reviewer");
}

/** Who did it, as a notice names them. */
function byWhom(actor: Actor | Member): string {
  return "displayName" in actor ? `${actor.displayName} <${actor.email}>` : "The operator (command line)";
}

async function requireMember(db: Db, actor: Actor, userId: string) {
  return (await memberById(db, actor.workspaceId, userId)) ?? throwMemberNotFound(userId);
}

function throwMemberNotFound(userId: string): never {
  throw notFound("Member", userId);
}

function invitationGone(): never {
  throw new ServiceError(
    "NOT_FOUND",
    "This invitation has expired, was already used or was withdrawn. Ask your admin for a new one.",
  );
}
