import { appendAudit } from "@benteng/db/queries/auditLog";
import { deleteOtherSessions, deleteUserSession, listUserSessions } from "@benteng/db/queries/userSessions";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { authedProcedure, router } from "../init.ts";

export const sessionsRouter = router({
  /** The signed-in person's own sessions; the current one is marked. */
  list: authedProcedure.query(async ({ ctx }) => {
    const rows = await listUserSessions(ctx.db, ctx.session.workspaceId, ctx.session.userId);
    return rows.map((s) => ({ ...s, current: s.id === ctx.session.id }));
  }),

  revoke: authedProcedure
    .input(z.object({ sessionId: z.string().regex(/^[0-9a-f]{64}$/) }))
    .mutation(async ({ ctx, input }) => {
      if (!(await deleteUserSession(ctx.db, ctx.session.userId, input.sessionId))) {
        throw new TRPCError({ code: "NOT_FOUND", message: "That session has already ended." });
      }
      if (input.sessionId === ctx.session.id) ctx.cookies.clearSession();
      await appendAudit(ctx.db, {
        workspaceId: ctx.session.workspaceId,
        actorUserId: ctx.session.userId,
        action: "auth.session_revoked",
        target: ctx.session.userId,
      });
      return { ok: true };
    }),

  /** Ends every session of this person, this one included (a lost laptop, a shared computer). */
  signOutEverywhere: authedProcedure.mutation(async ({ ctx }) => {
    const ended = await deleteOtherSessions(ctx.db, ctx.session.userId, null);
    ctx.cookies.clearSession();
    await appendAudit(ctx.db, {
      workspaceId: ctx.session.workspaceId,
      actorUserId: ctx.session.userId,
      action: "auth.signed_out_everywhere",
      target: ctx.session.userId,
      details: { sessionsEnded: ended },
    });
    return { sessionsEnded: ended };
  }),
});
