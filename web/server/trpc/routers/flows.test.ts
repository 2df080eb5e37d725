import { emptyFlow } from "@benteng/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setUpAdmin } from "../../testing/securityTestKit.ts";
import { createTestApp, type TestApp } from "../../testing/testApp.ts";

describe("flows API", () => {
  let t: TestApp;
  let cookie: string;
  beforeAll(async () => {
    t = await createTestApp();
    cookie = await setUpAdmin(t, "a@example.com");
  });
  afterAll(() => t.close());

  it("saves a draft with a revision and refuses a save based on an old revision (no silent overwrite)", async () => {
    const created = (await t.call("flows.create", { name: "FAQ" }, { cookie })).json().result.data;
    const draft = emptyFlow();
    draft.nodes.push({ id: "m1", type: "message", position: { x: 300, y: 0 }, data: { text: "Hello" } });
    const first = (
      await t.call("flows.save", { flowId: created.id, baseRevision: created.revision, draft }, { cookie })
    ).json().result.data;
    expect(first).toMatchObject({ ok: true, revision: created.revision + 1 });
    // The save answers with the same checks the editor runs live.
    expect(first.findings.map((f: { ruleId: string }) => f.ruleId)).toContain("unreachableBlock");
    // A second editor still on the original revision:
    const stale = (
      await t.call(
        "flows.save",
        { flowId: created.id, baseRevision: created.revision, draft: emptyFlow() },
        { cookie },
      )
    ).json().result.data;
    expect(stale).toMatchObject({ ok: false, reason: "conflict", currentRevision: first.revision });
    const stored = (await t.call("flows.byId", { flowId: created.id }, { cookie })).json().result.data;
    expect(stored.draft.nodes.map((n: { id: string }) => n.id)).toEqual(["start", "m1"]);
  });

  it("rejects an invalid document with a clear error and changes nothing", async () => {
    const created = (await t.call("flows.create", { name: "Bad" }, { cookie })).json().result.data;
    const res = await t.call(
      "flows.save",
      {
        flowId: created.id,
        baseRevision: created.revision,
        draft: { version: 1, nodes: [{ id: "x", type: "rocket" }], edges: [] },
      },
      { cookie },
    );
    expect(res.statusCode).toBe(400);
    const stored = (await t.call("flows.byId", { flowId: created.id }, { cookie })).json().result.data;
    expect(stored.revision).toBe(created.revision);
  });

  it("imports an exported document and audits it as the CLI does; a bad file changes nothing", async () => {
    const before = (await t.call("flows.list", undefined, { cookie })).json().result.data.length;
    const bad = await t.call(
      "flows.import",
      { name: "Bad", document: { version: 1, nodes: "?" } },
      { cookie },
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/^The flow document is not valid\./);
    expect((await t.call("flows.list", undefined, { cookie })).json().result.data).toHaveLength(before);
    const res = await t.call("flows.import", { name: "Imported", document: emptyFlow() }, { cookie });
    const { id } = res.json().result.data;
    const audit = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "flow.imported")
      .execute();
    expect(audit).toMatchObject([
      {
        target: id,
        target_type: "flow",
        target_label: "Imported",
        actor_user_id: expect.any(String),
        details: {},
      },
    ]);
  });

  it("answers NOT_FOUND for a flow of another workspace or a deleted one", async () => {
    const created = (await t.call("flows.create", { name: "Temp" }, { cookie })).json().result.data;
    expect((await t.call("flows.remove", { flowId: created.id }, { cookie })).statusCode).toBe(200);
    expect((await t.call("flows.byId", { flowId: created.id }, { cookie })).statusCode).toBe(404);
    const other = await t.db
      .insertInto("workspaces")
      .values({ name: "Other", link_allowlist: (await import("@benteng/db")).jsonb([]) })
      .returning("id")
      .executeTakeFirstOrThrow();
    const foreign = await t.db
      .insertInto("flows")
      .values({
        workspace_id: other.id,
        name: "Secret",
        draft: (await import("@benteng/db")).jsonb(emptyFlow()),
        updated_by: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect((await t.call("flows.byId", { flowId: foreign.id }, { cookie })).statusCode).toBe(404);
    const list = (await t.call("flows.list", undefined, { cookie })).json().result.data as Array<{
      id: string;
    }>;
    expect(list.map((f) => f.id)).not.toContain(foreign.id);
  });
});
