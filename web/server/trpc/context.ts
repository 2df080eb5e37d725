import type { Cipher, Db } from "@benteng/db";
import type { SessionWithUser } from "@benteng/db/queries/sessions";
import type { Engine } from "@benteng/runtime";
import type { Env } from "../env.ts";

/** Cookie operations the auth procedures need; the HTTP adapter implements them. */
export interface SessionCookieJar {
  setSession(token: string, expiresAt: Date): void;
  clearSession(): void;
  /** The device cookie (see auth/deviceCookie.ts); it outlives sessions and is never cleared at sign-out. */
  setDevice(value: string, expiresAt: Date): void;
}

export interface Context {
  db: Db;
  cipher: Cipher;
  env: Env;
  /** Sandbox and engine dependencies (simulator, script test runs). */
  engine: Engine;
  /** The installation's workspace, used by setup before anyone has a session. */
  installationWorkspaceId: string;
  session: SessionWithUser | null;
  ip: string;
  userAgent: string | null;
  /** The device cookie as the browser sent it (checked where it matters), or null. */
  deviceCookie: string | null;
  cookies: SessionCookieJar;
  /** Origin the browser used, for building absolute URLs (webhook URL shown to admins). */
  origin: string;
}

/** All of a request's context without HTTP: router tests call procedures through createCaller with it. */
export function createContextInner(
  input: Omit<Context, "cookies" | "ip" | "userAgent" | "origin" | "deviceCookie"> & Partial<Context>,
): Context {
  return {
    ip: "127.0.0.1",
    userAgent: null,
    deviceCookie: null,
    origin: "http://localhost",
    cookies: { setSession() {}, clearSession() {}, setDevice() {} },
    ...input,
  };
}
