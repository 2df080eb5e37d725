import { createMember } from "@benteng/db/queries/users";
import { emptyFlow, type Flow } from "@benteng/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../auth/password.ts";
import { setUpAdmin } from "../../auth/securityTestKit.ts";
import { createTestApp, sessionCookie, type TestApp } from "../../testing/testApp.ts";

function flowWithScript(code: string, hosts: string[] = []): Flow {
  const flow = emptyFlow();
  flow.nodes.push({
    id: "scr",
    type: "script",
    position: { x: 300, y: 0 },
    data: {
      code,
      inputMapping: [],
      inputSchema: [],
      outputSchema: [{ name: "n", type: "number", required: true }],
      outputMapping: [],
      allowedHosts: hosts,
      secrets: [],
      timeoutMs: 1000,
      memoryMb: 32,
    },
  });
  flow.edges.push({ id: "e1", source: "start", sourceHandle: "next", target: "scr" });
  return flow;
}

describe("script blocks: least privilege and test runs", () => {
  let t: TestApp;
  let developer: string;
  let marketer: string;
  beforeAll(async () => {
    t = await createTestApp();
    developer = await setUpAdmin(t, "dev@example.com");
    await createMember(t.db, {
      workspaceId: t.workspaceId,
      email: "marketer@example.com",
      displayName: "Mia",
      passwordHash: await hashPassword("another long password"),
      roles: ["marketer"],
    });
    marketer = sessionCookie(
      await t.call("auth.login", { email: "marketer@example.com", password: "another long password" }),
    );
  });
  afterAll(() => t.close());

  it("refuses a marketer's save that changes a script's code or hosts, and keeps the developer's version", async () => {
    const created = (
      await t.call(
        "flows.create",
        { name: "Scripted", draft: flowWithScript("return { n: 1 };") },
        { cookie: developer },
      )
    ).json().result.data;
    const byMarketer = await t.call(
      "flows.save",
      { flowId: created.id, baseRevision: created.revision, draft: flowWithScript("return { n: 2 };") },
      { cookie: marketer },
    );
    expect(byMarketer.statusCode).toBe(403);
    expect(byMarketer.json().error.message).toContain("Only developers can change a script");
    const hosts = await t.call(
      "flows.save",
      {
        flowId: created.id,
        baseRevision: created.revision,
        draft: flowWithScript("return { n: 1 };", ["evil.example"]),
      },
      { cookie: marketer },
    );
    expect(hosts.statusCode).toBe(403);
    // A marketer may still edit everything else around the script.
    const other = flowWithScript("return { n: 1 };");
    other.nodes.push({ id: "m", type: "message", position: { x: 0, y: 200 }, data: { text: "Hello" } });
    const ok = await t.call(
      "flows.save",
      { flowId: created.id, baseRevision: created.revision, draft: other },
      { cookie: marketer },
    );
    expect(ok.json().result.data.ok).toBe(true);
    const stored = (await t.call("flows.byId", { flowId: created.id }, { cookie: developer })).json().result
      .data;
    expect(stored.draft.nodes.find((n: { id: string }) => n.id === "scr").data.code).toBe("return { n: 1 };");
    // Smuggling code in through create or import is refused as well.
    expect(
      (
        await t.call(
          "flows.create",
          { name: "Sneaky", draft: flowWithScript("return { n: 3 };") },
          { cookie: marketer },
        )
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await t.call(
          "flows.import",
          { name: "Sneaky", document: flowWithScript("return { n: 3 };") },
          { cookie: marketer },
        )
      ).statusCode,
    ).toBe(403);
  });

  it("lets only developers test-run scripts and manage secrets; secret values never come back", async () => {
    const base = flowWithScript("return { n: input.a + 1 };").nodes[1]?.data as Record<string, unknown>;
    const block = { ...base, inputSchema: [{ name: "a", type: "number", required: true }] };
    expect(
      (await t.call("scripts.testRun", { block, sampleInput: { a: 1 } }, { cookie: marketer })).statusCode,
    ).toBe(403);
    const run = (
      await t.call("scripts.testRun", { block, sampleInput: { a: 41 } }, { cookie: developer })
    ).json().result.data;
    expect(run).toMatchObject({ ok: true, result: { n: 42 } });
    expect(run.ms).toBeGreaterThan(0);
    // Input that breaks the declared schema never reaches the script.
    const bad = (
      await t.call("scripts.testRun", { block, sampleInput: { a: "x" } }, { cookie: developer })
    ).json().result.data;
    expect(bad).toMatchObject({ ok: false, error: { kind: "input-schema" } });
    expect(
      (await t.call("secrets.set", { name: "API_KEY", value: "s3cr3t-value" }, { cookie: marketer }))
        .statusCode,
    ).toBe(403);
    expect(
      (await t.call("secrets.set", { name: "API_KEY", value: "s3cr3t-value" }, { cookie: developer }))
        .statusCode,
    ).toBe(200);
    const list = await t.call("secrets.list", undefined, { cookie: developer });
    expect(list.body).toContain("API_KEY");
    expect(list.body).not.toContain("s3cr3t-value");
    const row = await t.db.selectFrom("secrets").select("value_enc").executeTakeFirstOrThrow();
    expect(row.value_enc).not.toContain("s3cr3t");
    // A script reads a secret only when its block declares it.
    const reads = {
      ...flowWithScript("return { n: (secrets.get('API_KEY') ?? '').length };").nodes[1]?.data,
    };
    const undeclared = (
      await t.call("scripts.testRun", { block: reads, sampleInput: {} }, { cookie: developer })
    ).json().result.data;
    expect(undeclared.ok && undeclared.result.n).not.toBe(12);
    const declared = (
      await t.call(
        "scripts.testRun",
        { block: { ...reads, secrets: ["API_KEY"] }, sampleInput: {} },
        { cookie: developer },
      )
    ).json().result.data;
    expect(declared).toMatchObject({ ok: true, result: { n: 12 } });
    // A test run never hands a secret's value back, and unreviewed hosts only ever see a stand-in.
    const leak = {
      ...reads,
      code: "log(secrets.get('API_KEY')); return { s: secrets.get('API_KEY') };",
      outputSchema: [{ name: "s", type: "string", required: true }],
      secrets: ["API_KEY"],
    };
    const scrubbed = await t.call("scripts.testRun", { block: leak, sampleInput: {} }, { cookie: developer });
    expect(scrubbed.body).not.toContain("s3cr3t-value");
    expect(scrubbed.json().result.data.result.s).toBe("[secret API_KEY]");
    const unreviewed = (
      await t.call(
        "scripts.testRun",
        { block: { ...leak, allowedHosts: ["attacker.example"] }, sampleInput: {} },
        { cookie: developer },
      )
    ).json().result.data;
    expect(unreviewed).toMatchObject({
      ok: true,
      realSecrets: false,
      result: { s: "test-value-of-API_KEY" },
    });
  });
});

describe("workspace ceilings on script limits", () => {
  it("stops a block that asks for more time than the workspace allows at the workspace's ceiling", async () => {
    const t = await createTestApp({ BENTENG_SCRIPT_MAX_TIMEOUT_MS: "200" });
    try {
      const developer = await setUpAdmin(t, "d@example.com");
      const block = {
        ...(flowWithScript("while (true) {}").nodes[1]?.data as Record<string, unknown>),
        timeoutMs: 5000,
      };
      const run = (await t.call("scripts.testRun", { block, sampleInput: {} }, { cookie: developer })).json()
        .result.data;
      expect(run).toMatchObject({ ok: false, error: { kind: "timeout" } });
      expect(run.ms).toBeLessThan(2000);
    } finally {
      await t.close();
    }
  });
});
