import type { SessionWithUser } from "@benteng/db/queries/sessions";
import { issueDeviceCookie } from "../auth/deviceCookie.ts";
import type { IssuedSession } from "../auth/issueSession.ts";
import { type AuditedRequest, type Member, memberActor, sessionFingerprint } from "../services/actor.ts";
import type { SignInClient } from "../services/auth.ts";
import type { Context } from "./context.ts";

// What routers hand to services about the request: who is asking, and from which browser.

/** The signed-in member behind a procedure that required a session, with the request audit rows name. */
export function memberOf(ctx: Context & { session: SessionWithUser }): Member {
  return { ...memberActor(ctx.session), request: auditedRequest(ctx) };
}

/** The session fingerprint and address every audit row this request causes records. */
export function auditedRequest(ctx: Context): AuditedRequest {
  return { session: ctx.session ? sessionFingerprint(ctx.session.id) : null, ip: ctx.ip };
}

/** The browser: its address, its current session and what a new session records. */
export function clientOf(ctx: Context): SignInClient {
  return {
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    sessionId: ctx.session?.id ?? null,
    deviceCookie: ctx.deviceCookie,
    sessionTtlDays: ctx.env.BENTENG_SESSION_TTL_DAYS,
  };
}

/** Gives the browser the cookie of a session a service just issued (after its transaction committed). */
export function setSessionCookie(ctx: Context, session: IssuedSession): void {
  ctx.cookies.setSession(session.token, session.expiresAt);
}

/**
 * After someone signed in with their password (and second factor): the session cookie, and a new
 * device cookie naming their account, so this browser is a trusted device for later sign-ins.
 */
export function setSignInCookies(ctx: Context, userId: string, session: IssuedSession): void {
  setSessionCookie(ctx, session);
  const device = issueDeviceCookie(ctx.cipher, userId);
  ctx.cookies.setDevice(device.value, device.expiresAt);
}
