import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  asksToReauthenticate,
  data,
  enrolTwoFactor,
  PASSWORD,
  setUpAdmin,
} from "../testing/securityTestKit.ts";
import { createTestApp, type TestApp } from "../testing/testApp.ts";
import { currentTotpCode } from "./totp.ts";

/** A six-digit code that is surely not the current one. */
const wrong = (secret: string) => (currentTotpCode(secret) === "000000" ? "111111" : "000000");

describe("a stolen password does not buy unlimited second-factor guesses", () => {
  let t: TestApp;
  let secret: string;
  let verified: string;
  beforeAll(async () => {
    t = await createTestApp();
    const enrolled = await enrolTwoFactor(t, await setUpAdmin(t));
    secret = enrolled.secret;
    verified = enrolled.cookie;
  });
  afterAll(() => t.close());

  it("keeps one pending second step per person: signing in again voids the earlier challenge", async () => {
    const first = data<{ challenge: string }>(
      await t.call("auth.login", { email: "admin@example.com", password: PASSWORD }),
    );
    const second = data<{ challenge: string }>(
      await t.call("auth.login", { email: "admin@example.com", password: PASSWORD }),
    );
    // Even the right code fails on the earlier challenge: signing in again voided it.
    expect(
      (await t.call("auth.verifySecondFactor", { challenge: first.challenge, code: currentTotpCode(secret) }))
        .statusCode,
    ).toBe(401);
    const rows = await t.db.selectFrom("login_challenges").select("id").execute();
    expect(rows).toHaveLength(1);
    expect(second.challenge).not.toBe(first.challenge);
  });

  it("counts wrong codes when re-authenticating: after the budget even the right code, and sign-in, are refused", async () => {
    // A stolen (verified) cookie and a stolen password guessing codes to unlock two-factor settings:
    // after the account's failure budget, even the right code is refused.
    for (let i = 0; i < 6; i++)
      await t.call(
        "auth.reauthenticate",
        { password: PASSWORD, code: wrong(secret), action: "2fa.disable" },
        { cookie: verified },
      );
    const right = await t.call(
      "auth.reauthenticate",
      { password: PASSWORD, code: currentTotpCode(secret), action: "2fa.disable" },
      { cookie: verified },
    );
    expect(right.statusCode).toBe(429);
    expect(asksToReauthenticate(await t.call("twoFactor.disable", null, { cookie: verified }))).toBe(true);
    const status = data<{ enabled: boolean }>(
      await t.call("twoFactor.status", undefined, { cookie: verified }),
    );
    expect(status.enabled).toBe(true);
    // The same budget guards sign-in.
    const login = await t.call("auth.login", { email: "admin@example.com", password: PASSWORD });
    expect(login.statusCode).toBe(429);
  });
});
