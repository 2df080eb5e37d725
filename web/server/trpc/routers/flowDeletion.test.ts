import { emptyFlow, type Flow } from "@benteng/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operatorActor } from "../../services/actor.ts";
import { listChannels } from "../../services/channels.ts";
import { purgeExpiredFlows, restoreFlow } from "../../services/flows.ts";
import {
  addMember,
  data,
  enrolTwoFactor,
  mutate,
  proofFor,
  query,
  setUpAdmin,
} from "../../testing/securityTestKit.ts";
import { createTestApp, type TestApp } from "../../testing/testApp.ts";

function greeting(text: string): Flow {
  const flow = emptyFlow();
  flow.nodes.push({ id: "hello", type: "message", position: { x: 300, y: 0 }, data: { text } });
  flow.edges.push({ id: "e1", source: "start", sourceHandle: "next", target: "hello" });
  return flow;
}

const DAY = 24 * 60 * 60 * 1000;

describe("deleting live content is a reviewed act (issue 12, item 2)", () => {
  let t: TestApp;
  let admin: string;
  let marketer: string;
  let reviewer: string;
  let unenrolledReviewer: string;
  let liveFlowId: string;
  let channelId: string;

  const auditRows = (action: string, target: string) =>
    t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", action)
      .where("target", "=", target)
      .execute();
  const listedIds = async (cookie: string) =>
    data<Array<{ id: string }>>(await query(t, "flows.list", undefined, cookie)).map((f) => f.id);

  /** A flow with a published version, made the way people do it: save, submit, approve, publish. */
  async function publishedFlow(name: string): Promise<string> {
    const created = await mutate<{ id: string; revision: number }>(t, "flows.create", { name }, marketer);
    await mutate(
      t,
      "flows.save",
      { flowId: created.id, baseRevision: created.revision, draft: greeting("Hi! How can we help?") },
      marketer,
    );
    const v = await mutate<{ id: string; contentHash: string }>(
      t,
      "versions.submit",
      { flowId: created.id, note: "" },
      marketer,
    );
    await mutate(
      t,
      "versions.approve",
      { versionId: v.id, contentHash: v.contentHash, warningsAcknowledged: true },
      reviewer,
    );
    await mutate(t, "versions.publish", { versionId: v.id }, reviewer);
    return created.id;
  }

  beforeAll(async () => {
    t = await createTestApp();
    admin = (await enrolTwoFactor(t, await setUpAdmin(t))).cookie;
    marketer = (await addMember(t, admin, "mira@example.com", ["marketer"])).cookie;
    reviewer = (await enrolTwoFactor(t, (await addMember(t, admin, "rudi@example.com", ["reviewer"])).cookie))
      .cookie;
    unenrolledReviewer = (await addMember(t, admin, "ratna@example.com", ["reviewer"])).cookie;
    liveFlowId = await publishedFlow("Customer service bot");
    const channel = await mutate<{ id: string; warning: string | null }>(
      t,
      "channels.create",
      {
        name: "Main number",
        phoneNumberId: "1234567890",
        accessToken: "token",
        appSecret: "app-secret",
        verifyToken: "verify",
        graphBaseUrl: "https://graph.example.com/v23.0",
        flowId: liveFlowId,
      },
      admin,
    );
    channelId = channel.id;
    // The flow is published: nothing to warn about.
    expect(channel.warning).toBeNull();
  });
  afterAll(() => t.close());

  it("refuses to delete a flow a channel uses, for every role, and the dialog's impact names the channel", async () => {
    const impact = data<{
      channels: Array<{ name: string }>;
      live: boolean;
      allowed: boolean;
      reason: string;
    }>(await query(t, "flows.deleteImpact", { flowId: liveFlowId }, marketer));
    expect(impact).toMatchObject({ live: true, allowed: false, channels: [{ name: "Main number" }] });
    expect(impact.reason).toContain("“Main number” (1234567890)");

    const asMarketer = await t.call("flows.remove", { flowId: liveFlowId }, { cookie: marketer });
    expect(asMarketer.statusCode).toBe(409);
    expect(asMarketer.json().error.message).toMatch(
      /Point that channel at another flow on the Channels page/,
    );
    // Not even a reviewer with the second factor may silence a number this way.
    const asReviewer = await t.call("flows.removeLive", { flowId: liveFlowId }, { cookie: reviewer });
    expect(asReviewer.statusCode).toBe(409);
    expect(await listedIds(marketer)).toContain(liveFlowId);
    expect(await auditRows("flow.deleted", liveFlowId)).toHaveLength(0);
  });

  it("a marketer cannot delete a live flow; it takes a reviewer with the second factor, audited", async () => {
    const unassigned = await mutate<{ warning: string | null }>(
      t,
      "channels.setFlow",
      { channelId, flowId: null, proof: await proofFor(t, admin, "channel.flow") },
      admin,
    );
    expect(unassigned.warning).toMatch(/stored but not answered/);

    const asMarketer = await t.call("flows.remove", { flowId: liveFlowId }, { cookie: marketer });
    expect(asMarketer.statusCode).toBe(403);
    expect(asMarketer.json().error.message).toMatch(/reviewed like publishing/);
    // Calling the reviewers' procedure directly does not help her.
    expect((await t.call("flows.removeLive", { flowId: liveFlowId }, { cookie: marketer })).statusCode).toBe(
      403,
    );
    // A reviewer who did not pass the second factor is sent to enrol.
    const unenrolled = await t.call(
      "flows.removeLive",
      { flowId: liveFlowId },
      { cookie: unenrolledReviewer },
    );
    expect(unenrolled.statusCode).toBe(403);
    expect(unenrolled.json().error.message).toMatch(/Two-factor authentication is required/);
    expect(await auditRows("flow.deleted", liveFlowId)).toHaveLength(0);

    const impact = data<{ allowed: boolean }>(
      await query(t, "flows.deleteImpact", { flowId: liveFlowId }, reviewer),
    );
    expect(impact.allowed).toBe(true);
    await mutate(t, "flows.removeLive", { flowId: liveFlowId }, reviewer);
    expect(await listedIds(marketer)).not.toContain(liveFlowId);
    expect(await auditRows("flow.deleted", liveFlowId)).toMatchObject([
      { target_label: "Customer service bot", details: { live: true } },
    ]);
    // A deleted flow cannot be given to a channel.
    const repoint = await t.call("channels.setFlow", { channelId, flowId: liveFlowId }, { cookie: admin });
    expect(repoint.statusCode).toBe(404);
  });

  it("keeps deleted flows restorable for 30 days, then purges them", async () => {
    const deleted = data<Array<{ id: string; name: string; published: boolean }>>(
      await query(t, "flows.recentlyDeleted", undefined, marketer),
    );
    expect(deleted).toMatchObject([{ id: liveFlowId, name: "Customer service bot", published: true }]);
    await mutate(t, "flows.restore", { flowId: liveFlowId }, marketer);
    expect(await listedIds(marketer)).toContain(liveFlowId);
    expect(await auditRows("flow.restored", liveFlowId)).toHaveLength(1);
    expect(data<unknown[]>(await query(t, "flows.recentlyDeleted", undefined, marketer))).toHaveLength(0);

    // A draft-only flow is the marketer's to delete; after 30 days it can no longer come back.
    const draft = await mutate<{ id: string }>(t, "flows.create", { name: "Experiment" }, marketer);
    await mutate(t, "flows.remove", { flowId: draft.id }, marketer);
    const member = operatorActor(t.workspaceId);
    const later = new Date(Date.now() + 31 * DAY);
    await expect(restoreFlow(t.db, member, draft.id, later)).rejects.toThrow(/restored for 30 days/);
    expect(await purgeExpiredFlows(t.db, new Date(Date.now() + 29 * DAY))).toEqual([]);
    expect(await purgeExpiredFlows(t.db, later)).toEqual([{ id: draft.id, name: "Experiment" }]);
    expect(await t.db.selectFrom("flows").select("id").where("id", "=", draft.id).execute()).toHaveLength(0);
    // Nobody asked for the purge: the row has no actor and says why.
    expect(await auditRows("flow.purged", draft.id)).toMatchObject([
      { actor_user_id: null, details: { restorableDays: 30 } },
    ]);
    const restore = await t.call("flows.restore", { flowId: draft.id }, { cookie: marketer });
    expect(restore.statusCode).toBe(404);
  });

  it("warns when a channel is pointed at a flow with nothing published, and the Channels page and CLI agree", async () => {
    const unpublished = await mutate<{ id: string }>(t, "flows.create", { name: "Not ready" }, marketer);
    const res = await mutate<{ warning: string | null }>(
      t,
      "channels.setFlow",
      { channelId, flowId: unpublished.id, proof: await proofFor(t, admin, "channel.flow") },
      admin,
    );
    expect(res.warning).toMatch(/“Not ready” has no published version yet/);
    const api = data<Array<{ id: string; flow: unknown }>>(await query(t, "channels.list", undefined, admin));
    expect(api.find((c) => c.id === channelId)?.flow).toEqual({
      id: unpublished.id,
      name: "Not ready",
      published: false,
      deleted: false,
    });
    // `benteng channel list` prints listChannels as the operator: the same flow.
    const cli = await listChannels(t.db, operatorActor(t.workspaceId));
    expect(cli.find((c) => c.id === channelId)?.flow).toEqual(api.find((c) => c.id === channelId)?.flow);

    const back2 = await proofFor(t, admin, "channel.flow");
    await mutate(t, "channels.setFlow", { channelId, flowId: liveFlowId, proof: back2 }, admin);
    const back = data<Array<{ id: string; flow: { published: boolean } }>>(
      await query(t, "channels.list", undefined, admin),
    );
    expect(back.find((c) => c.id === channelId)?.flow.published).toBe(true);
  });

  it("does not publish an approved version of a flow deleted before it went live", async () => {
    const created = await mutate<{ id: string; revision: number }>(
      t,
      "flows.create",
      { name: "Promo" },
      marketer,
    );
    await mutate(
      t,
      "flows.save",
      { flowId: created.id, baseRevision: created.revision, draft: greeting("Promo week!") },
      marketer,
    );
    const v = await mutate<{ id: string; contentHash: string }>(
      t,
      "versions.submit",
      { flowId: created.id, note: "" },
      marketer,
    );
    await mutate(
      t,
      "versions.approve",
      { versionId: v.id, contentHash: v.contentHash, warningsAcknowledged: true },
      reviewer,
    );
    // Nothing is live yet, so the marketer may delete it...
    await mutate(t, "flows.remove", { flowId: created.id }, marketer);
    // ...and the approved version cannot then go live behind everyone's back.
    const publish = await t.call("versions.publish", { versionId: v.id }, { cookie: reviewer });
    expect(publish.statusCode).toBe(409);
    expect(publish.json().error.message).toMatch(/was deleted/);
    expect(await auditRows("version.published", v.id)).toHaveLength(0);
  });
});
