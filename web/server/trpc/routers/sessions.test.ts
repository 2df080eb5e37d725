import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_IP } from "../../auth/throttle.ts";
import {
  addMember,
  data,
  enrolTwoFactor,
  mutate,
  PASSWORD,
  proofFor,
  query,
  setUpAdmin,
  signIn,
} from "../../testing/securityTestKit.ts";
import { createTestApp, type TestApp } from "../../testing/testApp.ts";

describe("sessions, passwords and throttling (over HTTP)", () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = (await enrolTwoFactor(t, await setUpAdmin(t))).cookie;
    await addMember(t, admin, "mira@example.com", ["marketer"]);
    await addMember(t, admin, "sam@example.com", ["viewer"]);
  });
  afterAll(() => t.close());

  it("a stolen session cookie stops working once its owner signs it out from their session list", async () => {
    const laptop = await signIn(t, "mira@example.com");
    const stolen = await signIn(t, "mira@example.com");
    expect((await query(t, "flows.list", undefined, stolen)).statusCode).toBe(200);
    const sessions = data<Array<{ id: string; current: boolean }>>(
      await query(t, "sessions.list", undefined, laptop),
    );
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    const other = sessions.find((s) => !s.current && s.id);
    // Revoke every session that is not the laptop's (the thief's is among them).
    for (const s of sessions.filter((x) => !x.current))
      await mutate(
        t,
        "sessions.revoke",
        { sessionId: s.id, proof: await proofFor(t, laptop, "session.revoke") },
        laptop,
      );
    expect(other).toBeDefined();
    expect((await query(t, "flows.list", undefined, stolen)).statusCode).toBe(401);
    expect((await query(t, "flows.list", undefined, laptop)).statusCode).toBe(200);
  });

  it("cannot revoke someone else's session", async () => {
    const mira = await signIn(t, "mira@example.com");
    const adminSessions = data<Array<{ id: string }>>(await query(t, "sessions.list", undefined, admin));
    const proof = await proofFor(t, mira, "session.revoke");
    const res = await t.call("sessions.revoke", { sessionId: adminSessions[0]?.id, proof }, { cookie: mira });
    expect(res.statusCode).toBe(404);
    expect((await query(t, "flows.list", undefined, admin)).statusCode).toBe(200);
  });

  it("sign out everywhere ends every session of that person, the current one included", async () => {
    const a = await signIn(t, "mira@example.com");
    const b = await signIn(t, "mira@example.com");
    await mutate(t, "sessions.signOutEverywhere", null, a);
    expect(data(await query(t, "auth.me", undefined, a))).toBeNull();
    expect(data(await query(t, "auth.me", undefined, b))).toBeNull();
  });

  it("changing the password keeps this session and ends all the others", async () => {
    const here = await signIn(t, "mira@example.com");
    const elsewhere = await signIn(t, "mira@example.com");
    const wrong = await t.call(
      "auth.changePassword",
      { currentPassword: "not it at all!", newPassword: "a brand new passphrase" },
      { cookie: here },
    );
    expect(wrong.statusCode).toBe(400);
    await mutate(
      t,
      "auth.changePassword",
      { currentPassword: PASSWORD, newPassword: "a brand new passphrase" },
      here,
    );
    expect(data(await query(t, "auth.me", undefined, here))).not.toBeNull();
    expect(data(await query(t, "auth.me", undefined, elsewhere))).toBeNull();
    expect((await t.call("auth.login", { email: "mira@example.com", password: PASSWORD })).statusCode).toBe(
      401,
    );
    await mutate(
      t,
      "auth.changePassword",
      { currentPassword: "a brand new passphrase", newPassword: PASSWORD },
      here,
    );
    // A successful sign-in forgets the account's earlier failures.
    await signIn(t, "mira@example.com");
  });

  it("throttles an account after repeated failures, with the same message for real and unknown accounts", async () => {
    const fail = (email: string) => t.call("auth.login", { email, password: "definitely wrong!!" });
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++)
      expect((await fail("mira@example.com")).statusCode).toBe(401);
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) await fail("ghost@example.com");
    const real = await t.call("auth.login", { email: "mira@example.com", password: PASSWORD });
    const ghost = await fail("ghost@example.com");
    expect(real.statusCode).toBe(429);
    expect(ghost.statusCode).toBe(429);
    expect(real.json().error.message).toBe(ghost.json().error.message);
    expect(real.cookies.find((c) => c.name === "benteng_session" && c.value)).toBeUndefined();
    // Other accounts are unaffected by one account's lockout.
    expect((await t.call("auth.login", { email: "admin@example.com", password: PASSWORD })).statusCode).toBe(
      200,
    );
    const actions = (await t.db.selectFrom("audit_log").select("action").execute()).map((r) => r.action);
    expect(actions).toContain("auth.login_failed");
    expect(actions).toContain("auth.login_throttled");
  });

  it("limits a burst of concurrent guesses like a sequence of them", async () => {
    // All sent at once: none may slip through because the others had not been counted yet.
    const burst = await Promise.all(
      Array.from({ length: 15 }, () =>
        t.call("auth.login", { email: "burst@example.com", password: "definitely wrong!!" }),
      ),
    );
    const checked = burst.filter((r) => r.statusCode === 401).length;
    expect(checked).toBeLessThanOrEqual(MAX_FAILURES_PER_ACCOUNT);
    expect(burst.filter((r) => r.statusCode === 429).length).toBe(15 - checked);
    // Refused attempts were not counted, so the account has exactly its remaining budget left.
    const guess = () => t.call("auth.login", { email: "burst@example.com", password: "definitely wrong!!" });
    for (let i = checked; i < MAX_FAILURES_PER_ACCOUNT; i++) expect((await guess()).statusCode).toBe(401);
    expect((await guess()).statusCode).toBe(429);
  });

  it("throttles an address that sprays passwords over many accounts", async () => {
    const fromBotnet = (email: string) =>
      t.app.inject({
        method: "POST",
        url: "/trpc/auth.login",
        headers: {
          host: "localhost:80",
          origin: "http://localhost:80",
          "content-type": "application/json",
          "x-forwarded-for": "203.0.113.9",
        },
        payload: JSON.stringify({ email, password: "Password1234!" }),
      });
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) await fromBotnet(`user${i}@example.com`);
    expect((await fromBotnet("admin@example.com")).statusCode).toBe(429);
  });

  it("marks the session cookie Secure when the site is reached over HTTPS (behind a proxy)", async () => {
    const login = (proto: string) =>
      t.app.inject({
        method: "POST",
        url: "/trpc/auth.login",
        headers: {
          host: "203.0.113.5",
          origin: `${proto}://203.0.113.5`,
          "content-type": "application/json",
          "x-forwarded-proto": proto,
          "x-forwarded-for": "198.51.100.7",
        },
        payload: JSON.stringify({ email: "sam@example.com", password: PASSWORD }),
      });
    const https = (await login("https")).cookies.find((c) => c.name === "benteng_session");
    const http = (await login("http")).cookies.find((c) => c.name === "benteng_session");
    expect(https?.secure).toBe(true);
    expect(http?.value).toBeTruthy();
    expect(http?.secure).toBeFalsy();
  });

  it("refuses a cross-origin POST to the new account procedures", async () => {
    const evil = await t.call("sessions.signOutEverywhere", null, {
      cookie: admin,
      origin: "https://evil.example",
    });
    expect(evil.statusCode).toBe(403);
    const invite = await t.call(
      "members.invite",
      { email: "x@example.com", roles: ["admin"], proof: await proofFor(t, admin, "member.invite") },
      { cookie: admin, origin: "https://evil.example" },
    );
    expect(invite.statusCode).toBe(403);
    expect(data<unknown[]>(await query(t, "members.invitations", undefined, admin))).toHaveLength(2);
    expect(data(await query(t, "auth.me", undefined, admin))).not.toBeNull();
  });
});
