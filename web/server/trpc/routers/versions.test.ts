import type { Flow } from "@benteng/shared";
import { emptyFlow } from "@benteng/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, data, enrolTwoFactor, mutate, query, setUpAdmin } from "../../testing/securityTestKit.ts";
import { createTestApp, type TestApp } from "../../testing/testApp.ts";

function greeting(text: string): Flow {
  const flow = emptyFlow();
  flow.nodes.push({ id: "hello", type: "message", position: { x: 300, y: 0 }, data: { text } });
  flow.edges.push({ id: "e1", source: "start", sourceHandle: "next", target: "hello" });
  return flow;
}

interface VersionView {
  id: string;
  number: number;
  status: string;
  contentHash: string;
  youAreAuthor: boolean;
  live: Flow | null;
}

describe("versions and review (over HTTP)", () => {
  let t: TestApp;
  let admin: string;
  let marketer: string;
  let reviewer: string;
  let unenrolledReviewer: string;
  let dualRole: string;
  let flowId: string;
  let revision: number;

  async function save(cookie: string, draft: Flow) {
    const r = await mutate<{ ok: boolean; revision: number }>(
      t,
      "flows.save",
      { flowId, baseRevision: revision, draft },
      cookie,
    );
    revision = r.revision;
  }
  const submit = (cookie: string, note = "") => t.call("versions.submit", { flowId, note }, { cookie });
  const view = async (versionId: string, cookie = reviewer) =>
    data<VersionView>(await query(t, "versions.byId", { versionId }, cookie));
  const liveId = async () =>
    (
      await t.db
        .selectFrom("flows")
        .select("published_version_id")
        .where("id", "=", flowId)
        .executeTakeFirstOrThrow()
    ).published_version_id;

  beforeAll(async () => {
    t = await createTestApp();
    admin = (await enrolTwoFactor(t, await setUpAdmin(t))).cookie;
    marketer = (await addMember(t, admin, "mira@example.com", ["marketer"])).cookie;
    reviewer = (await enrolTwoFactor(t, (await addMember(t, admin, "rudi@example.com", ["reviewer"])).cookie))
      .cookie;
    unenrolledReviewer = (await addMember(t, admin, "ratna@example.com", ["reviewer"])).cookie;
    dualRole = (
      await enrolTwoFactor(
        t,
        (
          await addMember(t, admin, "dina@example.com", ["marketer", "reviewer"])
        ).cookie,
      )
    ).cookie;
    const created = await mutate<{ id: string; revision: number }>(
      t,
      "flows.create",
      { name: "Order help" },
      marketer,
    );
    flowId = created.id;
    revision = created.revision;
  });
  afterAll(() => t.close());

  it("refuses a submission with policy-linter errors", async () => {
    await save(marketer, greeting("Please reply with your PIN and your OTP code."));
    const res = await submit(marketer);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/Fix \d+ problem/);
    expect(data<unknown[]>(await query(t, "versions.list", { flowId }, marketer))).toHaveLength(0);
  });

  it("freezes the draft into a version with its hash, lint report and note", async () => {
    await save(marketer, greeting("Hi! Your order is on its way."));
    const v = data<{ id: string; number: number; contentHash: string }>(
      await submit(marketer, "Friendlier greeting"),
    );
    expect(v.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const seen = await view(v.id);
    expect(seen.status).toBe("submitted");
    expect(seen.live).toBeNull();
    // Editing the draft afterwards does not change the submitted version.
    await save(marketer, greeting("Something else entirely"));
    expect((await view(v.id)).contentHash).toBe(v.contentHash);
  });

  it("never lets an author decide on their own change, whatever their roles", async () => {
    const [v] = data<Array<{ id: string; contentHash: string }>>(
      await query(t, "versions.list", { flowId }, marketer),
    );
    const asMarketer = await t.call(
      "versions.approve",
      { versionId: v?.id, contentHash: v?.contentHash },
      { cookie: marketer },
    );
    expect(asMarketer.statusCode).toBe(403);
    // Dina (marketer + reviewer, with 2FA) edits the draft and submits: she may not approve it.
    await save(dualRole, greeting("Hi! Your order is on its way 🚚"));
    const mine = data<{ id: string; contentHash: string }>(await submit(dualRole));
    expect((await view(mine.id, dualRole)).youAreAuthor).toBe(true);
    const own = await t.call(
      "versions.approve",
      { versionId: mine.id, contentHash: mine.contentHash },
      { cookie: dualRole },
    );
    expect(own.statusCode).toBe(403);
    expect(own.json().error.message).toMatch(/someone else must approve/);
    // The marketer who made the earlier edits in this version may not approve it either (if she could).
    expect((await view(mine.id, marketer)).youAreAuthor).toBe(true);
  });

  it("asks a reviewer without two-factor to enrol before deciding", async () => {
    const [v] = data<Array<{ id: string; contentHash: string }>>(
      await query(t, "versions.list", { flowId }, reviewer),
    );
    const res = await t.call(
      "versions.reject",
      { versionId: v?.id, contentHash: v?.contentHash, comment: "no" },
      { cookie: unenrolledReviewer },
    );
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toMatch(/Two-factor authentication is required/);
  });

  it("binds approval to the content hash the reviewer saw; a rejection's comment reaches the author", async () => {
    const [v] = data<Array<{ id: string; contentHash: string }>>(
      await query(t, "versions.list", { flowId }, reviewer),
    );
    const stale = await t.call(
      "versions.approve",
      { versionId: v?.id, contentHash: "0".repeat(64) },
      { cookie: reviewer },
    );
    expect(stale.statusCode).toBe(409);
    await mutate(
      t,
      "versions.reject",
      { versionId: v?.id, contentHash: v?.contentHash, comment: "Use the customer's name." },
      reviewer,
    );
    const [after] = data<Array<{ status: string; review: { comment: string; decision: string } }>>(
      await query(t, "versions.list", { flowId }, marketer),
    );
    expect(after?.status).toBe("rejected");
    expect(after?.review).toMatchObject({ decision: "rejected", comment: "Use the customer's name." });
    const publish = await t.call("versions.publish", { versionId: v?.id }, { cookie: reviewer });
    expect(publish.statusCode).toBe(409);
  });

  it("publishes an approved version atomically and rolls back to an earlier approved one", async () => {
    await save(marketer, greeting("Hello, version one"));
    const v1 = data<{ id: string; contentHash: string }>(await submit(marketer));
    // The greeting leads nowhere yet: a warning the reviewer must acknowledge before approving.
    const unread = await t.call(
      "versions.approve",
      { versionId: v1.id, contentHash: v1.contentHash },
      { cookie: reviewer },
    );
    expect(unread.statusCode).toBe(400);
    expect(unread.json().error.message).toMatch(/acknowledge the 1 policy warning/);
    await mutate(
      t,
      "versions.approve",
      { versionId: v1.id, contentHash: v1.contentHash, comment: "ok", warningsAcknowledged: true },
      reviewer,
    );
    // Approval alone does not change what customers get.
    expect(await liveId()).toBeNull();
    await mutate(t, "versions.publish", { versionId: v1.id }, reviewer);
    expect(await liveId()).toBe(v1.id);

    await save(marketer, greeting("Hello, version two"));
    const v2 = data<{ id: string; contentHash: string }>(await submit(marketer));
    const v2view = await view(v2.id);
    expect(JSON.stringify(v2view.live)).toContain("version one");
    await mutate(
      t,
      "versions.approve",
      { versionId: v2.id, contentHash: v2.contentHash, warningsAcknowledged: true },
      reviewer,
    );
    await mutate(t, "versions.publish", { versionId: v2.id }, reviewer);
    expect(await liveId()).toBe(v2.id);
    const statuses = await t.db
      .selectFrom("flow_versions")
      .select(["id", "status"])
      .where("flow_id", "=", flowId)
      .execute();
    expect(statuses.filter((s) => s.status === "published").map((s) => s.id)).toEqual([v2.id]);

    const byMarketer = await t.call("versions.rollback", { versionId: v1.id }, { cookie: marketer });
    expect(byMarketer.statusCode).toBe(403);
    await mutate(t, "versions.rollback", { versionId: v1.id }, reviewer);
    expect(await liveId()).toBe(v1.id);
    const actions = (await t.db.selectFrom("audit_log").select("action").execute()).map((r) => r.action);
    for (const a of [
      "version.submitted",
      "version.approved",
      "version.rejected",
      "version.published",
      "version.rolled_back",
    ])
      expect(actions).toContain(a);
  });
});
