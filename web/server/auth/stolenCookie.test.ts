import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addMember,
  asksToReauthenticate,
  data,
  deviceCookie,
  enrolTwoFactor,
  mutate,
  PASSWORD,
  query,
  reauthenticate,
  setUpAdmin,
} from "../testing/securityTestKit.ts";
import { createTestApp, sessionCookie, type TestApp } from "../testing/testApp.ts";
import { MAX_FAILURES_PER_ACCOUNT } from "./throttle.ts";

const NEW_PASSWORD = "a completely new passphrase";

/** Signs in from `ip` without two-factor; the session and the device cookie the browser got. */
async function signInFrom(t: TestApp, email: string, ip: string) {
  const res = await t.call("auth.login", { email, password: PASSWORD }, { ip });
  return { session: sessionCookie(res), device: deviceCookie(res) };
}

/** Starts a sign-in of a two-factor account: the challenge waiting for its second step. */
async function beginTwoFactorSignIn(t: TestApp, email: string, password = PASSWORD): Promise<string> {
  const res = data<{ secondFactor: boolean; challenge: string }>(
    await t.call("auth.login", { email, password }, { ip: "198.51.100.50" }),
  );
  expect(res.secondFactor).toBe(true);
  return res.challenge;
}

async function signInWithCode(t: TestApp, email: string, code: string): Promise<string> {
  const challenge = await beginTwoFactorSignIn(t, email);
  return sessionCookie(await t.call("auth.verifySecondFactor", { challenge, code }, { ip: "198.51.100.50" }));
}

describe("a stolen session cookie does not become an account takeover (over HTTP)", () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = (await enrolTwoFactor(t, await setUpAdmin(t))).cookie;
  });
  afterAll(() => t.close());

  it("a thief with the cookie of an account without two-factor cannot enrol their own authenticator", async () => {
    await addMember(t, admin, "vic@example.com", ["marketer"]);
    const owner = await signInFrom(t, "vic@example.com", "198.51.100.1");
    const stolen = owner.session;
    expect(asksToReauthenticate(await t.call("twoFactor.begin", null, { cookie: stolen }))).toBe(true);
    // Guessing the password to unlock it is throttled like a sign-in.
    const guess = (password: string) =>
      t.call(
        "auth.reauthenticate",
        { password, action: "2fa.enrol" },
        { cookie: stolen, ip: "203.0.113.66" },
      );
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++)
      expect((await guess(`wrong guess number ${i}`)).statusCode).toBe(400);
    expect((await guess(PASSWORD)).statusCode).toBe(429);
    expect(asksToReauthenticate(await t.call("twoFactor.begin", null, { cookie: stolen }))).toBe(true);
    // Nothing is pending to confirm (and guessing codes is throttled too).
    expect((await t.call("twoFactor.confirm", { code: "123456" }, { cookie: stolen })).statusCode).toBe(429);
    const user = await t.db
      .selectFrom("users")
      .leftJoin("two_factor", "two_factor.user_id", "users.id")
      .select(["users.totp_secret_enc", "two_factor.pending_secret_enc"])
      .where("users.email", "=", "vic@example.com")
      .executeTakeFirstOrThrow();
    expect(user).toEqual({ totp_secret_enc: null, pending_secret_enc: null });
    // The owner still signs in, from the browser they signed in with before.
    const again = await t.call(
      "auth.login",
      { email: "vic@example.com", password: PASSWORD },
      { cookie: owner.device, ip: "198.51.100.1" },
    );
    expect(again.statusCode).toBe(200);
  });

  it("the owner's re-authentication gives a thief with the same cookie nothing: a proof is for one act, once (F-reauth)", async () => {
    await addMember(t, admin, "rena@example.com", ["marketer"]);
    const cookie = (await signInFrom(t, "rena@example.com", "198.51.100.2")).session;
    // A sign-in alone is not a proof.
    expect(asksToReauthenticate(await t.call("twoFactor.begin", null, { cookie }))).toBe(true);
    // The owner types her password for turning two-factor on; the proof goes to her browser only.
    const ownersProof = await reauthenticate(t, cookie, "2fa.enrol");
    // Seconds later the thief uses the very same cookie: the session itself is no more trusted than before.
    expect(asksToReauthenticate(await t.call("twoFactor.begin", null, { cookie }))).toBe(true);
    expect(asksToReauthenticate(await t.call("twoFactor.begin", { proof: "x".repeat(43) }, { cookie }))).toBe(
      true,
    );
    // A proof made for another act does not open this one.
    const forDisabling = await reauthenticate(t, cookie, "2fa.disable");
    expect(asksToReauthenticate(await t.call("twoFactor.begin", { proof: forDisabling }, { cookie }))).toBe(
      true,
    );
    // Nor does it work from another session of the same person.
    const other = (await signInFrom(t, "rena@example.com", "198.51.100.3")).session;
    expect(
      asksToReauthenticate(await t.call("twoFactor.begin", { proof: ownersProof }, { cookie: other })),
    ).toBe(true);
    // The owner's own request carries it and succeeds, once.
    expect((await t.call("twoFactor.begin", { proof: ownersProof }, { cookie })).statusCode).toBe(200);
    expect(asksToReauthenticate(await t.call("twoFactor.begin", { proof: ownersProof }, { cookie }))).toBe(
      true,
    );
  });

  it("enrolling ends every other session of the person", async () => {
    await addMember(t, admin, "enzo@example.com", ["marketer"]);
    const here = (await signInFrom(t, "enzo@example.com", "198.51.100.3")).session;
    const thief = (await signInFrom(t, "enzo@example.com", "198.51.100.3")).session;
    const enrolled = await enrolTwoFactor(t, here);
    expect(data(await query(t, "auth.me", undefined, thief))).toBeNull();
    expect(data(await query(t, "auth.me", undefined, here))).toBeNull();
    expect(
      data<{ twoFactorVerified: boolean }>(await query(t, "auth.me", undefined, enrolled.cookie))
        .twoFactorVerified,
    ).toBe(true);
  });

  it("throttles wrong current passwords in a password change, per account", async () => {
    await addMember(t, admin, "pat@example.com", ["marketer"]);
    const stolen = (await signInFrom(t, "pat@example.com", "198.51.100.4")).session;
    const change = (currentPassword: string, ip: string) =>
      t.call("auth.changePassword", { currentPassword, newPassword: NEW_PASSWORD }, { cookie: stolen, ip });
    // From ever new addresses: the account's own budget still runs out.
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++)
      expect((await change(`guess number ${i}!!`, `203.0.113.${100 + i}`)).statusCode).toBe(400);
    expect((await change(PASSWORD, "203.0.113.120")).statusCode).toBe(429);
    const hash = await t.db
      .selectFrom("users")
      .select("password_hash")
      .where("email", "=", "pat@example.com")
      .executeTakeFirstOrThrow();
    expect(hash.password_hash).toMatch(/^\$argon2id\$/);
    const audit = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("action", "in", ["auth.reauthentication_failed", "auth.reauthentication_throttled"])
      .execute();
    expect(audit.map((a) => a.action)).toContain("auth.reauthentication_throttled");
  });

  it("a password change ends every other session and voids a second step begun with the old password", async () => {
    await addMember(t, admin, "olga@example.com", ["marketer"]);
    const first = (await signInFrom(t, "olga@example.com", "198.51.100.5")).session;
    const { cookie: here, recoveryCodes } = await enrolTwoFactor(t, first);
    const elsewhere = await signInWithCode(t, "olga@example.com", recoveryCodes[0] as string);
    const pending = await beginTwoFactorSignIn(t, "olga@example.com");
    // With two-factor on, the current password alone is not enough.
    const withoutCode = await t.call(
      "auth.changePassword",
      { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
      { cookie: here },
    );
    expect(withoutCode.statusCode).toBe(400);
    const changed = await mutate<{ otherSessionsEnded: number }>(
      t,
      "auth.changePassword",
      { currentPassword: PASSWORD, code: recoveryCodes[1], newPassword: NEW_PASSWORD },
      here,
    );
    expect(changed.otherSessionsEnded).toBe(1);
    expect(data(await query(t, "auth.me", undefined, elsewhere))).toBeNull();
    expect(data(await query(t, "auth.me", undefined, here))).not.toBeNull();
    const completed = await t.call("auth.verifySecondFactor", { challenge: pending, code: recoveryCodes[2] });
    expect(completed.statusCode).toBe(401);
    expect(await t.db.selectFrom("login_challenges").select("id").execute()).toHaveLength(0);
  });

  it("turning two-factor off needs a recent proof with the second factor, ends every other session and leaves none verified", async () => {
    await addMember(t, admin, "tess@example.com", ["marketer"]);
    const first = (await signInFrom(t, "tess@example.com", "198.51.100.6")).session;
    const { cookie: here, recoveryCodes } = await enrolTwoFactor(t, first);
    const elsewhere = await signInWithCode(t, "tess@example.com", recoveryCodes[0] as string);
    const pending = await beginTwoFactorSignIn(t, "tess@example.com");
    expect(asksToReauthenticate(await t.call("twoFactor.disable", null, { cookie: here }))).toBe(true);
    // The password alone does not re-authenticate an account with two-factor on.
    expect(
      (await t.call("auth.reauthenticate", { password: PASSWORD, action: "2fa.disable" }, { cookie: here }))
        .statusCode,
    ).toBe(400);
    const proof = await reauthenticate(t, here, "2fa.disable", recoveryCodes[1]);
    const off = await t.call("twoFactor.disable", { proof }, { cookie: here });
    expect(off.statusCode).toBe(200);
    const now = sessionCookie(off);
    expect(data<{ twoFactorVerified: boolean }>(await query(t, "auth.me", undefined, now))).toMatchObject({
      twoFactorVerified: false,
      twoFactorEnabled: false,
    });
    expect(data(await query(t, "auth.me", undefined, elsewhere))).toBeNull();
    expect(
      (await t.call("auth.verifySecondFactor", { challenge: pending, code: recoveryCodes[2] })).statusCode,
    ).toBe(401);
    const verified = await t.db
      .selectFrom("sessions")
      .innerJoin("users", "users.id", "sessions.user_id")
      .select("sessions.id")
      .where("users.email", "=", "tess@example.com")
      .where("sessions.two_factor_verified", "=", true)
      .execute();
    expect(verified).toHaveLength(0);
  });

  it("new recovery codes need a recent proof and end every other session", async () => {
    await addMember(t, admin, "rob@example.com", ["marketer"]);
    const first = (await signInFrom(t, "rob@example.com", "198.51.100.7")).session;
    const { cookie: here, recoveryCodes } = await enrolTwoFactor(t, first);
    const elsewhere = await signInWithCode(t, "rob@example.com", recoveryCodes[0] as string);
    expect(
      asksToReauthenticate(await t.call("twoFactor.regenerateRecoveryCodes", null, { cookie: here })),
    ).toBe(true);
    const proof = await reauthenticate(t, here, "2fa.recovery_codes", recoveryCodes[1]);
    const fresh = await mutate<{ recoveryCodes: string[] }>(
      t,
      "twoFactor.regenerateRecoveryCodes",
      { proof },
      here,
    );
    expect(fresh.recoveryCodes).toHaveLength(10);
    expect(data(await query(t, "auth.me", undefined, elsewhere))).toBeNull();
    // The old codes stopped working.
    const challenge = await beginTwoFactorSignIn(t, "rob@example.com");
    expect((await t.call("auth.verifySecondFactor", { challenge, code: recoveryCodes[2] })).statusCode).toBe(
      401,
    );
  });
});
