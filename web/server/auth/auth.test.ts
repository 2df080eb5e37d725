import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, sessionCookie, type TestApp } from "../testing/testApp.ts";

const admin = { email: "Admin@Example.com", displayName: "Admin", password: "a long enough password" };

describe("accounts and sessions (over HTTP)", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it("offers setup only until the first admin exists; no default credentials", async () => {
    expect((await t.call("setup.status")).json().result.data).toEqual({ needsSetup: true });
    const weak = await t.call("setup.createAdmin", { ...admin, password: "short" });
    expect(weak.statusCode).toBe(400);
    const res = await t.call("setup.createAdmin", admin);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === "benteng_session");
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Lax");
    expect(cookie?.path).toBe("/");
    expect((await t.call("setup.status")).json().result.data).toEqual({ needsSetup: false });
    const again = await t.call("setup.createAdmin", { ...admin, email: "intruder@example.com" });
    expect(again.statusCode).toBe(403);
  });

  it("answers a wrong password and an unknown email with the same generic error", async () => {
    const wrongPassword = await t.call("auth.login", { email: admin.email, password: "not the password!!" });
    const unknownEmail = await t.call("auth.login", {
      email: "nobody@example.com",
      password: "whatever password",
    });
    expect(wrongPassword.statusCode).toBe(401);
    expect(unknownEmail.statusCode).toBe(401);
    expect(wrongPassword.json().error.message).toBe(unknownEmail.json().error.message);
    expect(wrongPassword.cookies.find((c) => c.name === "benteng_session" && c.value)).toBeUndefined();
  });

  it("stores only a hash of the session token", async () => {
    const res = await t.call("auth.login", { email: "admin@example.com", password: admin.password });
    const token = res.cookies.find((c) => c.name === "benteng_session")?.value as string;
    const rows = await t.db.selectFrom("sessions").select("id").execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => r.id === token)).toBe(false);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.id))).toBe(true);
  });

  it("logout ends the session on the server: the old cookie stops working", async () => {
    const cookie = sessionCookie(
      await t.call("auth.login", { email: admin.email, password: admin.password }),
    );
    expect((await t.call("auth.me", undefined, { cookie })).json().result.data.email).toBe(
      "admin@example.com",
    );
    expect((await t.call("auth.logout", null, { cookie })).statusCode).toBe(200);
    expect((await t.call("auth.me", undefined, { cookie })).json().result.data).toBeNull();
    expect((await t.call("flows.list", undefined, { cookie })).statusCode).toBe(401);
  });

  it("issues a new session at login, so a cookie planted before login is useless (no fixation)", async () => {
    const planted = sessionCookie(
      await t.call("auth.login", { email: admin.email, password: admin.password }),
    );
    const fresh = sessionCookie(
      await t.call("auth.login", { email: admin.email, password: admin.password }, { cookie: planted }),
    );
    expect(fresh).not.toBe(planted);
    expect((await t.call("auth.me", undefined, { cookie: planted })).json().result.data).toBeNull();
    expect((await t.call("auth.me", undefined, { cookie: fresh })).json().result.data).not.toBeNull();
  });

  it("refuses a state-changing request from another origin or without an origin", async () => {
    const cookie = sessionCookie(
      await t.call("auth.login", { email: admin.email, password: admin.password }),
    );
    const evil = await t.call("flows.create", { name: "Evil" }, { cookie, origin: "https://evil.example" });
    expect(evil.statusCode).toBe(403);
    const none = await t.call("flows.create", { name: "Evil" }, { cookie, origin: null });
    expect(none.statusCode).toBe(403);
    const form = await t.app.inject({
      method: "POST",
      url: "/trpc/flows.create",
      headers: {
        host: "localhost:80",
        origin: "http://localhost:80",
        cookie,
        "content-type": "application/x-www-form-urlencoded",
      },
      payload: "name=Evil",
    });
    expect(form.statusCode).toBe(415);
    const list = (await t.call("flows.list", undefined, { cookie })).json().result.data as Array<{
      name: string;
    }>;
    expect(list.map((f) => f.name)).not.toContain("Evil");
  });

  it("sends security headers with a strict Content-Security-Policy", async () => {
    const res = await t.app.inject({ method: "GET", url: "/healthz" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-security-policy"]).toContain("script-src 'self'");
    expect(res.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
  });
});

describe("DNS rebinding", () => {
  it("refuses a state-changing request whose Host is a foreign DNS name, even when Origin matches it", async () => {
    const t = await createTestApp();
    try {
      const res = await t.app.inject({
        method: "POST",
        url: "/trpc/setup.createAdmin",
        headers: {
          host: "evil.example:3000",
          origin: "http://evil.example:3000",
          "content-type": "application/json",
        },
        payload: JSON.stringify({
          email: "evil@example.com",
          displayName: "Evil",
          password: "a long enough password",
        }),
      });
      expect(res.statusCode).toBe(403);
      expect(await t.db.selectFrom("users").select("id").execute()).toHaveLength(0);
      const local = await t.app.inject({
        method: "POST",
        url: "/trpc/setup.createAdmin",
        headers: {
          host: "127.0.0.1:3000",
          origin: "http://127.0.0.1:3000",
          "content-type": "application/json",
        },
        payload: JSON.stringify({
          email: "ana@example.com",
          displayName: "Ana",
          password: "a long enough password",
        }),
      });
      expect(local.statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });
});

describe("first-run setup race", () => {
  it("lets exactly one of several simultaneous setup requests become the first admin", async () => {
    const t = await createTestApp();
    try {
      const attempts = await Promise.all(
        ["one", "two", "three"].map((who) =>
          t.call("setup.createAdmin", {
            email: `${who}@example.com`,
            displayName: who,
            password: "a long enough password",
          }),
        ),
      );
      expect(attempts.filter((r) => r.statusCode === 200)).toHaveLength(1);
      expect(attempts.filter((r) => r.statusCode === 403)).toHaveLength(2);
      expect(await t.db.selectFrom("users").select("id").execute()).toHaveLength(1);
    } finally {
      await t.close();
    }
  });
});
