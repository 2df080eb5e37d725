import { z } from "zod";
import { passwordSchema } from "../../auth/password.ts";
import {
  acceptInvitation,
  displayNameInput,
  emailInput,
  endMemberSessions,
  invitationPreview,
  invitationTokenInput,
  inviteMember,
  listInvitations,
  listMembers,
  removeMember,
  resetMemberTwoFactor,
  revokeInvitation,
  rolesInput,
  setRoles,
} from "../../services/members.ts";
import { proofTokenSchema } from "../../services/reauthentication.ts";
import { permittedProcedure, publicProcedure, router } from "../init.ts";
import { clientOf, memberOf, setSignInCookies } from "../requestActor.ts";

const memberId = z.object({ userId: z.uuid() });
/** Changing who is a member or what they may do carries a proof made for that act. */
const memberAct = memberId.extend({ proof: proofTokenSchema });
const inviteToken = z.object({ token: invitationTokenInput });

// Managing people is what an attacker with a stolen admin password wants most: it needs the second factor.
const manage = permittedProcedure("workspace.manage", { twoFactor: true });

export const membersRouter = router({
  list: permittedProcedure("workspace.manage").query(({ ctx }) => listMembers(ctx.db, memberOf(ctx))),

  invitations: permittedProcedure("workspace.manage").query(({ ctx }) =>
    listInvitations(ctx.db, memberOf(ctx)),
  ),

  /**
   * Creates a single-use invitation link valid for 7 days; the link is shown once, only its hash is
   * kept. A former member may be invited again.
   */
  invite: manage
    .input(z.object({ email: emailInput, roles: rolesInput, proof: proofTokenSchema }))
    .mutation(async ({ ctx, input }) => {
      const { id, token, expiresAt } = await inviteMember(ctx.db, memberOf(ctx), input);
      return { id, url: `${ctx.origin}/invite/${token}`, expiresAt };
    }),

  revokeInvitation: manage.input(z.object({ invitationId: z.uuid() })).mutation(async ({ ctx, input }) => {
    await revokeInvitation(ctx.db, memberOf(ctx), input.invitationId);
    return { ok: true };
  }),

  setRoles: manage.input(memberAct.extend({ roles: rolesInput })).mutation(async ({ ctx, input }) => {
    await setRoles(ctx.db, memberOf(ctx), input);
    return { ok: true };
  }),

  /** Removes a member; every session they have ends at once. */
  remove: manage.input(memberAct).mutation(async ({ ctx, input }) => {
    await removeMember(ctx.db, memberOf(ctx), input.userId, input.proof);
    return { ok: true };
  }),

  /** Signs a member out everywhere (a lost phone, a suspicion), without removing them. */
  endSessions: manage
    .input(memberAct)
    .mutation(({ ctx, input }) => endMemberSessions(ctx.db, memberOf(ctx), input.userId, input.proof)),

  /**
   * Turns off a member's two-factor authentication (they lost their authenticator): needs the
   * admin's own proof for "member.reset_2fa" with their second factor; the member's sessions end.
   */
  resetTwoFactor: manage
    .input(memberAct)
    .mutation(({ ctx, input }) => resetMemberTwoFactor(ctx.db, memberOf(ctx), input.userId, input.proof)),

  /** What the invitation page shows before someone accepts (public: the link is the credential). */
  invitation: publicProcedure
    .input(inviteToken)
    .query(({ ctx, input }) => invitationPreview(ctx.db, input.token)),

  /** Creates the invited person's account and signs them in; the link works once. */
  acceptInvitation: publicProcedure
    .input(inviteToken.extend({ displayName: displayNameInput, password: passwordSchema }))
    .mutation(async ({ ctx, input }) => {
      const { userId, session } = await acceptInvitation(ctx.db, clientOf(ctx), input);
      setSignInCookies(ctx, userId, session);
      return { userId };
    }),
});
