import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createSandbox, type Sandbox, type ScriptRun } from "./createSandbox.ts";
import { type LoopbackTestServer, startLoopbackTestServer } from "./loopbackTestServer.ts";
import { formatScriptError, scriptErrorSchema, scriptResultSchema } from "./scriptResult.ts";

let sandbox: Sandbox;
let server: LoopbackTestServer;

beforeAll(async () => {
  server = await startLoopbackTestServer();
  sandbox = createSandbox({ allowLoopbackForTests: true, fetch: { maxResponseBytes: 64 * 1024 } });
});
afterAll(async () => {
  await Promise.all([sandbox.close(), server.close()]);
});

const base = {
  workspaceId: "w1",
  input: {},
  limits: { timeoutMs: 1000, memoryMb: 16 },
  allowedHosts: [],
  secrets: {},
};
const run = (extra: Partial<ScriptRun> & { code: string }) => sandbox.run({ ...base, ...extra });

describe("createSandbox().run", () => {
  it("runs the body of an async function with the validated input and returns its JSON result", async () => {
    const r = await run({
      code: "const total = input.items.reduce((s, i) => s + i.price, 0);\nreturn { total, currency: input.currency };",
      input: { items: [{ price: 2 }, { price: 3 }], currency: "IDR", unexpected: "dropped" },
      inputSchema: [
        { name: "items", type: "array", required: true },
        { name: "currency", type: "string", required: true },
      ],
      outputSchema: [
        { name: "total", type: "number", required: true },
        { name: "currency", type: "string", required: true },
      ],
    });
    expect(scriptResultSchema.parse(r)).toMatchObject({ ok: true, result: { total: 5, currency: "IDR" } });
    expect(r.ms).toBeGreaterThan(0);
  });

  it("shows the script only the declared input fields", async () => {
    const r = await run({
      code: "return Object.keys(input)",
      input: { orderId: "A1", password: "hunter2" },
      inputSchema: [{ name: "orderId", type: "string", required: true }],
    });
    expect(r).toMatchObject({ ok: true, result: ["orderId"] });
  });

  it("refuses input that breaks the input schema before running anything", async () => {
    const r = await run({
      code: "log('ran'); return 1",
      input: { orderId: 42 },
      inputSchema: [{ name: "orderId", type: "string", required: true }],
    });
    expect(r).toMatchObject({ ok: false, error: { kind: "input-schema" }, logs: [] });
    if (!r.ok) expect(r.error.message).toMatch(/^input\.orderId: .*string/);
  });

  it("refuses a result that breaks the output schema, naming the field", async () => {
    const r = await run({
      code: "return { status: 404 }",
      outputSchema: z.object({ status: z.string() }),
    });
    expect(r).toMatchObject({ ok: false, error: { kind: "output-schema" } });
    if (!r.ok) expect(r.error.message).toMatch(/^result\.status: /);
  });

  it("reports a syntax error with its line and column in the developer's code", async () => {
    const r = await run({ code: "const a = 1;\nconst b = ;\nreturn a" });
    expect(r).toMatchObject({ ok: false, error: { kind: "syntax", line: 2, column: 11 } });
    if (!r.ok) expect(r.error.message).toMatch(/line 2, column 11/);
  });

  it.each([
    ["return 1; }); log('escaped'); (async function () {", 1, 11],
    ["const a = 1;\n  return a; } log('escaped'); {", 2, 13],
    ["return 1\n}\nlog('escaped')", 2, 1],
  ])(
    "compiles the script as a function body, so %j cannot close it and run code outside",
    async (code, line, column) => {
      const r = await run({ code });
      expect(r).toMatchObject({ ok: false, error: { kind: "syntax", line, column }, logs: [] });
      if (!r.ok) expect(r.error.message).toMatch(/cannot close it/);
    },
  );

  it("points a runtime error at the line and column of the developer's code that threw", async () => {
    const r = await run({
      code: "const order = input.order;\nfunction total() {\n  return order.items.length;\n}\nreturn total()",
    });
    expect(r).toMatchObject({ ok: false, error: { kind: "runtime", line: 3, column: 16 } });
    if (!r.ok) expect(r.error.message).toMatch(/^TypeError: .*\(line 3, column 16\)$/);
    // A thrown value that is not an Error has no stack, hence no position.
    const thrown = await run({ code: "throw 'no'" });
    expect(thrown.ok ? null : thrown.error).toEqual({ kind: "runtime", message: "no" });
  });

  it("names the line the sandbox refused before running (import, HTML comments)", async () => {
    const r = await run({ code: "const a = 1;\nreturn import('node:fs')" });
    expect(r).toMatchObject({ ok: false, error: { kind: "syntax", line: 2 } });
    if (!r.ok) expect(r.error.message).not.toMatch(/script\.js/);
  });

  it("returns errors that match the one error schema, formatted the one way", async () => {
    const r = await run({ code: "const b = ;" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(scriptErrorSchema.parse(r.error)).toEqual(r.error);
    expect(formatScriptError(r.error)).toBe("syntax: Unexpected token ';' (line 1, column 11)");
  });

  it("collects log lines, including console.log, in order", async () => {
    const r = await run({ code: "log('a', 1, { b: 2 }); console.log('c'); return null" });
    expect(r).toMatchObject({ ok: true, logs: ['a 1 {"b":2}', "c"] });
  });

  it("keeps the logs of a run that then timed out", async () => {
    const r = await run({
      code: "log('before the loop'); for (;;) {}",
      limits: { timeoutMs: 100, memoryMb: 16 },
    });
    expect(r).toMatchObject({ ok: false, error: { kind: "timeout" }, logs: ["before the loop"] });
  });

  it("reads declared secrets", async () => {
    const r = await run({ code: "return secrets.get('API_KEY').length", secrets: { API_KEY: "abcd" } });
    expect(r).toMatchObject({ ok: true, result: 4 });
  });

  it("reports the isolate's memory when asked", async () => {
    const r = await run({ code: "return 1", measureMemory: true });
    expect(r.ok && r.memoryBytes).toBeGreaterThan(100_000);
  });

  it("refuses limits above the hard maxima instead of running", async () => {
    const r = await run({ code: "return 1", limits: { timeoutMs: 1000, memoryMb: 4096 } });
    expect(r).toMatchObject({ ok: false, error: { kind: "runtime" } });
    if (!r.ok) expect(r.error.message).toMatch(/limits\.memoryMb/);
  });

  it("never throws, even after close", async () => {
    const own = createSandbox({ isolation: "in-process" });
    await own.close();
    expect(await own.run({ ...base, code: "return 1" })).toMatchObject({
      ok: false,
      error: { kind: "runtime" },
    });
  });
});

describe("the isolate pool", () => {
  it("queues concurrent runs of one workspace on its isolates and answers each with its own input", async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, n) =>
        run({ code: "await null; return input.n * 10", input: { n }, workspaceId: "busy" }),
      ),
    );
    expect(results.map((r) => (r.ok ? r.result : r.error))).toEqual(
      Array.from({ length: 12 }, (_, n) => n * 10),
    );
  });

  it("moves a workspace whose script spun to isolate threads, so it no longer holds up other workspaces", async () => {
    const spin = { workspaceId: "spinner", code: "for (;;) {}", limits: { timeoutMs: 1000, memoryMb: 16 } };
    const bystander = { workspaceId: "bystander", code: "return 'served'" };
    await run(bystander); // its isolate is warm, so only waiting could make it slow
    // The first spin runs on the sandbox process's own thread and ends at its time limit...
    expect(await run(spin)).toMatchObject({ ok: false, error: { kind: "timeout" } });
    // ...after which the same workspace's scripts run on isolate threads, beside other workspaces'.
    await run({ workspaceId: "spinner", code: "return 1" }); // replaces the isolate the spin used up
    const again = run(spin);
    await new Promise((r) => setTimeout(r, 50));
    const asked = performance.now();
    const other = await run(bystander);
    expect(other).toMatchObject({ ok: true, result: "served" });
    // Had the spinner held the sandbox process's thread, this would have waited ~950 ms.
    expect(performance.now() - asked).toBeLessThan(600);
    expect(await again).toMatchObject({ ok: false, error: { kind: "timeout" } });
  });

  it("lets a run wait for one of its workspace's isolates while its other scripts hold them", async () => {
    // Two runs that take 1.5 s hold the workspace's two isolates...
    const slow = {
      workspaceId: "crowded",
      code: "const end = Date.now() + 1500; while (Date.now() < end) {} return 'slow'",
      limits: { timeoutMs: 5000, memoryMb: 16 },
    };
    const holders = [run(slow), run(slow)];
    await new Promise((r) => setTimeout(r, 200));
    // ...so a third, limited to 500 ms, waits for one to come free, then runs with its full limit.
    const third = await run({
      workspaceId: "crowded",
      code: "return 1",
      limits: { timeoutMs: 500, memoryMb: 16 },
    });
    expect(third).toMatchObject({ ok: true, result: 1 });
    for (const r of await Promise.all(holders)) expect(r).toMatchObject({ ok: true, result: "slow" });
  });

  it("fails a run as busy once it has waited the longest a run may wait", async () => {
    const impatient = createSandbox({ isolation: "in-process", maxQueueWaitMs: 800 });
    try {
      const stuck = {
        ...base,
        workspaceId: "crowded",
        code: "await new Promise(() => {})",
        limits: { timeoutMs: 3000, memoryMb: 16 },
      };
      const holders = [impatient.run(stuck), impatient.run(stuck)];
      await new Promise((r) => setTimeout(r, 200));
      const asked = performance.now();
      const third = await impatient.run({
        ...base,
        workspaceId: "crowded",
        code: "return 1",
        limits: { timeoutMs: 500, memoryMb: 16 },
      });
      expect(third).toMatchObject({
        ok: false,
        error: { kind: "timeout", message: expect.stringMatching(/busy/) },
      });
      expect(performance.now() - asked).toBeLessThan(2_500);
      for (const r of await Promise.all(holders))
        expect(r).toMatchObject({ ok: false, error: { kind: "timeout" } });
    } finally {
      await impatient.close();
    }
  });

  it("evicts another workspace's idle isolate when the process-wide cap is reached", async () => {
    const tiny = createSandbox({ isolation: "in-process", maxIsolates: 1 });
    try {
      for (const workspaceId of ["a", "b", "a"])
        expect(await tiny.run({ ...base, workspaceId, code: "return 1" })).toMatchObject({ ok: true });
    } finally {
      await tiny.close();
    }
  });
});

describe("fetch (loopback allowed because this sandbox is in test mode)", () => {
  it("returns status, headers and text, with json() parsed inside the isolate", async () => {
    const r = await run({
      code: `const res = await fetch('${server.origin}/json');
             return { status: res.status, ok: res.ok, type: res.headers.get('Content-Type'), body: await res.json() };`,
      allowedHosts: [server.host],
    });
    expect(r).toMatchObject({
      ok: true,
      result: { status: 200, ok: true, type: "application/json", body: { status: "shipped", items: 2 } },
    });
  });

  it("sends method, headers and body, but never the script's Host or framing headers", async () => {
    const r = await run({
      code: `const res = await fetch('${server.origin}/echo', { method: 'POST', body: JSON.stringify({ a: 1 }),
               headers: { 'content-type': 'application/json', Host: 'evil.example', 'Transfer-Encoding': 'chunked', 'X-Api-Key': 'k' } });
             return await res.json();`,
      allowedHosts: [server.host],
    });
    expect(r.ok).toBe(true);
    const echoed = (r.ok ? r.result : {}) as {
      method: string;
      headers: Record<string, string>;
      body: string;
    };
    expect(echoed.method).toBe("POST");
    expect(echoed.body).toBe('{"a":1}');
    expect(echoed.headers.host).toBe(server.host);
    expect(echoed.headers["x-api-key"]).toBe("k");
    expect(echoed.headers["transfer-encoding"]).toBeUndefined();
  });

  it("follows a redirect to an allowed host", async () => {
    const r = await run({
      code: `const res = await fetch('${server.origin}/redirect?to=/json'); return [res.status, res.url.endsWith('/json')]`,
      allowedHosts: [server.host],
    });
    expect(r).toMatchObject({ ok: true, result: [200, true] });
  });

  it("forwards only safe headers when a redirect leads to another allowed host", async () => {
    const second = await startLoopbackTestServer();
    try {
      // Two allowed hosts: the first answers 307 (method and body kept) with a Location on the second.
      const target = `${second.origin}/echo`;
      const r = await run({
        code: `const res = await fetch('${server.origin}/redirect307?to=${encodeURIComponent(target)}', {
          method: 'POST',
          body: '{"a":1}',
          headers: { 'x-api-key': 'k-123', authorization: 'Bearer t-456', cookie: 'c=1', 'x-custom': 'v',
            accept: 'application/json', 'user-agent': 'bot/1', 'content-type': 'application/json' },
        });
        return res.json();`,
        allowedHosts: [server.host, second.host],
      });
      expect(r.ok).toBe(true);
      const echoed = (r.ok ? r.result : {}) as { method: string; headers: Record<string, string> };
      expect(echoed.method).toBe("POST");
      expect(echoed.headers["x-api-key"]).toBeUndefined();
      expect(echoed.headers.authorization).toBeUndefined();
      expect(echoed.headers.cookie).toBeUndefined();
      expect(echoed.headers["x-custom"]).toBeUndefined();
      expect(echoed.headers.accept).toBe("application/json");
      expect(echoed.headers["user-agent"]).toBe("bot/1");
      expect(echoed.headers["content-type"]).toBe("application/json");
      // A 302 after POST becomes a GET without a body: content-type no longer travels either.
      const get = await run({
        code: `const res = await fetch('${server.origin}/redirect?to=${encodeURIComponent(target)}', {
          method: 'POST', body: 'x', headers: { 'x-api-key': 'k-123', 'content-type': 'text/plain' } });
        return res.json();`,
        allowedHosts: [server.host, second.host],
      });
      const got = (get.ok ? get.result : {}) as { method: string; headers: Record<string, string> };
      expect(got.method).toBe("GET");
      expect(got.headers["x-api-key"]).toBeUndefined();
      expect(got.headers["content-type"]).toBeUndefined();
      // The same host keeps the script's headers.
      const same = await run({
        code: `const res = await fetch('${server.origin}/redirect?to=/echo', { headers: { 'x-api-key': 'k-123' } });
        return res.json();`,
        allowedHosts: [server.host],
      });
      expect((same.ok ? same.result : {}) as object).toMatchObject({ headers: { "x-api-key": "k-123" } });
    } finally {
      await second.close();
    }
  });

  it("caps the response size", async () => {
    const r = await run({ code: `await fetch('${server.origin}/big')`, allowedHosts: [server.host] });
    expect(r).toMatchObject({ ok: false, error: { kind: "runtime" } });
    if (!r.ok) expect(r.error.message).toMatch(/larger than 65536 bytes/);
  });

  it("ends the run on time when a request outlives the run's time limit", async () => {
    const r = await run({
      code: `try { await fetch('${server.origin}/slow') } catch (e) { return e.message }`,
      allowedHosts: [server.host],
      limits: { timeoutMs: 150, memoryMb: 16 },
    });
    // Either the run's wall clock ends it, or the fetch (whose deadline is the run's) fails first
    // and the script returns that error: which one wins is a race on a loaded machine. What matters
    // is that the slow response never holds the run past its limit.
    if (r.ok) expect(String(r.result)).toMatch(/took longer|no time left|cancelled/);
    else expect(r.error.kind).toBe("timeout");
    expect(r.ms).toBeLessThan(1000);
  });

  it("limits the number of requests in one run", async () => {
    const r = await run({
      code: `for (let i = 0; i < 11; i++) await fetch('${server.origin}/json'); return 'all sent'`,
      allowedHosts: [server.host],
      limits: { timeoutMs: 3000, memoryMb: 16 },
    });
    expect(r).toMatchObject({
      ok: false,
      error: { kind: "runtime", message: expect.stringMatching(/more than 10/) },
    });
  });
});

describe("checkSyntax", () => {
  it("accepts valid code and locates errors", async () => {
    expect(await sandbox.checkSyntax("const x = await fetch('https://a.example');\nreturn x.status")).toEqual(
      { ok: true },
    );
    expect(await sandbox.checkSyntax("return (1 + ;")).toMatchObject({ ok: false, line: 1, column: 13 });
    expect(await sandbox.checkSyntax("if (x) {\n  return 1;\n")).toMatchObject({
      ok: false,
      message: "Unexpected end of input",
      line: 3,
      column: 1,
    });
  });

  it("applies the sandbox's rule: one strict async function body, with `input` as its parameter", async () => {
    expect(await sandbox.checkSyntax("return 1; }); globalThis.x = 1; (async function () {")).toMatchObject({
      ok: false,
      line: 1,
      column: 11,
    });
    expect(await sandbox.checkSyntax("let input = 1")).toMatchObject({ ok: false, line: 1, column: 5 });
    expect(await sandbox.checkSyntax("with (input) {}")).toMatchObject({ ok: false, line: 1, column: 1 });
    expect(await sandbox.checkSyntax("await null; return input")).toEqual({ ok: true });
  });
});
