import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createFlow } from "@benteng/db/queries/flows";
import { setSecret } from "@benteng/db/queries/secrets";
import { BLOCKED_FALLBACK_TEXT } from "@benteng/runtime";
import { buildFlow } from "@benteng/runtime/testing/sampleFlow";
import { type ScriptData, scriptDataSchema } from "@benteng/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LiveChannel, startLiveChannel } from "./testing/liveChannel.ts";
import { createTestApp, type TestApp } from "./testing/testApp.ts";

// The runtime with the engine wiring every process uses (createEngine in @benteng/runtime: sandbox in
// its child process, secrets read with the server's database handle, the outbound guard), driven by
// signed webhooks, on PGlite by default and on PostgreSQL with DATABASE_URL.

/** An upstream API that answers /slow only when the test lets it (and not before `minMs`). */
async function startSlowUpstream(minMs: number) {
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  let arrived: () => void = () => {};
  const requested = new Promise<void>((resolve) => {
    arrived = resolve;
  });
  const server: Server = createServer((_req, res) => {
    arrived();
    const since = Date.now();
    void opened.then(() => {
      setTimeout(() => res.end("late"), Math.max(0, minMs - (Date.now() - since)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    requested,
    open,
    close: () =>
      new Promise<void>((resolve) => {
        open();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe("runtime with the server's engine", () => {
  let t: TestApp;
  let live: LiveChannel;
  let upstream: Awaited<ReturnType<typeof startSlowUpstream>>;

  beforeAll(async () => {
    t = await createTestApp({ BENTENG_SANDBOX_ALLOW_LOOPBACK: "1" });
    upstream = await startSlowUpstream(3_000);
    await setSecret(t.db, t.cipher, {
      workspaceId: t.workspaceId,
      name: "API_KEY",
      value: "key-of-17-chars!!",
      userId: null,
    });
    const flow = buildFlow(
      [
        { id: "start", type: "start", data: {} },
        { id: "ask", type: "question", data: { prompt: "say", variable: "t" } },
        {
          id: "route",
          type: "condition",
          data: {
            branches: [
              { id: "secret", rules: [{ variable: "t", operator: "equals", value: "secret" }] },
              { id: "slow", rules: [{ variable: "t", operator: "equals", value: "slow" }] },
              { id: "guard", rules: [{ variable: "t", operator: "equals", value: "guard" }] },
            ],
          },
        },
        {
          id: "useSecret",
          type: "script",
          data: {
            code: "return { n: secrets.get('API_KEY').length }",
            secrets: ["API_KEY"],
            outputSchema: [{ name: "n", type: "number" }],
            outputMapping: [{ field: "n", variable: "n" }],
          },
        },
        { id: "checked", type: "message", data: { text: "checked {{n}}" } },
        {
          // Reviewed code whose failure would repeat the key (BigInt names the text it cannot convert).
          id: "parseKey",
          type: "script",
          data: {
            code: "return { n: Number(BigInt(secrets.get('API_KEY'))) }",
            secrets: ["API_KEY"],
            outputSchema: [{ name: "n", type: "number" }],
            outputMapping: [{ field: "n", variable: "n" }],
          },
        },
        {
          id: "callSlowApi",
          type: "script",
          data: {
            code: `const r = await fetch("http://${upstream.host}/slow"); return { body: await r.text() }`,
            allowedHosts: [upstream.host],
            outputSchema: [{ name: "body", type: "string" }],
            outputMapping: [{ field: "body", variable: "body" }],
            timeoutMs: 8_000,
          },
        },
        { id: "slowDone", type: "message", data: { text: "upstream said {{body}}" } },
        {
          id: "makeText",
          type: "script",
          data: {
            code: "return { text: 'To continue, reply with your PIN.' }",
            outputSchema: [{ name: "text", type: "string" }],
            outputMapping: [{ field: "text", variable: "text" }],
          },
        },
        { id: "echoText", type: "message", data: { text: "{{text}}" } },
        { id: "fast", type: "message", data: { text: "fast {{t}}" } },
        { id: "failed", type: "message", data: { text: "script failed" } },
      ],
      [
        ["start", "next", "ask"],
        ["ask", "next", "route"],
        ["route", "secret", "useSecret"],
        ["route", "slow", "callSlowApi"],
        ["route", "guard", "makeText"],
        ["makeText", "success", "echoText"],
        ["makeText", "error", "failed"],
        ["echoText", "next", "ask"],
        ["route", "else", "fast"],
        ["useSecret", "success", "checked"],
        ["useSecret", "error", "failed"],
        ["callSlowApi", "success", "slowDone"],
        ["callSlowApi", "error", "failed"],
        ["checked", "next", "ask"],
        ["slowDone", "next", "ask"],
        ["fast", "next", "ask"],
      ],
    );
    const created = await createFlow(t.db, {
      workspaceId: t.workspaceId,
      name: "Scripts",
      draft: flow,
      userId: null,
    });
    live = await startLiveChannel(t, created.id, flow);
  });
  afterAll(async () => {
    await live?.close();
    await upstream?.close();
    await t?.close();
  });

  const textOf = (body: Record<string, unknown>) => (body.text as { body?: string } | undefined)?.body;
  const repliesTo = (waId: string) =>
    live.graph.messages.filter((m) => m.body.to === waId).map((m) => textOf(m.body));
  const sender = (waId: string) => ({ waId, name: "Customer" });

  it("answers a customer who reaches a published script block that declares a secret", async () => {
    const waId = "6281300000001";
    await live.customerSays("hi", 1, sender(waId));
    // The script reads its secret through the server's database handle while the runtime is
    // stepping the conversation: nothing may hold the (on PGlite, only) connection meanwhile.
    await live.customerSays("secret", 2, sender(waId));
    expect(repliesTo(waId)).toEqual(["say", "checked 17", "say"]);
    const healthz = await t.app.inject({ method: "GET", url: "/healthz" });
    expect(healthz.statusCode).toBe(200);
  });

  it("gives stored secrets only to code, hosts and secret names exactly as a reviewer approved them", async () => {
    const deps = t.engine.depsFor("runtime", t.workspaceId);
    // The useSecret block of the published flow, as the runtime reads it from the version.
    const reviewed = scriptDataSchema.parse({
      code: "return { n: secrets.get('API_KEY').length }",
      secrets: ["API_KEY"],
      outputSchema: [{ name: "n", type: "number" }],
      outputMapping: [{ field: "n", variable: "n" }],
    });
    const run = (data: Partial<ScriptData>) =>
      deps.runScript?.({
        workspaceId: t.workspaceId,
        blockId: "s",
        data: { ...reviewed, ...data },
        variables: {},
      });
    // The published flow's block: reviewed, real value (17 characters).
    expect(await run({})).toMatchObject({ ok: true, output: { n: 17 } });
    // The same secret for code nobody approved, or for the approved code with another host: refused.
    for (const changed of [
      { code: "return { n: [...secrets.get('API_KEY')].reverse().length }" },
      { allowedHosts: ["attacker.example"] },
      { code: "return { n: secrets.get('API_KEY').length } " },
    ]) {
      const outcome = await run(changed);
      expect(outcome).toMatchObject({ ok: false });
      expect(JSON.stringify(outcome)).toContain("has not passed review");
      expect(JSON.stringify(outcome)).not.toContain("key-of-17-chars");
    }
  });

  it("masks a stored secret that a reviewed script's error or log repeats", async () => {
    const deps = t.engine.depsFor("runtime", t.workspaceId);
    const outcome = await deps.runScript?.({
      workspaceId: t.workspaceId,
      blockId: "parseKey",
      data: scriptDataSchema.parse({
        code: "return { n: Number(BigInt(secrets.get('API_KEY'))) }",
        secrets: ["API_KEY"],
        outputSchema: [{ name: "n", type: "number" }],
        outputMapping: [{ field: "n", variable: "n" }],
      }),
      variables: {},
    });
    expect(outcome).toMatchObject({ ok: false, error: { kind: "runtime" } });
    expect(JSON.stringify(outcome)).not.toMatch(/key-of|17-chars/);
    expect(JSON.stringify(outcome)).toContain("•••");
  });

  it("withholds a filled-in message that asks for a PIN, sends the fallback and audits it", async () => {
    const waId = "6281300000002";
    await live.customerSays("hi", 1, sender(waId));
    await live.customerSays("guard", 2, sender(waId));
    expect(repliesTo(waId)).toEqual(["say", BLOCKED_FALLBACK_TEXT, "say"]);
    // The audit row is written after the step, by a statement of its own.
    const deadline = Date.now() + 10_000;
    let audited: Array<{ action: string; target: string | null }> = [];
    while (audited.length === 0 && Date.now() < deadline) {
      audited = await t.db
        .selectFrom("audit_log")
        .select(["action", "target"])
        .where("action", "=", "runtime.guard_blocked")
        .execute();
      if (audited.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(audited).toEqual([{ action: "runtime.guard_blocked", target: "echoText" }]);
  });

  it("answers other customers and /healthz promptly while one customer's script runs for 3 s", async () => {
    const slow = "6281300000100";
    const others = ["6281300000201", "6281300000202", "6281300000203"];
    for (const waId of [slow, ...others]) await live.customerSays("hi", 1, sender(waId));
    await live.customerSays("slow", 0, sender(slow));
    await upstream.requested;
    const scriptStarted = Date.now();

    const healthStarted = performance.now();
    const healthz = await t.app.inject({ method: "GET", url: "/healthz" });
    const healthMs = performance.now() - healthStarted;
    expect(healthz.statusCode).toBe(200);
    const othersStarted = performance.now();
    await Promise.all(others.map((waId) => live.customerSays("x", 0, sender(waId))));
    await live.graph.waitFor(() => others.every((waId) => repliesTo(waId).length >= 3), 15_000);
    const othersMs = performance.now() - othersStarted;
    for (const waId of others) expect(repliesTo(waId)).toEqual(["say", "fast x", "say"]);
    // All of that happened while the slow script was still waiting for its upstream.
    expect(repliesTo(slow)).toEqual(["say"]);

    upstream.open();
    await live.graph.waitFor(() => repliesTo(slow).length >= 3, 15_000);
    expect(repliesTo(slow)).toEqual(["say", "upstream said late", "say"]);
    expect(Date.now() - scriptStarted).toBeGreaterThanOrEqual(2_900);
    // Generous bounds for a loaded machine; with the step inside a transaction both waited for the
    // script (on PGlite, for ever: the upstream answers only once the others were answered).
    expect(healthMs).toBeLessThan(1_000);
    expect(othersMs).toBeLessThan(3_000);
  });
});
