// A stored secret changes what reviewed, live code does, so replacing or removing one is guarded:
// a stolen developer cookie cannot swap a live script's key, and nobody can pull a key a live
// script reads (outside attack F4). A live run whose declared secret has no value says so.
import { createVersion, publishVersion } from "@benteng/db/queries/flowVersions";
import { emptyFlow, type Flow } from "@benteng/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addMember,
  asksToReauthenticate,
  data,
  enrolTwoFactor,
  mutate,
  proofFor,
  setUpAdmin,
} from "../../testing/securityTestKit.ts";
import { createTestApp, type TestApp } from "../../testing/testApp.ts";

function scriptFlow(secretName: string): Flow {
  const flow = emptyFlow();
  flow.nodes.push(
    {
      id: "scr",
      type: "script",
      position: { x: 300, y: 0 },
      data: {
        code: `return { n: secrets.get('${secretName}').length };`,
        inputMapping: [],
        inputSchema: [],
        outputSchema: [],
        outputMapping: [],
        allowedHosts: [],
        secrets: [secretName],
        timeoutMs: 1000,
        memoryMb: 32,
      },
    },
    { id: "end", type: "end", position: { x: 600, y: 0 }, data: {} },
  );
  flow.edges.push(
    { id: "e1", source: "start", sourceHandle: "next", target: "scr" },
    { id: "e2", source: "scr", sourceHandle: "success", target: "end" },
    { id: "e3", source: "scr", sourceHandle: "error", target: "end" },
  );
  return flow;
}

describe("stored secrets", () => {
  let t: TestApp;
  let developer: string;
  beforeAll(async () => {
    t = await createTestApp();
    const admin = (await enrolTwoFactor(t, await setUpAdmin(t))).cookie;
    developer = (await addMember(t, admin, "dev@example.com", ["developer"])).cookie;
  }, 60_000);
  afterAll(() => t.close());

  const audited = async () =>
    (
      await t.db
        .selectFrom("audit_log")
        .select(["action", "details"])
        .where("action", "in", ["secret.set", "secret.removed"])
        .orderBy("id")
        .execute()
    ).map((r) => ({ action: r.action, details: r.details }));

  it("stores a new secret without a proof; replacing it asks the person to show it is them", async () => {
    await mutate(t, "secrets.set", { name: "API_KEY", value: "first-value" }, developer);
    const again = await t.call(
      "secrets.set",
      { name: "API_KEY", value: "thief-value" },
      { cookie: developer },
    );
    expect(asksToReauthenticate(again)).toBe(true);
    const proof = await proofFor(t, developer, "secret.change");
    await mutate(t, "secrets.set", { name: "API_KEY", value: "rotated-value", proof }, developer);
    // A proof is for one act: the same token does not replace the value twice.
    const reused = await t.call(
      "secrets.set",
      { name: "API_KEY", value: "thief-value", proof },
      { cookie: developer },
    );
    expect(asksToReauthenticate(reused)).toBe(true);
    expect(await audited()).toEqual([
      { action: "secret.set", details: expect.objectContaining({ replaced: false }) },
      { action: "secret.set", details: expect.objectContaining({ replaced: true }) },
    ]);
  });

  it("refuses to remove a secret a live script reads, naming the flow; removes an unused one with a proof", async () => {
    const flowId = data<{ id: string }>(
      await t.call("flows.create", { name: "Rates" }, { cookie: developer }),
    ).id;
    const version = await createVersion(t.db, {
      workspaceId: t.workspaceId,
      flowId,
      document: scriptFlow("API_KEY"),
      lintReport: [],
      status: "approved",
      note: "",
      userId: null,
    });
    await publishVersion(t.db, t.workspaceId, flowId, version.id);
    const proof = await proofFor(t, developer, "secret.change");
    const refused = await t.call("secrets.remove", { name: "API_KEY", proof }, { cookie: developer });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe(
      "API_KEY is read by the live version of “Rates”. Remove it from those scripts first (a change that goes through review), or replace its value instead.",
    );
    expect(
      data<Array<{ name: string }>>(await t.call("secrets.list", undefined, { cookie: developer })).map(
        (s) => s.name,
      ),
    ).toEqual(["API_KEY"]);

    await mutate(t, "secrets.set", { name: "OLD_KEY", value: "unused" }, developer);
    expect(
      asksToReauthenticate(await t.call("secrets.remove", { name: "OLD_KEY" }, { cookie: developer })),
    ).toBe(true);
    // The refused removal above spent nothing: the proof is still good for one act.
    await mutate(t, "secrets.remove", { name: "OLD_KEY", proof }, developer);
    expect((await audited()).at(-1)?.action).toBe("secret.removed");
  });

  it("a live run whose declared secret has no stored value takes its error path and says the value is missing", async () => {
    const deps = t.engine.depsFor("runtime", t.workspaceId);
    const flow = scriptFlow("MISSING_KEY");
    const node = flow.nodes.find((n) => n.id === "scr");
    if (node?.type !== "script") throw new Error("no script block");
    const version = await createVersion(t.db, {
      workspaceId: t.workspaceId,
      flowId: data<{ id: string }>(await t.call("flows.create", { name: "Missing" }, { cookie: developer }))
        .id,
      document: flow,
      lintReport: [],
      status: "approved",
      note: "",
      userId: null,
    });
    expect(version.id).toBeTruthy();
    const outcome = await deps.runScript?.({
      workspaceId: t.workspaceId,
      blockId: "scr",
      data: node.data,
      variables: {},
    });
    expect(outcome).toMatchObject({ ok: false });
    expect(JSON.stringify(outcome)).toContain("no value is stored for MISSING_KEY; add it under Secrets");
  });
});
