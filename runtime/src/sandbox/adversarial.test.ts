// Scripts written to break out of, crash or starve the sandbox, run through the production path
// (createSandbox with its default process isolation). Each asserts the outcome kind AND that the host
// is untouched; the last test checks the host's heap and event loop after the whole suite.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox, type ScriptRun } from "./createSandbox.ts";
import { type LoopbackTestServer, startLoopbackTestServer } from "./loopbackTestServer.ts";
import type { ScriptErrorKind, ScriptResult } from "./scriptResult.ts";

let sandbox: Sandbox;
let testMode: Sandbox;
let server: LoopbackTestServer;
const delay = monitorEventLoopDelay({ resolution: 10 });
let heapBefore = 0;
const hostPrototypeNames = () =>
  [Object.prototype, Array.prototype, Function.prototype, String.prototype, Promise.prototype].map((p) =>
    Object.getOwnPropertyNames(p).sort().join(","),
  );
let prototypesBefore: string[] = [];
const envKeysBefore = Object.keys(process.env).sort().join(",");

const dnsOverrides = {
  "api.example.com": ["93.184.215.14"],
  "internal.example.com": ["10.0.0.5"],
  "metadata.example.com": ["169.254.169.254"],
  "rebind.example.com": ["93.184.215.14", "192.168.1.10"],
  "v6loop.example.com": ["::1"],
  "mapped.example.com": ["::ffff:127.0.0.1"],
};

beforeAll(async () => {
  server = await startLoopbackTestServer();
  sandbox = createSandbox({ dnsOverrides });
  // Loopback allowed only to build redirect scenarios; private and metadata addresses stay refused.
  testMode = createSandbox({ dnsOverrides, allowLoopbackForTests: true });
  prototypesBefore = hostPrototypeNames();
  heapBefore = process.memoryUsage().heapUsed;
  delay.enable();
});

afterAll(async () => {
  delay.disable();
  await Promise.all([sandbox.close(), testMode.close(), server.close()]);
});

// Long enough that a busy machine does not turn a quick refusal or a stack overflow into a timeout.
const limits = { timeoutMs: 1500, memoryMb: 16 };
// Real HTTP to the loopback server: generous, so a busy CI machine does not turn a refusal into a timeout.
const fetchLimits = { timeoutMs: 5000, memoryMb: 16 };

function run(code: string, extra: Partial<ScriptRun> = {}, on: Sandbox = sandbox): Promise<ScriptResult> {
  return on.run({
    workspaceId: "attacker",
    code,
    input: { n: 1 },
    limits,
    allowedHosts: [],
    secrets: {},
    ...extra,
  });
}

function expectHostUntouched() {
  expect(hostPrototypeNames()).toEqual(prototypesBefore);
  expect({} as Record<string, unknown>).not.toHaveProperty("polluted");
  expect(Object.prototype).not.toHaveProperty("copy");
  expect(Object.keys(process.env).sort().join(",")).toBe(envKeysBefore);
}

function expectFailure(r: ScriptResult, kind: ScriptErrorKind, message?: RegExp) {
  expect(r.ok ? { ok: true, result: r.result } : r.error).toMatchObject({ kind });
  if (message && !r.ok) expect(r.error.message).toMatch(message);
  expectHostUntouched();
}

function expectResult(r: ScriptResult, result: unknown) {
  expect(r.ok ? r.result : r.error).toEqual(result);
  expectHostUntouched();
}

describe("climbing to the host", () => {
  it("1: this.constructor.constructor finds no host global", async () => {
    const r = await run(
      "const F = this?.constructor?.constructor ?? (() => {}).constructor; return F('return typeof process')()",
    );
    expectFailure(r, "runtime", /not a valid constructor/);
  });
  it("2: Function('return this')() is not a global with host objects", async () => {
    expectResult(
      await run(
        "const g = Function('return this')(); return g === undefined ? 'undefined' : typeof g.process",
      ),
      "undefined",
    );
  });
  it("3: a capability's constructor chain cannot evaluate code", async () => {
    expectFailure(
      await run("return log.constructor.constructor('return globalThis')()"),
      "runtime",
      /not a valid constructor/,
    );
  });
  it("4: the async function constructor is inert", async () => {
    expectFailure(await run("return (async () => {}).constructor('return process')()"), "runtime");
  });
  it("5: the input object's constructor chain leads nowhere", async () => {
    expectFailure(await run("return input.constructor.constructor('return process.env')()"), "runtime");
  });
  it("6: process, require, module, Buffer and timers do not exist", async () => {
    expectResult(
      await run(
        "return [typeof process, typeof require, typeof module, typeof Buffer, typeof setTimeout, typeof WebAssembly]",
      ),
      ["undefined", "undefined", "undefined", "undefined", "undefined", "undefined"],
    );
  });
  it("7: reading process.env is a runtime error", async () => {
    expectFailure(await run("return process.env"), "runtime", /undefined|not defined/);
  });
  it("8: require('fs') is a runtime error", async () => {
    expectFailure(
      await run("return require('fs').readFileSync('/etc/passwd', 'utf8')"),
      "runtime",
      /not a function|not defined/,
    );
  });
  it("9: dynamic import() is refused before the script runs", async () => {
    expectFailure(await run("return await import('node:fs')"), "syntax", /import/);
  });
  it("10: WebAssembly (whose memory escapes the limit) is gone", async () => {
    expectFailure(
      await run("return new WebAssembly.Memory({ initial: 65536 })"),
      "runtime",
      /undefined|not defined/,
    );
  });
});

describe("isolated-vm objects", () => {
  it("46: nothing of isolated-vm is reachable from the script's global object", async () => {
    const r = await run(`const names = Reflect.ownKeys(globalThis).map(String);
      const found = names.filter((n) => /benteng|ivm|callback|externalcopy|^reference$|^copy$/i.test(n));
      return { found, logIsPlain: Object.getPrototypeOf(log) === Function.prototype && !('deref' in log) && !('apply' in Object(fetch.deref)) }`);
    expectResult(r, { found: [], logIsPlain: true });
  });
});

describe("prototype pollution", () => {
  it("11: polluting Object.prototype inside the isolate fails and the host is unchanged", async () => {
    expectFailure(await run("Object.prototype.polluted = 'yes'; return 1"), "runtime", /not extensible/);
  });
  it("12: Object.prototype.copy (isolated-vm's transfer option) cannot be set", async () => {
    expectFailure(
      await run(
        "Object.defineProperty(Object.prototype, 'copy', { get() { return true } }); return { a: 1 }",
      ),
      "runtime",
    );
  });
  it("13: a __proto__ key in the result does not pollute the host", async () => {
    const r = await run(
      'return JSON.parse(\'{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 1}}}\')',
    );
    expect(r.ok).toBe(true);
    expectHostUntouched();
  });
  it("14: output validation strips __proto__ tricks too", async () => {
    const r = await run('return JSON.parse(\'{"ok": "fine", "__proto__": {"polluted": 1}}\')', {
      outputSchema: [{ name: "ok", type: "string", required: true }],
    });
    expectResult(r, { ok: "fine" });
  });
});

describe("traps in returned and thrown values", () => {
  it("15: a Proxy whose ownKeys trap never returns hits the wall-time limit", async () => {
    expectFailure(await run("return new Proxy({}, { ownKeys() { for (;;) {} } })"), "timeout");
  });
  it("16: a getter that throws in the result is an output error", async () => {
    expectFailure(
      await run("return { get boom() { throw new Error('gotcha') } }"),
      "output-schema",
      /gotcha/,
    );
  });
  it("17: a thenable that never settles hits the wall-time limit", async () => {
    expectFailure(await run("return { then() {} }"), "timeout");
  });
  it("18: a thenable whose then throws is a runtime error", async () => {
    expectFailure(await run("return { then() { throw new Error('then trap') } }"), "runtime", /then trap/);
  });
  it("19: a thrown object whose message getter loops forever hits the wall-time limit", async () => {
    expectFailure(await run("throw { get message() { for (;;) {} } }"), "timeout");
  });
  it("20: a thrown Proxy that throws on every access still yields a clean error", async () => {
    expectFailure(await run("throw new Proxy({}, { get() { throw 1 } })"), "runtime", /could not be read/);
  });
  it("21: functions, symbols, BigInts and cycles are refused as output", async () => {
    expectFailure(await run("return { f() {} }"), "output-schema");
    expectFailure(await run("return 10n"), "output-schema");
    expectFailure(await run("const a = {}; a.a = a; return a"), "output-schema", /circular/i);
  });
  it("22: Error.prepareStackTrace cannot reach call sites or host frames", async () => {
    const r = await run(
      "Error.prepareStackTrace = (e, frames) => frames.map((f) => typeof f.getThis); return String(new Error('x').stack)",
    );
    expectResult(r, "");
  });
});

describe("starving the host", () => {
  it("23: while(true) ends with a timeout", async () => {
    expectFailure(await run("while (true) {}"), "timeout");
  });
  it("24: an infinite loop that catches the termination still ends", async () => {
    expectFailure(await run("for (;;) { try { while (true) {} } catch {} }"), "timeout");
  });
  it("25: awaiting a promise that never settles ends with a timeout", async () => {
    expectFailure(await run("await new Promise(() => {})"), "timeout");
  });
  it("26: a microtask loop ends with a timeout", async () => {
    expectFailure(await run("for (;;) await null"), "timeout");
  });
  it("27: a microtask loop left running in the background after returning ends with a timeout", async () => {
    expectFailure(await run("(async () => { for (;;) await null })(); return 1"), "timeout");
  });
  it("28: the CPU-time limit stops a busy script before its wall-time limit", async () => {
    // Two workspaces: the first spin of a workspace runs on the sandbox process's thread, later ones on
    // isolate threads (see localExecutor.ts); the CPU limit must hold on both.
    for (const workspaceId of ["cpu-hog", "cpu-hog", "attacker"]) {
      const r = await run("for (;;) {}", {
        workspaceId,
        limits: { timeoutMs: 2000, cpuMs: 100, memoryMb: 16 },
      });
      expectFailure(r, "timeout", /CPU/);
      expect(r.ms).toBeLessThan(1500);
    }
  });
  it("29: a catastrophic regular expression ends with a timeout", async () => {
    expectFailure(await run("return /^(a+)+$/.test('a'.repeat(40) + 'b')"), "timeout");
  });
  it("30: deep recursion is a runtime error", async () => {
    expectFailure(await run("const f = (n) => f(n + 1) + 1; return f(0)"), "runtime", /call stack/);
  });
});

describe("exhausting memory and output", () => {
  it("31: a growing array of strings is stopped as out of memory, and the next run works", async () => {
    const r = await run("const a = []; for (let i = 0; ; i++) a.push('x'.repeat(100000) + i)", {
      limits: { timeoutMs: 5000, memoryMb: 16 },
    });
    expectFailure(r, "memory");
    expectResult(await run("return input.n + 1"), 2);
  });
  it("32: flattening a huge string (an allocation V8 cannot interrupt) restarts the sandbox, not the host", async () => {
    const r = await run("let s = 'xy'; for (;;) { s += s; s.charCodeAt(1) }", {
      limits: { timeoutMs: 5000, memoryMb: 16 },
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(["memory", "timeout"]).toContain(r.error.kind);
    expectResult(await run("return input.n + 2"), 3);
  });
  it("33: large ArrayBuffers are refused as out of memory", async () => {
    const r = await run("const a = []; for (;;) a.push(new ArrayBuffer(8 * 1024 * 1024))", {
      limits: { timeoutMs: 5000, memoryMb: 16 },
    });
    expectFailure(r, "memory");
  });
  it("34: a huge result is refused by size", async () => {
    expectFailure(await run("return 'x'.repeat(1024 * 1024)"), "output-limit");
  });
  it("35: the size limit counts bytes, not characters", async () => {
    expectFailure(
      await run("return 'é'.repeat(40000)", { limits: { ...limits, maxOutputBytes: 65536 } }),
      "output-limit",
    );
  });
  it("36: a log flood is cut at the log limit and the run still succeeds", async () => {
    const r = await run("for (let i = 0; i < 100000; i++) log('x'.repeat(100)); return 'done'", {
      // What is checked is the log limit: a busy machine's clock must not end the loop first.
      limits: { ...limits, timeoutMs: 5000, maxLogBytes: 2048 },
    });
    expectResult(r, "done");
    expect(r.logs.join("").length).toBeLessThan(2048 + 300);
    expect(r.logs.at(-1)).toMatch(/log limit/);
  });
});

describe("fetch to places a script must not reach", () => {
  it("37: 127.0.0.1 is refused even when declared, and nothing reaches the server", async () => {
    const before = server.hits.length;
    const r = await run(`return (await fetch('${server.origin}/json')).status`, {
      limits: fetchLimits,
      allowedHosts: [server.host],
    });
    expectFailure(r, "runtime", /loopback/);
    expect(server.hits.length).toBe(before);
  });
  it("38: private 10.x, metadata 169.254.169.254 and [::1] are refused", async () => {
    expectFailure(
      await run("await fetch('https://10.0.0.1/')", { limits: fetchLimits, allowedHosts: ["10.0.0.1"] }),
      "runtime",
      /private/,
    );
    expectFailure(
      await run("await fetch('http://169.254.169.254/latest/meta-data/')", {
        limits: fetchLimits,
        allowedHosts: ["169.254.169.254"],
      }),
      "runtime",
      /metadata/,
    );
    expectFailure(
      await run("await fetch('https://[::1]/')", { limits: fetchLimits, allowedHosts: ["::1"] }),
      "runtime",
      /loopback/,
    );
  });
  it("39: names that resolve to loopback, private, metadata or IPv4-mapped loopback are refused", async () => {
    expectFailure(
      await run("await fetch('https://localhost/')", { limits: fetchLimits, allowedHosts: ["localhost"] }),
      "runtime",
      /loopback/,
    );
    for (const [host, why] of [
      ["internal.example.com", /private/],
      ["metadata.example.com", /metadata/],
      ["v6loop.example.com", /loopback/],
      ["mapped.example.com", /loopback/],
      ["rebind.example.com", /private/],
    ] as const)
      expectFailure(
        await run(`await fetch('https://${host}/')`, { limits: fetchLimits, allowedHosts: [host] }),
        "runtime",
        why,
      );
  });
  it("40: a redirect to a private or metadata address is refused at the hop", async () => {
    for (const target of ["https://internal.example.com/", "http://169.254.169.254/latest/"]) {
      const r = await run(
        `return (await fetch('${server.origin}/redirect?to=${encodeURIComponent(target)}')).status`,
        {
          limits: fetchLimits,
          allowedHosts: [server.host, "internal.example.com", "169.254.169.254:80"],
        },
        testMode,
      );
      expectFailure(r, "runtime", /private|metadata/);
    }
  });
  it("41: a redirect to an undeclared host is refused", async () => {
    const r = await run(
      `return (await fetch('${server.origin}/redirect?to=${encodeURIComponent("https://evil.example.net/")}')).status`,
      { limits: fetchLimits, allowedHosts: [server.host] },
      testMode,
    );
    expectFailure(r, "runtime", /not one of this block's allowed hosts/);
  });
  it("42: undeclared hosts, custom ports, credentials and other schemes are refused", async () => {
    const allowedHosts = ["api.example.com"];
    expectFailure(
      await run("await fetch('https://evil.example.net/')", { limits: fetchLimits, allowedHosts }),
      "runtime",
      /allowed hosts/,
    );
    expectFailure(
      await run("await fetch('https://api.example.com:8443/')", { limits: fetchLimits, allowedHosts }),
      "runtime",
      /allowed hosts/,
    );
    expectFailure(
      await run("await fetch('https://user:pw@api.example.com/')", { limits: fetchLimits, allowedHosts }),
      "runtime",
      /credentials/,
    );
    expectFailure(
      await run("await fetch('file:///etc/passwd')", { limits: fetchLimits, allowedHosts }),
      "runtime",
      /file:/,
    );
    expectFailure(
      await run("await fetch('http://api.example.com/')", { limits: fetchLimits, allowedHosts }),
      "runtime",
      /https/,
    );
  });
  it("43: a failed fetch is an exception the script can catch, never a host crash", async () => {
    expectResult(
      await run(
        "try { await fetch('https://evil.example.net/') } catch (e) { return 'caught: ' + e.message.slice(0, 6) }",
      ),
      "caught: fetch:",
    );
  });
});

describe("secrets", () => {
  it("44: an undeclared secret cannot be read, nor enumerated", async () => {
    const r = await run(
      "const seen = Object.keys(secrets); try { secrets.get('DB_PASSWORD') } catch (e) { return [seen, e.message] }",
      { secrets: { API_KEY: "k" } },
    );
    expectResult(r, [["get"], 'secrets.get: "DB_PASSWORD" is not declared by this script block']);
  });
  it("45: prototype names do not reach secrets", async () => {
    expectFailure(await run("return secrets.get('__proto__')"), "runtime", /not declared/);
    expectFailure(await run("return secrets.get('constructor')"), "runtime", /not declared/);
  });
});

describe("the host after the whole suite", () => {
  it("keeps its event loop running while a script spins", async () => {
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    const r = await run("for (;;) {}", { limits: { timeoutMs: 600, memoryMb: 16 } });
    clearInterval(ticker);
    expectFailure(r, "timeout");
    // 60 ticks if nothing else ran; a loop blocked by the script would see one or two.
    expect(ticks).toBeGreaterThan(15);
  });

  it("keeps a healthy heap and event loop", async () => {
    // Host-side work is only validation and IPC: the heap may not grow by much, and the event loop
    // was never blocked for anything like a script's time limit. (Generous bounds: CI machines are
    // shared and vitest runs other files beside this one.)
    const grownMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
    expect(grownMb).toBeLessThan(64);
    expect(delay.percentile(50) / 1e6).toBeLessThan(50);
    expect(delay.percentile(99) / 1e6).toBeLessThan(500);
    expectResult(await run("return 'still fine'"), "still fine");
  });
});
