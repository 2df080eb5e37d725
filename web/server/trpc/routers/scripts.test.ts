import { createFlow } from "@benteng/db/queries/flows";
import { createVersion, publishVersion } from "@benteng/db/queries/flowVersions";
import { createMember } from "@benteng/db/queries/users";
import { emptyFlow, type Flow } from "@benteng/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../auth/password.ts";
import { setUpAdmin } from "../../testing/securityTestKit.ts";
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
    // A test run is unreviewed code: the stored value (12 characters) never reaches it.
    expect(declared).toMatchObject({
      ok: true,
      result: { n: "test-value-of-API_KEY".length },
      standInSecrets: ["API_KEY"],
      missingSecrets: [],
    });
  });

  describe("a developer cannot read a stored secret through a test run", () => {
    const REAL = "s3cr3t-value";
    const reversed = [...REAL].reverse().join("");
    const codes = [...REAL].map((c) => c.charCodeAt(0)).join(",");
    const leaking = (code: string, allowedHosts: string[] = []) => ({
      ...(flowWithScript(code).nodes[1]?.data as Record<string, unknown>),
      outputSchema: [{ name: "s", type: "string", required: true }],
      secrets: ["API_KEY"],
      allowedHosts,
    });
    const testRun = (block: unknown, extra: Record<string, unknown> = {}) =>
      t.call("scripts.testRun", { block, sampleInput: {}, ...extra }, { cookie: developer });
    const neverTheStoredValue = (body: string) => {
      expect(body).not.toContain(REAL);
      expect(body).not.toContain(reversed);
      expect(body).not.toContain(codes);
    };

    beforeAll(async () => {
      await t.call("secrets.set", { name: "API_KEY", value: REAL }, { cookie: developer });
    });

    it("returning the value reversed gives back the reversed stand-in", async () => {
      const res = await testRun(leaking("return { s: [...secrets.get('API_KEY')].reverse().join('') };"));
      neverTheStoredValue(res.body);
      expect(res.json().result.data.result.s).toBe([..."test-value-of-API_KEY"].reverse().join(""));
    });

    it("returning the value as character codes gives the stand-in's codes", async () => {
      const res = await testRun(
        leaking("return { s: [...secrets.get('API_KEY')].map((c) => c.charCodeAt(0)).join(',') };"),
      );
      neverTheStoredValue(res.body);
      expect(res.json().result.data.result.s).toBe(
        [..."test-value-of-API_KEY"].map((c) => c.charCodeAt(0)).join(","),
      );
    });

    it("console.log and log lines carry the stand-in", async () => {
      const res = await testRun(
        leaking(
          "console.log(secrets.get('API_KEY')); log([...secrets.get('API_KEY')].reverse().join('')); return { s: 'x' };",
        ),
      );
      neverTheStoredValue(res.body);
      expect(res.json().result.data.logs[0]).toContain("test-value-of-API_KEY");
    });

    it("an error message carries the stand-in", async () => {
      const res = await testRun(leaking("throw new Error('key=' + secrets.get('API_KEY'));"));
      neverTheStoredValue(res.body);
      expect(res.json().result.data).toMatchObject({ ok: false });
      expect(res.json().result.data.error.message).toContain("key=test-value-of-API_KEY");
    });

    it("an empty hosts list, or hosts of a published flow, still gets no stored value", async () => {
      // A published (reviewed) flow calls the host, so "every host reviewed" holds for the test run.
      const reviewed = flowWithScript("return { n: 1 };", ["api.reviewed.example"]);
      const flow = await createFlow(t.db, {
        workspaceId: t.workspaceId,
        name: "Reviewed",
        draft: reviewed,
        userId: null,
      });
      const version = await createVersion(t.db, {
        workspaceId: t.workspaceId,
        flowId: flow.id,
        document: reviewed,
        lintReport: [],
        status: "approved",
        note: "",
        userId: null,
      });
      await publishVersion(t.db, t.workspaceId, flow.id, version.id);
      for (const hosts of [[], ["api.reviewed.example"]]) {
        const res = await testRun(leaking("return { s: secrets.get('API_KEY') };", hosts));
        neverTheStoredValue(res.body);
        expect(res.json().result.data.result.s).toBe("test-value-of-API_KEY");
      }
    });

    it("uses the values the developer typed for the test, and says which got stand-ins", async () => {
      const block = {
        ...leaking("return { s: secrets.get('API_KEY') + '|' + secrets.get('OTHER') };"),
        secrets: ["API_KEY", "OTHER"],
      };
      const res = await testRun(block, { testSecrets: { API_KEY: "sandbox-key-1" } });
      expect(res.json().result.data).toMatchObject({
        ok: true,
        result: { s: "sandbox-key-1|test-value-of-OTHER" },
        standInSecrets: ["OTHER"],
        missingSecrets: ["OTHER"],
      });
      // Test values are for declared secret names only.
      const bad = await testRun(block, { testSecrets: { "bad name": "x" } });
      expect(bad.statusCode).toBe(400);
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
