import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { data, enrolTwoFactor, mutate, query, setUpAdmin } from "../../testing/securityTestKit.ts";
import { createTestApp, type TestApp } from "../../testing/testApp.ts";

describe("workspace link allow-list", () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = (await enrolTwoFactor(t, await setUpAdmin(t))).cookie;
  });
  afterAll(() => t.close());

  it("is set by an admin with 2FA and feeds the same link check the editor and reviewers see", async () => {
    await mutate(
      t,
      "workspace.setLinkAllowlist",
      { hosts: ["Shop.Example.com", "shop.example.com", "help.example.org"] },
      admin,
    );
    const settings = data<{ linkAllowlist: string[] }>(
      await query(t, "workspace.settings", undefined, admin),
    );
    expect(settings.linkAllowlist).toEqual(["help.example.org", "shop.example.com"]);
    const bad = await t.call("workspace.setLinkAllowlist", { hosts: ["not a host"] }, { cookie: admin });
    expect(bad.statusCode).toBe(400);

    const flow = data<{ id: string; revision: number }>(
      await t.call("flows.create", { name: "Links", template: "faq" }, { cookie: admin }),
    );
    const current = data<{
      draft: { nodes: Array<{ id: string; type: string; data: Record<string, unknown> }> };
    }>(await query(t, "flows.byId", { flowId: flow.id }, admin));
    const draft = structuredClone(current.draft);
    const hours = draft.nodes.find((n) => n.id === "a_hours");
    if (!hours) throw new Error("template changed");
    hours.data.text = "Opening hours: https://shop.example.com/hours and https://elsewhere.example.net/x";
    const saved = data<{ findings: Array<{ ruleId: string; message: string }> }>(
      await t.call("flows.save", { flowId: flow.id, baseRevision: flow.revision, draft }, { cookie: admin }),
    );
    const outside = saved.findings.filter((f) => f.ruleId === "linkOutsideAllowlist");
    expect(outside).toHaveLength(1);
    expect(outside[0]?.message).toContain("elsewhere.example.net");
  });
});
