import { flowTemplates } from "@benteng/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LiveChannel, startLiveChannel } from "../../testing/liveChannel.ts";
import {
  addMember,
  asksToReauthenticate,
  data,
  enrolTwoFactor,
  mutate,
  PASSWORD,
  proofFor,
  query,
  setUpAdmin,
} from "../../testing/securityTestKit.ts";
import { createTestApp, type TestApp } from "../../testing/testApp.ts";

const OLD_TOKEN = "EAAG-test-token";
const NEW_TOKEN = "EAAG-rotated-token-7f3a";
const NEW_APP_SECRET = "rotated-app-secret-91c2";

/** Waits until `check` holds, polling the database the runtime writes to. */
async function eventually(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("maintaining a channel (over HTTP, with the runtime and the fake Graph API)", () => {
  let t: TestApp;
  let admin: string;
  let recoveryCodes: string[];
  let live: LiveChannel;
  let flowId: string;
  beforeAll(async () => {
    t = await createTestApp();
    const enrolled = await enrolTwoFactor(t, await setUpAdmin(t));
    admin = enrolled.cookie;
    recoveryCodes = enrolled.recoveryCodes;
    flowId = data<{ id: string }>(
      await t.call("flows.create", { name: "Orders", template: "orderStatus" }, { cookie: admin }),
    ).id;
    live = await startLiveChannel(t, flowId, flowTemplates.orderStatus.build());
  }, 60_000);
  afterAll(async () => {
    await live.close();
    await t.close();
  });

  const channelRow = () =>
    t.db.selectFrom("channels").selectAll().where("id", "=", live.channelId).executeTakeFirstOrThrow();
  const outbox = () =>
    t.db
      .selectFrom("outbox")
      .select(["status", "id"])
      .where("channel_id", "=", live.channelId)
      .orderBy("id")
      .execute();
  /** The admin types password and code for one act: the single-use proof that act's request carries. */
  const reauthenticate = async (action: "channel.secrets" | "channel.remove") =>
    (
      await mutate<{ proof: string }>(
        t,
        "auth.reauthenticate",
        { password: PASSWORD, code: recoveryCodes.pop(), action },
        admin,
      )
    ).proof;

  it("sends the replies queued while the token was expired after an admin rotates it, in order", async () => {
    live.graph.expiredTokens.add(OLD_TOKEN);
    await live.customerSays("hi", 0);
    await eventually(async () => (await channelRow()).status === "needs_token");
    // More replies queue while the number cannot send; none is lost or sent.
    await live.customerSays("12345", 0);
    await eventually(async () => (await outbox()).length >= 3);
    expect((await outbox()).every((r) => r.status === "queued")).toBe(true);
    expect(live.graph.messages).toHaveLength(0);
    const listed = data<Array<{ status: string; lastError: string | null }>>(
      await query(t, "channels.list", undefined, admin),
    );
    expect(listed[0]).toMatchObject({ status: "needs_token", lastError: expect.stringContaining("190") });

    // Replacing a secret needs a proof of identity made for it: a stolen cookie alone cannot.
    const refused = await t.call(
      "channels.update",
      { channelId: live.channelId, accessToken: NEW_TOKEN },
      { cookie: admin },
    );
    expect(asksToReauthenticate(refused)).toBe(true);
    expect((await channelRow()).status).toBe("needs_token");

    const proof = await reauthenticate("channel.secrets");
    // The same cookie without the proof (a thief minutes after the admin typed the password) still cannot.
    expect(asksToReauthenticate(refused)).toBe(true);
    expect(
      asksToReauthenticate(
        await t.call(
          "channels.update",
          { channelId: live.channelId, accessToken: "EAAG-thief" },
          { cookie: admin },
        ),
      ),
    ).toBe(true);
    const rotated = await mutate<Record<string, unknown>>(
      t,
      "channels.update",
      { channelId: live.channelId, accessToken: NEW_TOKEN, appSecret: NEW_APP_SECRET, proof },
      admin,
    );
    expect(rotated).toEqual({
      id: live.channelId,
      status: "active",
      changed: ["accessToken", "appSecret"],
    });
    const queued = (await outbox()).length;
    await live.graph.waitFor((m) => m.length >= queued, 20_000);
    expect(live.graph.messages.every((m) => m.headers.authorization === `Bearer ${NEW_TOKEN}`)).toBe(true);
    const bodies = live.graph.messages.map((m) => JSON.stringify(m.body));
    // The welcome first, then what was asked, then the answer to the order number.
    expect(bodies[0]).toContain("Hi!");
    await eventually(async () => (await outbox()).every((r) => r.status !== "queued"));
    const after = await channelRow();
    expect(after).toMatchObject({ status: "active", last_error: null });

    // The secrets are stored encrypted, never returned, and the audit row names which, not their values.
    const everything = JSON.stringify(
      [
        after,
        data(await query(t, "channels.list", undefined, admin)),
        await t.db.selectFrom("audit_log").selectAll().execute(),
      ],
      (_key, value) => (typeof value === "bigint" ? String(value) : value),
    );
    expect(everything).not.toContain(NEW_TOKEN);
    expect(everything).not.toContain(NEW_APP_SECRET);
    const audit = await t.db
      .selectFrom("audit_log")
      .select(["action", "details", "target_label"])
      .where("action", "=", "channel.secrets_rotated")
      .executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({
      secrets: ["accessToken", "appSecret"],
      statusFrom: "needs_token",
      statusTo: "active",
    });
    expect(audit.target_label).toContain("Main number");
  }, 90_000);

  it("renames, pauses (replies wait) and resumes (they go), each change audited", async () => {
    const sentBefore = live.graph.messages.length;
    const paused = await mutate(
      t,
      "channels.update",
      {
        channelId: live.channelId,
        paused: true,
        name: "Customer care",
        proof: await proofFor(t, admin, "channel.pause"),
      },
      admin,
    );
    expect(paused).toMatchObject({ status: "paused", changed: ["name", "paused"] });
    await live.customerSays("AB-1234", 0);
    await eventually(async () => (await outbox()).some((r) => r.status === "queued"));
    await new Promise((r) => setTimeout(r, 500));
    expect(live.graph.messages.length).toBe(sentBefore);
    const resume = await proofFor(t, admin, "channel.pause");
    await mutate(t, "channels.update", { channelId: live.channelId, paused: false, proof: resume }, admin);
    await live.graph.waitFor((m) => m.length > sentBefore, 20_000);
    const actions = (
      await t.db.selectFrom("audit_log").select("action").where("action", "like", "channel.%").execute()
    ).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["channel.renamed", "channel.paused", "channel.resumed"]));
    expect((await channelRow()).name).toBe("Customer care");
  }, 60_000);

  it("refuses bad input with a 400, an unknown channel with a 404, and other roles with a 403", async () => {
    const nothing = await t.call("channels.update", { channelId: live.channelId }, { cookie: admin });
    expect(nothing.statusCode).toBe(400);
    expect(nothing.body).toContain("Say what to change.");
    const blank = await t.call(
      "channels.update",
      { channelId: live.channelId, accessToken: "   " },
      { cookie: admin },
    );
    expect(blank.statusCode).toBe(400);
    const unknown = await t.call(
      "channels.update",
      { channelId: "00000000-0000-4000-8000-000000000000", name: "x" },
      { cookie: admin },
    );
    expect(unknown.statusCode).toBe(404);
    const developer = await addMember(t, admin, "dev@example.com", ["developer", "reviewer"]);
    for (const [path, input] of [
      ["channels.update", { channelId: live.channelId, accessToken: "EAAG-attacker" }],
      ["channels.remove", { channelId: live.channelId }],
    ] as const) {
      expect((await t.call(path, input, { cookie: developer.cookie })).statusCode).toBe(403);
    }
  });

  it("re-points the channel to another flow, audited", async () => {
    const other = data<{ id: string }>(
      await t.call("flows.create", { name: "FAQ", template: "faq" }, { cookie: admin }),
    ).id;
    const proof = await proofFor(t, admin, "channel.flow");
    expect(
      await mutate(t, "channels.update", { channelId: live.channelId, flowId: other, proof }, admin),
    ).toMatchObject({ changed: ["flowId"] });
    expect((await channelRow()).flow_id).toBe(other);
    const back = await proofFor(t, admin, "channel.flow");
    await mutate(t, "channels.update", { channelId: live.channelId, flowId, proof: back }, admin);
  });

  it("removes a channel only with a proof of identity made for it, with its conversations, audited", async () => {
    const refused = await t.call("channels.remove", { channelId: live.channelId }, { cookie: admin });
    expect(asksToReauthenticate(refused)).toBe(true);
    // A proof made for rotating secrets does not remove a channel.
    const forSecrets = await reauthenticate("channel.secrets");
    expect(
      asksToReauthenticate(
        await t.call("channels.remove", { channelId: live.channelId, proof: forSecrets }, { cookie: admin }),
      ),
    ).toBe(true);
    const proof = await reauthenticate("channel.remove");
    const removed = await mutate<{ conversations: number }>(
      t,
      "channels.remove",
      { channelId: live.channelId, proof },
      admin,
    );
    expect(removed.conversations).toBeGreaterThan(0);
    expect(data(await query(t, "channels.list", undefined, admin))).toEqual([]);
    expect(
      await t.db.selectFrom("conversations").select("id").where("channel_id", "=", live.channelId).execute(),
    ).toEqual([]);
    const audit = await t.db
      .selectFrom("audit_log")
      .select(["details", "target_label"])
      .where("action", "=", "channel.removed")
      .executeTakeFirstOrThrow();
    expect(audit.target_label).toContain("Customer care");
    expect(audit.details).toMatchObject({ conversations: removed.conversations });
    const again = await t.call("channels.remove", { channelId: live.channelId }, { cookie: admin });
    expect(again.statusCode).toBe(404);
  });
});
