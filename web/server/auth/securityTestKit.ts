import type { LightMyRequestResponse } from "fastify";
import { expect } from "vitest";
import { sessionCookie, type TestApp } from "../testing/testApp.ts";
import { currentTotpCode } from "./totp.ts";

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

/** Turns on two-factor for the signed-in person; returns the new (verified) session and the secrets. */
export async function enrolTwoFactor(
  t: TestApp,
  cookie: string,
): Promise<{ cookie: string; secret: string; recoveryCodes: string[] }> {
  const { secret } = await mutate<{ secret: string }>(t, "twoFactor.begin", null, cookie);
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
  const { url } = await mutate<{ url: string }>(t, "members.invite", { email, roles }, adminCookie);
  const token = url.split("/invite/")[1];
  const res = await t.call("members.acceptInvitation", {
    token,
    displayName: email.split("@")[0],
    password: PASSWORD,
  });
  return { cookie: sessionCookie(res), userId: data<{ userId: string }>(res).userId };
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
