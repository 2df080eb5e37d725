import { deleteSession } from "@benteng/db/queries/sessions";
import type { Context } from "../trpc/context.ts";
import { createSession, generateSessionToken } from "./sessions.ts";

/**
 * Replaces the request's session (if any) with a brand-new one and sets its cookie. Used at login and
 * after the second factor, so a session id known before either step is worthless after it.
 */
export async function issueSession(
  ctx: Context,
  input: { userId: string; workspaceId: string; twoFactorVerified: boolean },
): Promise<void> {
  if (ctx.session) await deleteSession(ctx.db, ctx.session.id);
  const token = generateSessionToken();
  const { expiresAt } = await createSession(ctx.db, {
    token,
    userId: input.userId,
    workspaceId: input.workspaceId,
    twoFactorVerified: input.twoFactorVerified,
    userAgent: ctx.userAgent,
    ttlDays: ctx.env.BENTENG_SESSION_TTL_DAYS,
  });
  ctx.cookies.setSession(token, expiresAt);
}
