// Property-based: whatever bytes, text or structure arrive — signed webhooks, or tRPC inputs with a
// real session — the answer is never a 5xx and nothing crashes the process. Runs through the real
// Fastify app over HTTP (inject), the real database and the runtime workers.
import { signWebhook, textMessage, webhookEnvelope } from "@benteng/runtime/testing/webhookPayloads";
import { emptyFlow, type Flow } from "@benteng/shared";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LiveChannel, startLiveChannel } from "./testing/liveChannel.ts";
import { setUpAdmin } from "./testing/securityTestKit.ts";
import { createTestApp, type TestApp } from "./testing/testApp.ts";

// Each property's run count: enough to hit every kind of bad text many times, small enough for a
// loaded 2-core machine. A failure prints fast-check's seed and the shrunk input.
const RUNS = Number(process.env.FUZZ_RUNS ?? 120);

/** Units of hostile text: NUL, lone surrogates, U+FFFD, bidi controls, and any code point. */
const hostileUnit = fc.oneof(
  {
    weight: 1,
    arbitrary: fc.constantFrom("\u0000", "\ud800", "\udbff", "\udc00", "\udfff", "\ufffd", "\u202e"),
  },
  { weight: 1, arbitrary: fc.constantFrom("{{", "}}", ".", "!", "¿", "pin:", "4111 1111 1111 1111", "\\") },
  { weight: 6, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }) },
);
const hostileText = fc.string({ unit: hostileUnit, maxLength: 60 });
/** Occasionally very long, to cross every cap. */
const hostileLongText = fc.oneof(
  { weight: 5, arbitrary: hostileText },
  {
    weight: 1,
    arbitrary: fc
      .tuple(hostileText, fc.integer({ min: 1_000, max: 70_000 }))
      .map(([t, n]) => t.repeat(Math.ceil(n / Math.max(t.length, 1))).slice(0, n)),
  },
);
/** Any JSON-ish value, hostile strings included, nested a little or a lot. */
const hostileJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    hostileText,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(hostileText, tie("value"), { maxKeys: 4 }),
  ),
})).value;
const deeplyNested = fc
  .tuple(fc.integer({ min: 50, max: 5_000 }), fc.constantFrom("[", '{"a":'))
  .map(([depth, open]) => ({ depth, open }));

function flowSaying(text: string): Flow {
  const flow = emptyFlow();
  flow.variables.push({ name: "name", type: "text" });
  flow.nodes.push(
    {
      id: "ask",
      type: "question",
      position: { x: 300, y: 0 },
      data: {
        prompt: "Your name?",
        variable: "name",
        input: { type: "text" },
        repromptText: "Again?",
        maxAttempts: 3,
      },
    },
    { id: "say", type: "message", position: { x: 600, y: 0 }, data: { text } },
    { id: "end", type: "end", position: { x: 900, y: 0 }, data: {} },
  );
  flow.edges.push(
    { id: "e1", source: "start", sourceHandle: "next", target: "ask" },
    { id: "e2", source: "ask", sourceHandle: "next", target: "say" },
    { id: "e3", source: "say", sourceHandle: "next", target: "end" },
  );
  return flow;
}

describe("no input makes a 5xx or a crash (fast-check)", () => {
  let t: TestApp;
  let cookie: string;
  let flowId: string;
  let live: LiveChannel;
  let phoneNumberId: string;

  beforeAll(async () => {
    t = await createTestApp();
    cookie = await setUpAdmin(t, "fuzz@example.com");
    const flow = flowSaying("Thanks {{name}}");
    flowId = (await t.call("flows.create", { name: "Echo", draft: flow }, { cookie })).json().result.data.id;
    live = await startLiveChannel(t, flowId, flow);
    const channel = await t.db
      .selectFrom("channels")
      .select("phone_number_id")
      .where("id", "=", live.channelId)
      .executeTakeFirstOrThrow();
    phoneNumberId = channel.phone_number_id;
  });
  afterAll(async () => {
    await live.close();
    await t.close();
  });

  const postWebhook = (body: string | Buffer) =>
    t.app.inject({
      method: "POST",
      url: `/webhooks/whatsapp/${live.channelId}`,
      headers: {
        "content-type": "application/json",
        "x-hub-signature-256": signWebhook(body, "live-channel-app-secret"),
      },
      payload: body,
    });

  it("webhooks: every signed body is acknowledged (200), whatever its bytes, text or structure", async () => {
    const message = fc.record({
      from: hostileText,
      id: hostileText,
      body: hostileLongText,
      name: hostileText,
      extra: hostileJson,
    });
    const body = fc.oneof(
      // Meta's shape with hostile text in every field it has.
      fc.array(message, { minLength: 1, maxLength: 3 }).map((ms) => {
        const envelope = webhookEnvelope(phoneNumberId, {
          messages: ms.map((m) => {
            const built = textMessage({ waId: m.from, name: m.name }, m.body, m.id);
            return { ...built, message: { ...built.message, extra: m.extra } };
          }),
        });
        return JSON.stringify(envelope);
      }),
      // Meta's envelope with anything in place of a part of it.
      fc
        .tuple(hostileJson, fc.constantFrom("entry", "changes", "value", "messages", "statuses", "contacts"))
        .map(([junk, where]) => {
          const envelope = webhookEnvelope(phoneNumberId, { messages: [textMessage({ waId: "1" }, "hi")] });
          const change = envelope.entry[0]!.changes[0]! as { value: Record<string, unknown> };
          if (where === "entry") (envelope as Record<string, unknown>).entry = junk;
          else if (where === "changes") (envelope.entry[0] as Record<string, unknown>).changes = junk;
          else if (where === "value") change.value = junk as Record<string, unknown>;
          else change.value[where] = junk;
          return JSON.stringify(envelope);
        }),
      // Any JSON at all, any bytes at all, and JSON nested far deeper than anything reads.
      hostileJson.map((j) => JSON.stringify(j) ?? "null"),
      fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
      deeplyNested.map(({ depth, open }) => `${open.repeat(depth)}1${close(open).repeat(depth)}`),
    );
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        const res = await postWebhook(payload);
        expect(res.statusCode, res.body).toBe(200);
      }),
      { numRuns: RUNS },
    );
    // The runtime workers met all of that too; the server still answers, and the channel still works.
    expect((await t.app.inject({ method: "GET", url: "/healthz" })).statusCode).toBe(200);
    await live.customerSays("hello", 1, { waId: "6281299999999", name: "After" });
  });

  it("webhook verification: any query string gets 200, 400 or 403, never 5xx", async () => {
    const param = fc.tuple(
      fc.constantFrom("hub.mode", "hub.verify_token", "hub.challenge", "x"),
      fc.oneof(
        hostileText,
        fc.uint8Array({ maxLength: 20 }).map((b) => Buffer.from(b).toString("latin1")),
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(param, { maxLength: 6 }), async (params) => {
        const query = params.map(([k, v]) => `${k}=${percentEncodeAnyway(v)}`).join("&");
        const res = await t.app.inject({
          method: "GET",
          url: `/webhooks/whatsapp/${live.channelId}?${query}`,
        });
        expect([200, 400, 403], `${res.statusCode} ${res.body}`).toContain(res.statusCode);
      }),
      { numRuns: RUNS },
    );
  });

  it("tRPC: a sample of procedures with a real session answer any input without a 5xx", async () => {
    const revision = (await t.call("flows.byId", { flowId }, { cookie })).json().result.data.revision;
    const procedures = [
      "auth.login",
      "flows.create",
      "flows.save",
      "flows.import",
      "flows.byId",
      "simulator.step",
      "versions.submit",
      "channels.list",
    ] as const;
    const validInput: Record<(typeof procedures)[number], unknown> = {
      "auth.login": { email: "fuzz@example.com", password: "x" },
      "flows.create": { name: "F", draft: flowSaying("Hi") },
      "flows.save": { flowId, baseRevision: revision, draft: flowSaying("Hi") },
      "flows.import": { name: "I", document: flowSaying("Hi") },
      "flows.byId": { flowId },
      "simulator.step": { flowId, state: null, event: { text: "hi" } },
      "versions.submit": { flowId, note: "" },
      "channels.list": undefined,
    };
    const input = fc.oneof(
      hostileJson,
      // A valid input with one string somewhere replaced by hostile text: reaches deeper code.
      fc
        .tuple(fc.constantFrom(...procedures), hostileLongText, fc.nat())
        .map(([p, text, pick]) => replaceOneString(validInput[p], text, pick)),
      // Spelled out as JSON text: deeper than JSON.stringify (this test's own) could write.
      deeplyNested.map(
        ({ depth, open }) => new RawJson(`{"state":${open.repeat(depth)}1${close(open).repeat(depth)}}`),
      ),
    );
    const send = (path: (typeof procedures)[number], value: unknown) => {
      if (!(value instanceof RawJson)) return t.call(path, value, { cookie });
      const headers = { host: "localhost:80", origin: "http://localhost:80", cookie };
      return path === "flows.byId" || path === "channels.list"
        ? t.app.inject({
            method: "GET",
            url: `/trpc/${path}?input=${encodeURIComponent(value.json)}`,
            headers,
          })
        : t.app.inject({
            method: "POST",
            url: `/trpc/${path}`,
            headers: { ...headers, "content-type": "application/json" },
            payload: value.json,
          });
    };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...procedures), input, async (path, value) => {
        const res = await send(path, value);
        expect(res.statusCode, `${path}: ${res.body}`).toBeLessThan(500);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it("tRPC: bodies of arbitrary bytes are refused without a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("auth.login", "flows.create", "simulator.step"),
        fc.uint8Array({ maxLength: 200 }),
        async (path, bytes) => {
          const res = await t.app.inject({
            method: "POST",
            url: `/trpc/${path}`,
            headers: {
              host: "localhost:80",
              origin: "http://localhost:80",
              "content-type": "application/json",
              cookie,
            },
            payload: Buffer.from(bytes),
          });
          expect(res.statusCode, res.body).toBeLessThan(500);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

/** JSON text sent as is (shown short when fast-check reports it). */
class RawJson {
  readonly json: string;
  constructor(json: string) {
    this.json = json;
  }
  toString() {
    return `RawJson(${this.json.length} characters)`;
  }
}

const close = (open: string) => (open === "[" ? "]" : "}");

/** Percent-encodes every UTF-16 unit as its own bytes would be, lone surrogates as raw %ED bytes. */
function percentEncodeAnyway(text: string): string {
  let out = "";
  for (const ch of text) {
    try {
      out += encodeURIComponent(ch);
    } catch {
      // A lone surrogate: its CESU-8 bytes, which are not UTF-8.
      const c = ch.charCodeAt(0);
      out += `%${(0xe0 | (c >> 12)).toString(16)}%${(0x80 | ((c >> 6) & 0x3f)).toString(16)}%${(0x80 | (c & 0x3f)).toString(16)}`;
    }
  }
  return out;
}

/** A copy of `value` with its (pick mod n)-th string replaced by `text` (or `text` itself if none). */
function replaceOneString(value: unknown, text: string, pick: number): unknown {
  const copy = structuredClone(value);
  const slots: Array<{ holder: Record<string, unknown> | unknown[]; key: string | number }> = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v))
      v.forEach((item, i) => {
        if (typeof item === "string") slots.push({ holder: v, key: i });
        else walk(item);
      });
    else if (v && typeof v === "object")
      for (const [k, item] of Object.entries(v)) {
        if (typeof item === "string") slots.push({ holder: v as Record<string, unknown>, key: k });
        else walk(item);
      }
  };
  walk(copy);
  const slot = slots[pick % Math.max(slots.length, 1)];
  if (!slot) return text;
  (slot.holder as Record<string | number, unknown>)[slot.key] = text;
  return copy;
}
