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

interface News {
  unread: number;
  news: Array<{
    action: string;
    label: string;
    versionId: string;
    comment: string | null;
    unread: boolean;
  }>;
}

describe("review you can trust (over HTTP)", () => {
  let t: TestApp;
  let marketer: string;
  let reviewer: string;
  let flowId: string;
  let revision: number;

  async function save(draft: Flow) {
    revision = (
      await mutate<{ revision: number }>(t, "flows.save", { flowId, baseRevision: revision, draft }, marketer)
    ).revision;
  }
  const submit = async () =>
    mutate<{ id: string; number: number; contentHash: string }>(t, "versions.submit", { flowId }, marketer);
  const notices = async (cookie: string) => data<News>(await query(t, "reviewNews.list", undefined, cookie));
  const status = async () =>
    data<{ liveNumber: number | null; unpublishedChanges: boolean }>(
      await query(t, "versions.draftStatus", { flowId }, marketer),
    );

  beforeAll(async () => {
    t = await createTestApp();
    const admin = (await enrolTwoFactor(t, await setUpAdmin(t))).cookie;
    marketer = (await addMember(t, admin, "mira@example.com", ["marketer"])).cookie;
    reviewer = (await enrolTwoFactor(t, (await addMember(t, admin, "rudi@example.com", ["reviewer"])).cookie))
      .cookie;
    const created = await mutate<{ id: string; revision: number }>(
      t,
      "flows.create",
      { name: "Order help" },
      marketer,
    );
    flowId = created.id;
    revision = created.revision;
  }, 60_000);
  afterAll(() => t.close());

  it("tells reviewers of a request and the author of the decision; reading clears the count", async () => {
    await save(greeting("Hello"));
    const v1 = await submit();
    const forReviewer = await notices(reviewer);
    expect(forReviewer.unread).toBe(1);
    expect(forReviewer.news[0]).toMatchObject({
      action: "version.submitted",
      label: "Order help v1",
      versionId: v1.id,
      unread: true,
    });
    // The author is not told of their own submission.
    expect((await notices(marketer)).unread).toBe(0);
    await mutate(
      t,
      "versions.reject",
      { versionId: v1.id, contentHash: v1.contentHash, comment: "Say who we are" },
      reviewer,
    );
    const forAuthor = await notices(marketer);
    expect(forAuthor.unread).toBe(1);
    expect(forAuthor.news[0]).toMatchObject({ action: "version.rejected", comment: "Say who we are" });
    await mutate(t, "reviewNews.markRead", null, marketer);
    expect((await notices(marketer)).unread).toBe(0);
    expect((await notices(marketer)).news).toHaveLength(1);
  });

  it("compares a resubmission with the version sent back, and lets the reviewer try the frozen version", async () => {
    await save(greeting("Hello from Toko Ana"));
    const v2 = await submit();
    // The draft changes after submitting: the reviewer still tries exactly version 2.
    await save(greeting("Something else entirely"));
    const view = data<{ rejected: { number: number; document: Flow } | null; isLive: boolean }>(
      await query(t, "versions.byId", { versionId: v2.id }, reviewer),
    );
    expect(view.rejected?.number).toBe(1);
    expect(JSON.stringify(view.rejected?.document)).toContain('"Hello"');
    const step = data<{ outbound: Array<{ message: { text?: string } }> }>(
      await t.call(
        "simulator.stepVersion",
        { versionId: v2.id, state: null, event: { text: "hi", messageType: "text" } },
        { cookie: reviewer },
      ),
    );
    expect(JSON.stringify(step.outbound)).toContain("Hello from Toko Ana");
    expect(JSON.stringify(step.outbound)).not.toContain("Something else entirely");
    // Only reviewers; an unknown version is a 404.
    const asMarketer = await t.call(
      "simulator.stepVersion",
      { versionId: v2.id, state: null, event: { text: "hi", messageType: "text" } },
      { cookie: marketer },
    );
    expect(asMarketer.statusCode).toBe(403);
    const unknown = await t.call(
      "simulator.stepVersion",
      {
        versionId: "00000000-0000-4000-8000-000000000000",
        state: null,
        event: { text: "hi", messageType: "text" },
      },
      { cookie: reviewer },
    );
    expect(unknown.statusCode).toBe(404);
  });

  it("says which version is live and whether the draft has unpublished changes", async () => {
    expect(await status()).toEqual({ liveNumber: null, unpublishedChanges: false });
    await save(greeting("Hello from Toko Ana, version 3"));
    const v3 = await submit();
    await mutate(
      t,
      "versions.approve",
      { versionId: v3.id, contentHash: v3.contentHash, comment: "", warningsAcknowledged: true },
      reviewer,
    );
    await mutate(t, "versions.publish", { versionId: v3.id }, reviewer);
    expect(await status()).toEqual({ liveNumber: 3, unpublishedChanges: false });
    const listed = async () =>
      data<Array<{ id: string; unpublishedChanges: boolean }>>(
        await query(t, "flows.list", undefined, marketer),
      ).find((f) => f.id === flowId)?.unpublishedChanges;
    expect(await listed()).toBe(false);
    const live = data<{ isLive: boolean; rejected: unknown }>(
      await query(t, "versions.byId", { versionId: v3.id }, reviewer),
    );
    expect(live).toMatchObject({ isLive: true, rejected: null });
    await save(greeting("Hello, edited after publishing"));
    expect(await status()).toEqual({ liveNumber: 3, unpublishedChanges: true });
    expect(await listed()).toBe(true);
    const decisions = (await notices(marketer)).news.map((n) => n.action);
    expect(decisions.slice(0, 2)).toEqual(["version.published", "version.approved"]);
  });
});
