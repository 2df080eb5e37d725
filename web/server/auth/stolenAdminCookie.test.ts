import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addMember,
  asksToReauthenticate,
  data,
  enrolTwoFactor,
  mutate,
  query,
  reauthenticate,
  setUpAdmin,
  signIn,
} from "../testing/securityTestKit.ts";
import { createTestApp, type TestApp } from "../testing/testApp.ts";

// Issue 12, finding 1 and 2: with only a stolen admin cookie (the same session cookie, sent from the
// thief's own client), nothing that changes who is a member, what they may do, or where a live
// number's customers go may happen without the act-bound proof only the password (and code) gives.

interface Notice {
  kind: string;
  label: string;
}

describe("a stolen admin cookie cannot take over the workspace (over HTTP)", () => {
  let t: TestApp;
  /** Ana's session cookie: the thief holds exactly this value. */
  let ana: string;
  let anaCodes: string[];
  let bea: { cookie: string; userId: string };
  let anaUserId: string;
  let channelId: string;
  let flowId: string;
  beforeAll(async () => {
    t = await createTestApp();
    const enrolled = await enrolTwoFactor(t, await setUpAdmin(t));
    ana = enrolled.cookie;
    anaCodes = enrolled.recoveryCodes;
    anaUserId = data<{ userId: string }>(await query(t, "auth.me", undefined, ana)).userId;
    bea = await addMember(t, ana, "bea@example.com", ["admin"]);
    flowId = data<{ id: string }>(
      await t.call("flows.create", { name: "Orders", template: "orderStatus" }, { cookie: ana }),
    ).id;
    channelId = (
      await mutate<{ id: string }>(
        t,
        "channels.create",
        {
          name: "Main number",
          phoneNumberId: "106540352242922",
          accessToken: "EAAG-token",
          appSecret: "app-secret",
          verifyToken: "verify-me",
          graphBaseUrl: "http://127.0.0.1:9",
          flowId,
        },
        ana,
      )
    ).id;
  }, 60_000);
  afterAll(() => t.close());

  const auditCount = async (action: string) =>
    (await t.db.selectFrom("audit_log").select("id").where("action", "=", action).execute()).length;

  it("the thief cannot invite himself as admin, change roles, remove the owner or end sessions", async () => {
    const thief = ana;
    const invited = await t.call(
      "members.invite",
      { email: "mallory@evil.example", roles: ["admin", "reviewer"] },
      { cookie: thief, ip: "203.0.113.66" },
    );
    expect(asksToReauthenticate(invited)).toBe(true);
    const invitations = data<unknown[]>(await query(t, "members.invitations", undefined, ana));
    expect(invitations).toHaveLength(1); // Bea's, accepted; none for the thief.

    for (const [path, input] of [
      ["members.setRoles", { userId: bea.userId, roles: ["viewer"] }],
      ["members.setRoles", { userId: anaUserId, roles: ["admin", "reviewer"] }],
      ["members.remove", { userId: bea.userId }],
      ["members.endSessions", { userId: bea.userId }],
    ] as const) {
      const res = await t.call(path, input, { cookie: thief, ip: "203.0.113.66" });
      expect(asksToReauthenticate(res), `${path}: ${res.body}`).toBe(true);
    }
    const members = data<Array<{ userId: string; roles: string[] }>>(
      await query(t, "members.list", undefined, ana),
    );
    expect(members.find((m) => m.userId === bea.userId)?.roles).toEqual(["admin"]);
    expect((await query(t, "auth.me", undefined, bea.cookie)).json().result.data).not.toBeNull();
    expect(await auditCount("member.invited")).toBe(1);
    expect(await auditCount("member.roles_changed")).toBe(0);
    expect(await auditCount("member.removed")).toBe(0);
    expect(await auditCount("member.sessions_ended")).toBe(0);
    // A bogus proof is no better than none.
    const forged = await t.call(
      "members.remove",
      { userId: bea.userId, proof: "x".repeat(43) },
      { cookie: thief },
    );
    expect(asksToReauthenticate(forged)).toBe(true);
  });

  it("the thief cannot sign the owner's other sessions out", async () => {
    const ownersPhone = await signIn(t, "bea@example.com");
    const sessions = data<Array<{ id: string; current: boolean }>>(
      await query(t, "sessions.list", undefined, bea.cookie),
    );
    const other = sessions.find((s) => !s.current);
    expect(other).toBeDefined();
    const res = await t.call("sessions.revoke", { sessionId: other?.id }, { cookie: bea.cookie });
    expect(asksToReauthenticate(res)).toBe(true);
    expect((await query(t, "auth.me", undefined, ownersPhone)).json().result.data).not.toBeNull();
    // Signing out this very session needs nothing.
    const me = sessions.find((s) => s.current);
    await mutate(t, "sessions.revoke", { sessionId: me?.id }, bea.cookie);
    bea.cookie = ownersPhone;
  });

  it("the thief cannot re-point, pause, resume or re-account a live number", async () => {
    const other = data<{ id: string }>(
      await t.call("flows.create", { name: "Thief's flow" }, { cookie: ana }),
    ).id;
    for (const [path, input] of [
      ["channels.setFlow", { channelId, flowId: other }],
      ["channels.setFlow", { channelId, flowId: null }],
      ["channels.update", { channelId, flowId: other }],
      ["channels.update", { channelId, paused: true }],
      ["channels.setBusinessAccount", { channelId, wabaId: "102290129340398" }],
    ] as const) {
      const res = await t.call(path, input, { cookie: ana });
      expect(asksToReauthenticate(res), `${path}: ${res.body}`).toBe(true);
    }
    const row = await t.db
      .selectFrom("channels")
      .select(["flow_id", "status", "waba_id"])
      .where("id", "=", channelId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ flow_id: flowId, status: "active", waba_id: null });
    // A proof made for one act does not do another: the owner's proof for pausing re-points nothing.
    const forPausing = await reauthenticate(t, ana, "channel.pause", anaCodes[0]);
    const misused = await t.call(
      "channels.setFlow",
      { channelId, flowId: other, proof: forPausing },
      {
        cookie: ana,
      },
    );
    expect(asksToReauthenticate(misused)).toBe(true);
    // Two guarded changes in one request are refused (a proof is for one act).
    const both = await t.call(
      "channels.update",
      { channelId, paused: true, flowId: other, proof: forPausing },
      {
        cookie: ana,
      },
    );
    expect(both.statusCode).toBe(400);
    // The owner, with the proof, pauses and resumes; each audited.
    expect(
      await mutate(t, "channels.update", { channelId, paused: true, proof: forPausing }, ana),
    ).toMatchObject({
      status: "paused",
    });
    const forResuming = await reauthenticate(t, ana, "channel.pause", anaCodes[1]);
    await mutate(t, "channels.update", { channelId, paused: false, proof: forResuming }, ana);
    const forFlow = await reauthenticate(t, ana, "channel.flow", anaCodes[2]);
    await mutate(t, "channels.setFlow", { channelId, flowId: other, proof: forFlow }, ana);
    // Spent: the same proof cannot be replayed.
    const replay = await t.call("channels.setFlow", { channelId, flowId, proof: forFlow }, { cookie: ana });
    expect(asksToReauthenticate(replay)).toBe(true);
    expect(await auditCount("channel.paused")).toBe(1);
    expect(await auditCount("channel.resumed")).toBe(1);
    expect(await auditCount("channel.flow_changed")).toBe(1);
  });

  it("every other admin is told, by name, when someone gains admin or reviewer or is removed", async () => {
    const rita = await addMember(t, ana, "rita@example.com", ["viewer"]);
    const proof = await reauthenticate(t, ana, "member.set_roles", anaCodes[3]);
    await mutate(t, "members.setRoles", { userId: rita.userId, roles: ["viewer", "reviewer"], proof }, ana);
    const beaSees = data<Notice[]>(await query(t, "notices.list", undefined, bea.cookie)).filter(
      (n) => n.kind === "member_access",
    );
    expect(beaSees.map((n) => n.label)).toContain(
      "Ana Admin <admin@example.com> made rita <rita@example.com> reviewer",
    );
    // Ana did it: she gets no notice about her own act; Rita (a viewer) sees none.
    const anaSees = data<Notice[]>(await query(t, "notices.list", undefined, ana)).filter(
      (n) => n.kind === "member_access",
    );
    expect(anaSees).toHaveLength(0);
    expect(
      data<Notice[]>(await query(t, "notices.list", undefined, rita.cookie)).filter(
        (n) => n.kind === "member_access",
      ),
    ).toHaveLength(0);
    // Ana cannot dismiss Bea's notice for her.
    const beaNotice = await t.db
      .selectFrom("notices")
      .select("id")
      .where("for_user_id", "=", bea.userId)
      .executeTakeFirstOrThrow();
    expect((await t.call("notices.dismiss", { noticeId: beaNotice.id }, { cookie: ana })).statusCode).toBe(
      404,
    );

    const forRemoval = await reauthenticate(t, ana, "member.remove", anaCodes[4]);
    await mutate(t, "members.remove", { userId: rita.userId, proof: forRemoval }, ana);
    const after = data<Notice[]>(await query(t, "notices.list", undefined, bea.cookie)).map((n) => n.label);
    expect(after).toContain("Ana Admin <admin@example.com> removed rita <rita@example.com>");

    const forInvite = await reauthenticate(t, ana, "member.invite", anaCodes[5]);
    await mutate(
      t,
      "members.invite",
      { email: "new.admin@example.com", roles: ["admin"], proof: forInvite },
      ana,
    );
    expect(
      data<Notice[]>(await query(t, "notices.list", undefined, bea.cookie)).map((n) => n.label),
    ).toContain("Ana Admin <admin@example.com> invited new.admin@example.com as admin");
  });

  it("every audit row names the session (a fingerprint) and the address it came from", async () => {
    // The owner renames the number at the office; the thief, with the same cookie, renames it from afar.
    await mutate(t, "channels.update", { channelId, name: "Office" }, ana);
    const thiefRes = await t.call(
      "channels.update",
      { channelId, name: "Thief" },
      { cookie: ana, ip: "203.0.113.66" },
    );
    expect(thiefRes.statusCode).toBe(200);
    // Another session of the same person has another fingerprint.
    const phone = await signIn(t, "admin@example.com", () => anaCodes[6] as string);
    await mutate(t, "channels.update", { channelId, name: "Ana's phone" }, phone);
    const page = data<{ events: Array<{ action: string; details: Record<string, unknown> }> }>(
      await query(t, "audit.list", { action: "channel.renamed" }, ana),
    );
    const [phones, thiefs, owners] = page.events.map((e) => e.details);
    expect(owners?.session).toMatch(/^[0-9a-f]{8}$/);
    expect(thiefs?.session).toBe(owners?.session);
    expect(thiefs?.ip).toBe("203.0.113.66");
    expect(owners?.ip).not.toBe("203.0.113.66");
    expect(phones?.session).toMatch(/^[0-9a-f]{8}$/);
    expect(phones?.session).not.toBe(owners?.session);
    // The fingerprint is not the session id (which is the hash the cookie is looked up by).
    const sessionIds = (await t.db.selectFrom("sessions").select("id").execute()).map((r) => r.id);
    expect(sessionIds.some((id) => id.startsWith(String(owners?.session)))).toBe(false);
  });
});
