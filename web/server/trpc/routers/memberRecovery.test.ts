import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addMember,
  asksToReauthenticate,
  data,
  deviceCookie,
  enrolTwoFactor,
  mutate,
  PASSWORD,
  proofFor,
  query,
  reauthenticate,
  setUpAdmin,
  signIn,
} from "../../testing/securityTestKit.ts";
import { createTestApp, sessionCookie, type TestApp } from "../../testing/testApp.ts";
import { TWO_FACTOR_REQUIRED } from "../init.ts";

const NEW_PASSWORD = "a new start, a new password";

describe("an admin resets a member's two-factor; a removed member is invited again (over HTTP)", () => {
  let t: TestApp;
  let admin: string;
  let adminCodes: string[];
  beforeAll(async () => {
    t = await createTestApp();
    const enrolled = await enrolTwoFactor(t, await setUpAdmin(t));
    admin = enrolled.cookie;
    adminCodes = enrolled.recoveryCodes;
  });
  afterAll(() => t.close());

  it("needs the admin's own recent second factor, ends the member's sessions, is audited; the member enrols again", async () => {
    const rita = await addMember(t, admin, "rita@example.com", ["reviewer"]);
    const { cookie: ritaVerified } = await enrolTwoFactor(t, rita.cookie);
    // Who may not: a marketer, and an admin whose session has not passed the second factor.
    const marketer = await addMember(t, admin, "mark@example.com", ["marketer"]);
    expect(
      (await t.call("members.resetTwoFactor", { userId: rita.userId }, { cookie: marketer.cookie }))
        .statusCode,
    ).toBe(403);
    const unverifiedAdmin = await addMember(t, admin, "adi@example.com", ["admin"]);
    const refused = await t.call(
      "members.resetTwoFactor",
      { userId: rita.userId },
      { cookie: unverifiedAdmin.cookie },
    );
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toBe(TWO_FACTOR_REQUIRED);
    // A verified admin session alone (a stolen cookie) is not enough: the admin proves it is them.
    expect(
      asksToReauthenticate(
        await t.call("members.resetTwoFactor", { userId: rita.userId }, { cookie: admin }),
      ),
    ).toBe(true);
    const proof = await reauthenticate(t, admin, "member.reset_2fa", adminCodes[0]);
    const me = data<{ userId: string }>(await query(t, "auth.me", undefined, admin));
    expect(
      (await t.call("members.resetTwoFactor", { userId: me.userId, proof }, { cookie: admin })).statusCode,
    ).toBe(400);
    const reset = await mutate<{ sessionsEnded: number }>(
      t,
      "members.resetTwoFactor",
      { userId: rita.userId, proof },
      admin,
    );
    expect(reset.sessionsEnded).toBe(1);
    expect(data(await query(t, "auth.me", undefined, ritaVerified))).toBeNull();
    const row = await t.db
      .selectFrom("audit_log")
      .select(["actor_user_id", "target", "target_label"])
      .where("action", "=", "member.two_factor_reset")
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      actor_user_id: me.userId,
      target: rita.userId,
      target_label: "rita <rita@example.com>",
    });
    // Signing in takes the password only now, and the app is told she must set two-factor up again.
    const back = await signIn(t, "rita@example.com");
    expect(data(await query(t, "auth.me", undefined, back))).toMatchObject({
      twoFactorEnabled: false,
      twoFactorVerified: false,
      twoFactorSetupRequired: true,
    });
    const members = data<Array<{ email: string; twoFactorEnabled: boolean }>>(
      await query(t, "members.list", undefined, admin),
    );
    expect(members).toContainEqual(
      expect.objectContaining({ email: "rita@example.com", twoFactorEnabled: false }),
    );
    // Nothing left to reset.
    expect(
      (await t.call("members.resetTwoFactor", { userId: rita.userId }, { cookie: admin })).statusCode,
    ).toBe(409);
  });

  it("a removed member can be invited again and gets a fresh membership, not their old sessions", async () => {
    const sam = await addMember(t, admin, "sam@example.com", ["developer"]);
    const { cookie: samVerified, recoveryCodes } = await enrolTwoFactor(t, sam.cookie);
    const { challenge } = data<{ challenge: string }>(
      await t.call("auth.login", { email: "sam@example.com", password: PASSWORD }),
    );
    const oldDevice = deviceCookie(
      await t.call("auth.verifySecondFactor", { challenge, code: recoveryCodes[0] }),
    );
    const current = await t.call(
      "members.invite",
      { email: "sam@example.com", roles: ["viewer"], proof: await proofFor(t, admin, "member.invite") },
      { cookie: admin },
    );
    expect(current.statusCode).toBe(409);
    const proof = await proofFor(t, admin, "member.remove");
    await mutate(t, "members.remove", { userId: sam.userId, proof }, admin);
    expect(data(await query(t, "auth.me", undefined, samVerified))).toBeNull();

    const { url } = await mutate<{ url: string }>(
      t,
      "members.invite",
      { email: "Sam@Example.com", roles: ["viewer"], proof: await proofFor(t, admin, "member.invite") },
      admin,
    );
    const accepted = await t.call("members.acceptInvitation", {
      token: url.split("/invite/")[1],
      displayName: "Sam Again",
      password: NEW_PASSWORD,
    });
    expect(data<{ userId: string }>(accepted).userId).toBe(sam.userId);
    const fresh = sessionCookie(accepted);
    expect(data(await query(t, "auth.me", undefined, fresh))).toMatchObject({
      displayName: "Sam Again",
      roles: ["viewer"],
      twoFactorEnabled: false,
    });
    // The old session stays dead, the old password and second factor are gone.
    expect(data(await query(t, "auth.me", undefined, samVerified))).toBeNull();
    expect((await t.call("auth.login", { email: "sam@example.com", password: PASSWORD })).statusCode).toBe(
      401,
    );
    const again = data<{ secondFactor: boolean }>(
      await t.call("auth.login", { email: "sam@example.com", password: NEW_PASSWORD }),
    );
    expect(again.secondFactor).toBe(false);
    const actions = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("target", "=", sam.userId)
      .execute();
    expect(actions.map((a) => a.action)).toContain("member.rejoined");
    // A device cookie from the old membership is not trusted for the new one.
    for (let i = 0; i < 6; i++)
      await t.call(
        "auth.login",
        { email: "sam@example.com", password: "wrong password!!" },
        { ip: "203.0.113.8" },
      );
    const withOld = await t.call(
      "auth.login",
      { email: "sam@example.com", password: NEW_PASSWORD },
      { cookie: oldDevice },
    );
    expect(withOld.statusCode).toBe(429);
    const withNew = await t.call(
      "auth.login",
      { email: "sam@example.com", password: NEW_PASSWORD },
      { cookie: deviceCookie(accepted) },
    );
    expect(withNew.statusCode).toBe(200);
  });
});
