import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentTotpCode } from "../../auth/totp.ts";
import {
  asksToReauthenticate,
  data,
  mutate,
  PASSWORD,
  query,
  reauthenticate,
  setUpAdmin,
} from "../../testing/securityTestKit.ts";
import { createTestApp, sessionCookie, type TestApp } from "../../testing/testApp.ts";

describe("two-factor authentication (over HTTP)", () => {
  let t: TestApp;
  let secret: string;
  let recoveryCodes: string[];
  /** The code the second-factor sign-in used, which the replay test sends again. */
  let usedCode = "";
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it("enrols with a QR code, refuses a wrong code, and issues a new session once enrolled", async () => {
    const before = await setUpAdmin(t);
    // Setting it up first asks for the password again (a stolen cookie alone cannot).
    expect(asksToReauthenticate(await t.call("twoFactor.begin", null, { cookie: before }))).toBe(true);
    const proof = await reauthenticate(t, before, "2fa.enrol");
    const begun = await mutate<{ qrDataUrl: string; secret: string }>(
      t,
      "twoFactor.begin",
      { proof },
      before,
    );
    expect(begun.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    // The page shows it as an <img src="data:…">: the Content-Security-Policy must allow exactly that.
    const csp = (await t.app.inject({ method: "GET", url: "/healthz" })).headers["content-security-policy"];
    expect(String(csp)).toMatch(/img-src 'self' data:/);
    expect(begun.secret).toMatch(/^[A-Z2-7]{32}$/);
    // The secret is stored encrypted, never as given to the person.
    const stored = await t.db.selectFrom("two_factor").select("pending_secret_enc").executeTakeFirstOrThrow();
    expect(stored.pending_secret_enc).not.toContain(begun.secret);

    const wrongCode = currentTotpCode(begun.secret) === "000000" ? "111111" : "000000";
    const wrong = await t.call("twoFactor.confirm", { code: wrongCode }, { cookie: before });
    expect(wrong.statusCode).toBe(400);
    expect(data<{ enabled: boolean }>(await query(t, "twoFactor.status", undefined, before)).enabled).toBe(
      false,
    );

    const ok = await t.call("twoFactor.confirm", { code: currentTotpCode(begun.secret) }, { cookie: before });
    recoveryCodes = data<{ recoveryCodes: string[] }>(ok).recoveryCodes;
    secret = begun.secret;
    expect(recoveryCodes).toHaveLength(10);
    const after = sessionCookie(ok);
    expect(after).not.toBe(before);
    // The session from before the second factor is gone: a copy of it is worthless now.
    expect(data(await query(t, "auth.me", undefined, before))).toBeNull();
    expect(
      data<{ twoFactorVerified: boolean }>(await query(t, "auth.me", undefined, after)).twoFactorVerified,
    ).toBe(true);
  });

  it("asks for the second factor at sign-in and refuses a wrong code without starting a session", async () => {
    const step1 = await t.call("auth.login", { email: "admin@example.com", password: PASSWORD });
    const { challenge, secondFactor } = data<{ challenge: string; secondFactor: boolean }>(step1);
    expect(secondFactor).toBe(true);
    expect(step1.cookies.find((c) => c.name === "benteng_session" && c.value)).toBeUndefined();
    const wrong = await t.call("auth.verifySecondFactor", {
      challenge,
      code: "123456" === currentTotpCode(secret) ? "654321" : "123456",
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.cookies.find((c) => c.name === "benteng_session" && c.value)).toBeUndefined();
    // The next 30-second step: the code used at enrolment may not be replayed.
    usedCode = currentTotpCode(secret, Date.now() + 30_000);
    const right = await t.call("auth.verifySecondFactor", { challenge, code: usedCode });
    expect(
      data<{ twoFactorVerified: boolean }>(await query(t, "auth.me", undefined, sessionCookie(right)))
        .twoFactorVerified,
    ).toBe(true);
  });

  it("refuses a code that was already used (replay)", async () => {
    const { challenge } = data<{ challenge: string }>(
      await t.call("auth.login", { email: "admin@example.com", password: PASSWORD }),
    );
    // The very code the sign-in above used (computing it again could cross into the next step).
    const replay = await t.call("auth.verifySecondFactor", { challenge, code: usedCode });
    expect(replay.statusCode).toBe(401);
  });

  it("accepts a recovery code once; the same code is refused the second time", async () => {
    const code = recoveryCodes[0] as string;
    const first = data<{ challenge: string }>(
      await t.call("auth.login", { email: "admin@example.com", password: PASSWORD }),
    );
    const used = await t.call("auth.verifySecondFactor", {
      challenge: first.challenge,
      code: code.toUpperCase(),
    });
    expect(used.statusCode).toBe(200);
    const second = data<{ challenge: string }>(
      await t.call("auth.login", { email: "admin@example.com", password: PASSWORD }),
    );
    const reused = await t.call("auth.verifySecondFactor", { challenge: second.challenge, code });
    expect(reused.statusCode).toBe(401);
    expect(
      data<{ recoveryCodesLeft: number }>(await query(t, "twoFactor.status", undefined, sessionCookie(used)))
        .recoveryCodesLeft,
    ).toBe(9);
  });

  it("gives up a pending sign-in after five wrong codes, even if the sixth is right", async () => {
    const { challenge } = data<{ challenge: string }>(
      await t.call("auth.login", { email: "admin@example.com", password: PASSWORD }),
    );
    for (let i = 0; i < 5; i++) await t.call("auth.verifySecondFactor", { challenge, code: "not-a-code" });
    const late = await t.call("auth.verifySecondFactor", { challenge, code: recoveryCodes[1] });
    expect(late.statusCode).toBe(401);
    // Wrong codes count against the account like wrong passwords: a stolen password does not buy
    // endless fresh rounds of guesses.
    const throttled = await t.call("auth.login", { email: "admin@example.com", password: PASSWORD });
    expect(throttled.statusCode).toBe(429);
  });

  it("records enrolment in the audit log", async () => {
    const actions = (await t.db.selectFrom("audit_log").select("action").execute()).map((r) => r.action);
    expect(actions).toContain("2fa.enabled");
    expect(actions).toContain("auth.second_factor_failed");
  });
});
