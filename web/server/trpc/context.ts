import type { Cipher, Db } from "@benteng/db";
import type { SessionWithUser } from "@benteng/db/queries/sessions";
import type { Engine } from "../engineDeps.ts";
import type { Env } from "../env.ts";

/** Cookie operations the auth procedures need; the HTTP adapter implements them. */
export interface SessionCookieJar {
  setSession(token: string, expiresAt: Date): void;
  clearSession(): void;
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
  cookies: SessionCookieJar;
  /** Origin the browser used, for building absolute URLs (webhook URL shown to admins). */
  origin: string;
}

/** All of a request's context without HTTP: router tests call procedures through createCaller with it. */
export function createContextInner(
  input: Omit<Context, "cookies" | "ip" | "userAgent" | "origin"> & Partial<Context>,
): Context {
  return {
    ip: "127.0.0.1",
    userAgent: null,
    origin: "http://localhost",
    cookies: { setSession() {}, clearSession() {} },
    ...input,
  };
}
