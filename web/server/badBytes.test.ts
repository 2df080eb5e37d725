import { Writable } from "node:stream";
import { signWebhook, textMessage, webhookEnvelope } from "@benteng/runtime/testing/webhookPayloads";
import { emptyFlow, type Flow } from "@benteng/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLiveChannel } from "./testing/liveChannel.ts";
import { PASSWORD, setUpAdmin } from "./testing/securityTestKit.ts";
import { createTestApp, type TestApp } from "./testing/testApp.ts";

/** A simulator state nested `depth` levels deep inside a variable. */
function deepState(depth: number) {
  let value: unknown = "bottom";
  for (let i = 0; i < depth; i++) value = [value];
  return { status: "active", waitingAt: null, attempts: 0, variables: { deep: value }, noticeShown: false };
}

function flowSaying(text: string): Flow {
  const flow = emptyFlow();
  flow.nodes.push(
    { id: "say", type: "message", position: { x: 300, y: 0 }, data: { text } },
    { id: "end", type: "end", position: { x: 600, y: 0 }, data: {} },
  );
  flow.edges.push(
    { id: "e1", source: "start", sourceHandle: "next", target: "say" },
    { id: "e2", source: "say", sourceHandle: "next", target: "end" },
  );
  return flow;
}

describe("bad bytes are a 400, never a 5xx", () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  let t: TestApp;
  let cookie: string;
  let flowId: string;
  let revision: number;

  beforeAll(async () => {
    t = await createTestApp({ LOG_LEVEL: "info" }, sink);
    cookie = await setUpAdmin(t, "admin@example.com");
    const created = (
      await t.call("flows.create", { name: "Hello", draft: flowSaying("Hi") }, { cookie })
    ).json().result.data;
    flowId = created.id;
    revision = created.revision;
  });
  afterAll(() => t.close());

  const refused = (res: { statusCode: number; body: string }, why: RegExp) => {
    expect(res.statusCode, res.body).toBe(400);
    expect(res.body).toMatch(why);
  };

  it("refuses a NUL or a lone surrogate in a sign-in e-mail", async () => {
    refused(await t.call("auth.login", { email: "admin@example.com\u0000", password: PASSWORD }), /NUL/);
    refused(
      await t.call("auth.login", { email: "admin\ud800@example.com", password: PASSWORD }),
      /surrogate/,
    );
    // Signing in still works: the refusal was about the bytes, not the account.
    expect((await t.call("auth.login", { email: "admin@example.com", password: PASSWORD })).statusCode).toBe(
      200,
    );
  });

  it("refuses a flow save with a NUL or a lone surrogate anywhere in the document, and keeps the draft", async () => {
    const save = (draft: unknown) =>
      t.call("flows.save", { flowId, baseRevision: revision, draft }, { cookie });
    refused(await save(flowSaying("Hi \u0000 there")), /nodes\[1\]\.data\.text: NUL character/);
    refused(await save(flowSaying("Hi \udc00")), /lone surrogate/);
    const keyed = flowSaying("Hi") as unknown as { settings: Record<string, unknown> };
    keyed.settings["bad\u0000key"] = true;
    refused(await save(keyed), /\(a key\): NUL character/);
    const stored = (await t.call("flows.byId", { flowId }, { cookie })).json().result.data;
    expect(stored.revision).toBe(revision);
    // Emoji are surrogate pairs, not lone surrogates.
    const ok = await save(flowSaying("Halo 👋🏽"));
    expect(ok.statusCode, ok.body).toBe(200);
    revision = ok.json().result.data.revision;
  });

  it("refuses deeply nested simulator state with a depth cap (400), and over-long simulator text", async () => {
    const step = (input: unknown) => t.call("simulator.step", input, { cookie });
    refused(
      await step({ flowId, state: deepState(100), event: { text: "hi" } }),
      /nested deeper than 64 levels/,
    );
    // Deeper than JSON.stringify (this test's own) could write: the body is spelled out.
    const depth = 200_000;
    const state = `{"status":"active","waitingAt":null,"variables":{"deep":${"[".repeat(depth)}${"]".repeat(depth)}}}`;
    const deep = await t.app.inject({
      method: "POST",
      url: "/trpc/simulator.step",
      headers: {
        host: "localhost:80",
        origin: "http://localhost:80",
        "content-type": "application/json",
        cookie,
      },
      payload: `{"flowId":"${flowId}","state":${state},"event":{"text":"hi"}}`,
    });
    refused({ statusCode: deep.statusCode, body: deep.body }, /nested deeper than 64 levels/);
    refused(
      await step({ flowId, state: null, event: { text: "a".repeat(65_537) } }),
      /65536|too_big|Too big/i,
    );
    const fine = await step({ flowId, state: deepState(10), event: { text: "hi" } });
    expect(fine.statusCode, fine.body).toBe(200);
  });

  it("refuses a body or a query string that is not valid UTF-8", async () => {
    const body = Buffer.concat([
      Buffer.from('{"email":"a'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('","password":"x"}'),
    ]);
    const post = await t.app.inject({
      method: "POST",
      url: "/trpc/auth.login",
      headers: { host: "localhost:80", origin: "http://localhost:80", "content-type": "application/json" },
      payload: body,
    });
    refused({ statusCode: post.statusCode, body: post.body }, /not valid UTF-8/);
    const get = await t.app.inject({
      method: "GET",
      url: `/trpc/flows.byId?input=${encodeURIComponent(JSON.stringify({ flowId })).replace("flowId", "flow%FFId")}`,
      headers: { host: "localhost:80", cookie },
    });
    refused({ statusCode: get.statusCode, body: get.body }, /not valid percent-encoded UTF-8/);
    const nulInQuery = await t.call("flows.byId", { flowId: `${flowId}\u0000` }, { cookie });
    refused(nulInQuery, /NUL/);
  });

  it("acknowledges a signed webhook with a NUL in the sender or message id, drops it with a log line, and answers the next one and one with a NUL in its text", async () => {
    const live = await startLiveChannel(t, flowId, flowSaying("Got it"));
    try {
      const channel = await t.db
        .selectFrom("channels")
        .select("phone_number_id")
        .where("id", "=", live.channelId)
        .executeTakeFirstOrThrow();
      const body = JSON.stringify(
        webhookEnvelope(channel.phone_number_id, {
          messages: [
            textMessage({ waId: "62811\u0000" }, "NUL in from"),
            textMessage({ waId: "6281100000001" }, "NUL in id", "wamid.\u0000"),
          ],
        }),
      );
      const before = lines.length;
      const res = await t.app.inject({
        method: "POST",
        url: `/webhooks/whatsapp/${live.channelId}`,
        headers: {
          "content-type": "application/json",
          "x-hub-signature-256": signWebhook(body, "live-channel-app-secret"),
        },
        payload: body,
      });
      expect(res.statusCode, res.body).toBe(200);
      const logged = lines.slice(before).join("");
      expect(logged).toMatch(/webhook items dropped/);
      expect(logged).not.toMatch(/NUL in/);
      await live.customerSays("hello", 1);
      expect(JSON.stringify(live.graph.messages.at(-1)?.body)).toContain("Got it");
      // What a customer wrote is repaired, not lost: a NUL or a lone surrogate in the text is answered.
      await live.customerSays("a NUL \u0000 and a lone \ud800 here", 1, {
        waId: "6281100000002",
        name: "Sari",
      });
      expect(JSON.stringify(live.graph.messages.at(-1)?.body)).toContain("Got it");
    } finally {
      await live.close();
    }
  });
});
