import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

describe("members and roles (over HTTP)", () => {
  let t: TestApp;
  let admin: string;
  let adminBeforeTwoFactor: string;
  beforeAll(async () => {
    t = await createTestApp();
    adminBeforeTwoFactor = await setUpAdmin(t);
    admin = (await enrolTwoFactor(t, adminBeforeTwoFactor)).cookie;
  });
  afterAll(() => t.close());

  it("needs an admin who passed the second factor to invite", async () => {
    const unverified = await t.call(
      "members.invite",
      { email: "a@example.com", roles: ["viewer"] },
      { cookie: adminBeforeTwoFactor },
    );
    // The pre-2FA session was replaced at enrolment, so it is not even signed in any more.
    expect(unverified.statusCode).toBe(401);
  });

  it("an invitation link works once and creates the account with the chosen roles", async () => {
    const { url } = await mutate<{ url: string; expiresAt: string }>(
      t,
      "members.invite",
      {
        email: "Mira@Example.com",
        roles: ["marketer", "viewer"],
        proof: await proofFor(t, admin, "member.invite"),
      },
      admin,
    );
    const token = url.split("/invite/")[1] as string;
    expect(data<{ email: string }>(await query(t, "members.invitation", { token })).email).toBe(
      "mira@example.com",
    );
    const first = await t.call("members.acceptInvitation", {
      token,
      displayName: "Mira",
      password: PASSWORD,
    });
    expect(first.statusCode).toBe(200);
    const again = await t.call("members.acceptInvitation", { token, displayName: "Eve", password: PASSWORD });
    expect(again.statusCode).toBe(404);
    expect((await query(t, "members.invitation", { token })).statusCode).toBe(404);
    const members = data<Array<{ email: string; roles: string[] }>>(
      await query(t, "members.list", undefined, admin),
    );
    expect(members.find((m) => m.email === "mira@example.com")?.roles).toEqual(["marketer", "viewer"]);
  });

  it("an expired or withdrawn invitation does not work", async () => {
    const expired = await mutate<{ url: string; id: string }>(
      t,
      "members.invite",
      { email: "late@example.com", roles: ["viewer"], proof: await proofFor(t, admin, "member.invite") },
      admin,
    );
    await t.db
      .updateTable("invitations")
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where("id", "=", expired.id)
      .execute();
    const late = await t.call("members.acceptInvitation", {
      token: expired.url.split("/invite/")[1],
      displayName: "Late",
      password: PASSWORD,
    });
    expect(late.statusCode).toBe(404);
    const withdrawn = await mutate<{ url: string; id: string }>(
      t,
      "members.invite",
      { email: "nope@example.com", roles: ["viewer"], proof: await proofFor(t, admin, "member.invite") },
      admin,
    );
    await mutate(t, "members.revokeInvitation", { invitationId: withdrawn.id }, admin);
    const res = await t.call("members.acceptInvitation", {
      token: withdrawn.url.split("/invite/")[1],
      displayName: "N",
      password: PASSWORD,
    });
    expect(res.statusCode).toBe(404);
  });

  it("role changes apply on the member's next request", async () => {
    const { cookie, userId } = await addMember(t, admin, "vera@example.com", ["viewer"]);
    expect((await t.call("flows.create", { name: "Mine" }, { cookie })).statusCode).toBe(403);
    const proof = await proofFor(t, admin, "member.set_roles");
    await mutate(t, "members.setRoles", { userId, roles: ["marketer"], proof }, admin);
    expect((await t.call("flows.create", { name: "Mine" }, { cookie })).statusCode).toBe(200);
    const audit = await t.db
      .selectFrom("audit_log")
      .select(["action", "target"])
      .where("action", "=", "member.roles_changed")
      .execute();
    expect(audit.map((a) => a.target)).toContain(userId);
  });

  it("keeps at least one admin", async () => {
    const me = data<{ userId: string }>(await query(t, "auth.me", undefined, admin));
    const proof = await proofFor(t, admin, "member.set_roles");
    const res = await t.call(
      "members.setRoles",
      { userId: me.userId, roles: ["viewer"], proof },
      { cookie: admin },
    );
    expect(res.statusCode).toBe(400);
  });

  it("removing a member ends their sessions at once", async () => {
    const { cookie, userId } = await addMember(t, admin, "gone@example.com", ["marketer"]);
    const second = await signIn(t, "gone@example.com");
    expect((await query(t, "flows.list", undefined, cookie)).statusCode).toBe(200);
    await mutate(t, "members.remove", { userId, proof: await proofFor(t, admin, "member.remove") }, admin);
    expect((await query(t, "flows.list", undefined, cookie)).statusCode).toBe(401);
    expect((await query(t, "flows.list", undefined, second)).statusCode).toBe(401);
    expect((await t.call("auth.login", { email: "gone@example.com", password: PASSWORD })).statusCode).toBe(
      401,
    );
    const left = await t.db.selectFrom("sessions").select("id").where("user_id", "=", userId).execute();
    expect(left).toHaveLength(0);
  });
});
