import { createHash, randomBytes } from "node:crypto";
import { storeReauthenticationProof } from "@benteng/db/queries/reauthenticationProofs";
import type { LightMyRequestResponse } from "fastify";
import { expect } from "vitest";
import { sessionIdFromToken } from "../auth/sessions.ts";
import { currentTotpCode } from "../auth/totp.ts";
import { PROOF_LIFETIME_MS } from "../services/reauthentication.ts";
import { sessionCookie, type TestApp } from "./testApp.ts";

// Helpers for tests that drive accounts over HTTP the way the browser does.

export const PASSWORD = "a long enough password";

/** A query procedure over HTTP (GET), as the browser calls it. */
export function query(
  t: TestApp,
  path: string,
  input: unknown,
  cookie?: string,
): Promise<LightMyRequestResponse> {
  return t.call(path, input, cookie ? { cookie } : {});
}

/** A POST for any mutation; the response's data, failing the test on an error. */
export async function mutate<T = unknown>(
  t: TestApp,
  path: string,
  input: unknown,
  cookie?: string,
): Promise<T> {
  const res = await t.call(path, input, { cookie });
  expect(res.statusCode, `${path}: ${res.body}`).toBe(200);
  return res.json().result.data as T;
}

export function data<T = unknown>(res: LightMyRequestResponse): T {
  expect(res.statusCode, res.body).toBe(200);
  return res.json().result.data as T;
}

/** Sets up the installation's first admin; returns their session cookie. */
export async function setUpAdmin(t: TestApp, email = "admin@example.com"): Promise<string> {
  return sessionCookie(
    await t.call("setup.createAdmin", { email, displayName: "Ana Admin", password: PASSWORD }),
  );
}

/**
 * Shows it is them again (password, and a code when two-factor is on) for one sensitive act; the
 * single-use proof that act's request carries.
 */
export async function reauthenticate(
  t: TestApp,
  cookie: string,
  action: string,
  code?: string,
): Promise<string> {
  return (
    await mutate<{ proof: string }>(
      t,
      "auth.reauthenticate",
      { password: PASSWORD, action, ...(code ? { code } : {}) },
      cookie,
    )
  ).proof;
}

/**
 * A proof for `action` on this cookie's session as `reauthenticate` stores it, without spending a
 * second factor: for tests about something else that need an admin act along the way (an enrolled
 * admin's authenticator gives one code per 30 s). Tests of the proof itself use `reauthenticate`.
 */
export async function proofFor(t: TestApp, cookie: string, action: string): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const sessionToken = cookie.slice(cookie.indexOf("=") + 1);
  await storeReauthenticationProof(t.db, {
    tokenHash: createHash("sha256").update(token).digest("hex"),
    sessionId: sessionIdFromToken(sessionToken),
    action,
    expiresAt: new Date(Date.now() + PROOF_LIFETIME_MS),
  });
  return token;
}

/**
 * Turns on two-factor for the signed-in person (re-authenticating first, as the page asks); returns
 * the new (verified) session and the secrets.
 */
export async function enrolTwoFactor(
  t: TestApp,
  cookie: string,
): Promise<{ cookie: string; secret: string; recoveryCodes: string[] }> {
  const proof = await reauthenticate(t, cookie, "2fa.enrol");
  const { secret } = await mutate<{ secret: string }>(t, "twoFactor.begin", { proof }, cookie);
  const res = await t.call("twoFactor.confirm", { code: currentTotpCode(secret) }, { cookie });
  const { recoveryCodes } = data<{ recoveryCodes: string[] }>(res);
  return { cookie: sessionCookie(res), secret, recoveryCodes };
}

/** Invites a member with `roles` (the admin must have passed 2FA) and accepts as them; their cookie. */
export async function addMember(
  t: TestApp,
  adminCookie: string,
  email: string,
  roles: string[],
): Promise<{ cookie: string; userId: string }> {
  const proof = await proofFor(t, adminCookie, "member.invite");
  const { url } = await mutate<{ url: string }>(t, "members.invite", { email, roles, proof }, adminCookie);
  const token = url.split("/invite/")[1];
  const res = await t.call("members.acceptInvitation", {
    token,
    displayName: email.split("@")[0],
    password: PASSWORD,
  });
  return { cookie: sessionCookie(res), userId: data<{ userId: string }>(res).userId };
}

/** The `name=value` of the device cookie a response set (a browser that signed in gets one). */
export function deviceCookie(res: LightMyRequestResponse): string {
  const cookie = res.cookies.find((c) => c.name === "benteng_device");
  if (!cookie) throw new Error(`no device cookie in response ${res.statusCode}: ${res.body}`);
  return `${cookie.name}=${cookie.value}`;
}

/** Whether a refusal asks the person to show it is them again (the page then asks for the password). */
export function asksToReauthenticate(res: LightMyRequestResponse): boolean {
  return res.statusCode === 403 && res.json().error?.data?.reauthenticate === true;
}

/** Signs in with a password and, when asked, a second-factor code; returns the session cookie. */
export async function signIn(t: TestApp, email: string, secondFactor?: () => string): Promise<string> {
  const res = await t.call("auth.login", { email, password: PASSWORD });
  const result = data<{ secondFactor: boolean; challenge?: string }>(res);
  if (!result.secondFactor) return sessionCookie(res);
  if (!secondFactor) throw new Error(`${email} has two-factor on; pass a code`);
  return sessionCookie(
    await t.call("auth.verifySecondFactor", { challenge: result.challenge, code: secondFactor() }),
  );
}
