import { appendAudit } from "@benteng/db/queries/auditLog";
import {
  acceptInvitation,
  createInvitation,
  listInvitations,
  openInvitationByTokenHash,
  revokeInvitation,
} from "@benteng/db/queries/invitations";
import { countMembersWithRole, listMembers, removeMember, setMemberRoles } from "@benteng/db/queries/members";
import { deleteOtherSessions } from "@benteng/db/queries/userSessions";
import { membershipRoles, userByEmail } from "@benteng/db/queries/users";
import { roleSchema } from "@benteng/shared";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { issueSession } from "../../auth/issueSession.ts";
import { hashPassword, passwordSchema } from "../../auth/password.ts";
import { generateSessionToken, sessionIdFromToken } from "../../auth/sessions.ts";
import { permittedProcedure, publicProcedure, router } from "../init.ts";

const INVITATION_TTL_MS = 7 * 86_400_000;
const rolesInput = z.array(roleSchema).min(1, "Choose at least one role.").max(5);
const memberId = z.object({ userId: z.uuid() });
const inviteToken = z.object({
  token: z.string().regex(/^[a-z2-7]{32}$/, "This invitation link is not valid."),
});

// Managing people is what an attacker with a stolen admin password wants most: it needs the second factor.
const manage = permittedProcedure("workspace.manage", { twoFactor: true });

function invitationGone(): never {
  throw new TRPCError({
    code: "NOT_FOUND",
    message: "This invitation has expired, was already used or was withdrawn. Ask your admin for a new one.",
  });
}

export const membersRouter = router({
  list: permittedProcedure("workspace.manage").query(({ ctx }) =>
    listMembers(ctx.db, ctx.session.workspaceId),
  ),

  invitations: permittedProcedure("workspace.manage").query(({ ctx }) =>
    listInvitations(ctx.db, ctx.session.workspaceId),
  ),

  /** Creates a single-use invitation link valid for 7 days; the link is shown once, only its hash is kept. */
  invite: manage
    .input(z.object({ email: z.email("Enter a valid email address.").max(254), roles: rolesInput }))
    .mutation(async ({ ctx, input }) => {
      if (await userByEmail(ctx.db, input.email)) {
        throw new TRPCError({ code: "CONFLICT", message: `${input.email} already has an account.` });
      }
      const token = generateSessionToken();
      const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
      const { id } = await createInvitation(ctx.db, {
        workspaceId: ctx.session.workspaceId,
        tokenHash: sessionIdFromToken(token),
        email: input.email,
        roles: input.roles,
        createdBy: ctx.session.userId,
        expiresAt,
      });
      await appendAudit(ctx.db, {
        workspaceId: ctx.session.workspaceId,
        actorUserId: ctx.session.userId,
        action: "member.invited",
        target: id,
        details: { email: input.email.toLowerCase(), roles: input.roles },
      });
      return { id, url: `${ctx.origin}/invite/${token}`, expiresAt };
    }),

  revokeInvitation: manage.input(z.object({ invitationId: z.uuid() })).mutation(async ({ ctx, input }) => {
    if (!(await revokeInvitation(ctx.db, ctx.session.workspaceId, input.invitationId))) invitationGone();
    await appendAudit(ctx.db, {
      workspaceId: ctx.session.workspaceId,
      actorUserId: ctx.session.userId,
      action: "member.invitation_revoked",
      target: input.invitationId,
    });
    return { ok: true };
  }),

  setRoles: manage.input(memberId.extend({ roles: rolesInput })).mutation(async ({ ctx, input }) => {
    const roles = [...new Set(input.roles)];
    if (
      !roles.includes("admin") &&
      (await countMembersWithRole(ctx.db, ctx.session.workspaceId, "admin", input.userId)) === 0
    ) {
      throw new TRPCError({ code: "BAD_REQUEST", message: "The workspace needs at least one admin." });
    }
    if (!(await setMemberRoles(ctx.db, ctx.session.workspaceId, input.userId, roles))) {
      throw new TRPCError({ code: "NOT_FOUND", message: `Member ${input.userId} was not found.` });
    }
    await appendAudit(ctx.db, {
      workspaceId: ctx.session.workspaceId,
      actorUserId: ctx.session.userId,
      action: "member.roles_changed",
      target: input.userId,
      details: { roles },
    });
    return { ok: true };
  }),

  /** Removes a member; every session they have ends at once. */
  remove: manage.input(memberId).mutation(async ({ ctx, input }) => {
    if (input.userId === ctx.session.userId) {
      throw new TRPCError({ code: "BAD_REQUEST", message: "You cannot remove yourself." });
    }
    if (!(await removeMember(ctx.db, ctx.session.workspaceId, input.userId))) {
      throw new TRPCError({ code: "NOT_FOUND", message: `Member ${input.userId} was not found.` });
    }
    await appendAudit(ctx.db, {
      workspaceId: ctx.session.workspaceId,
      actorUserId: ctx.session.userId,
      action: "member.removed",
      target: input.userId,
    });
    return { ok: true };
  }),

  /** Signs a member out everywhere (a lost phone, a suspicion), without removing them. */
  endSessions: manage.input(memberId).mutation(async ({ ctx, input }) => {
    if (!(await membershipRoles(ctx.db, ctx.session.workspaceId, input.userId))) {
      throw new TRPCError({ code: "NOT_FOUND", message: `Member ${input.userId} was not found.` });
    }
    const ended = await deleteOtherSessions(ctx.db, input.userId, ctx.session.id);
    await appendAudit(ctx.db, {
      workspaceId: ctx.session.workspaceId,
      actorUserId: ctx.session.userId,
      action: "member.sessions_ended",
      target: input.userId,
      details: { sessionsEnded: ended },
    });
    return { sessionsEnded: ended };
  }),

  /** What the invitation page shows before someone accepts (public: the link is the credential). */
  invitation: publicProcedure.input(inviteToken).query(async ({ ctx, input }) => {
    const inv = await openInvitationByTokenHash(ctx.db, sessionIdFromToken(input.token));
    if (!inv) invitationGone();
    return { email: inv.email, roles: inv.roles, expiresAt: inv.expiresAt };
  }),

  /** Creates the invited person's account and signs them in; the link works once. */
  acceptInvitation: publicProcedure
    .input(
      inviteToken.extend({
        displayName: z.string().trim().min(1, "Enter your name.").max(100),
        password: passwordSchema,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const accepted = await acceptInvitation(ctx.db, {
        tokenHash: sessionIdFromToken(input.token),
        displayName: input.displayName,
        passwordHash: await hashPassword(input.password),
      });
      if (!accepted) invitationGone();
      await appendAudit(ctx.db, {
        workspaceId: accepted.workspaceId,
        actorUserId: accepted.userId,
        action: "user.created",
        target: accepted.userId,
        details: { via: "invitation", roles: accepted.roles },
      });
      await issueSession(ctx, {
        userId: accepted.userId,
        workspaceId: accepted.workspaceId,
        twoFactorVerified: false,
      });
      return { userId: accepted.userId };
    }),
});
