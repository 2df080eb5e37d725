// Evaluated once inside every pooled isolate, after SES's own source and before any script.
// Plain JavaScript because it runs inside V8 isolates, not in Node; warmIsolate.ts loads it.
//
// Why this design: a fresh isolate (~1.1 ms) or context (~0.85 ms) per run misses the 0.2 ms budget,
// so the isolate's realm is frozen once (SES lockdown) and every run gets a fresh Compartment, i.e. a
// fresh global object over frozen shared intrinsics. A run can only write to objects it created, and
// nothing it creates is reachable from the next run: the intrinsics are frozen, the capabilities are
// per run, and the few things that could carry work or data into a later run (FinalizationRegistry
// callbacks, WeakRef, SharedArrayBuffer/Atomics, WebAssembly whose memory escapes memoryLimit) are
// removed before SES captures the intrinsics.

(() => {
  const g = globalThis;
  // Host callbacks arrive as globals; capture them in this closure and remove every trace, so no
  // script can name an isolated-vm object.
  const hostLog = g.__bentengHostLog;
  // An isolated-vm Reference to the host's fetch: its apply() lets the isolate await a host promise.
  const hostFetchRef = g.__bentengHostFetch;
  // How a body becomes source text (scriptSource.ts owns it, so the syntax checker compiles the same).
  const frame = JSON.parse(g.__bentengScriptFrame);
  delete g.__bentengHostLog;
  delete g.__bentengHostFetch;
  delete g.__bentengScriptFrame;
  // V8's own AsyncFunction constructor, taken before lockdown makes it inert. It is only ever used to
  // check a body (the functions it makes are never called: they would see this realm's global).
  const AsyncFunctionCtor = Object.getPrototypeOf(async () => {}).constructor;

  g.lockdown({
    errorTaming: "safe",
    // "severe" lets scripts assign e.g. `obj.toString = …` on their own objects without tripping
    // over frozen prototypes, at no cost to isolation.
    overrideTaming: "severe",
    consoleTaming: "safe",
    stackFiltering: "concise",
    evalTaming: "safe-eval",
    reporting: "none",
  });

  // Captured after lockdown: all of these are frozen, so a script cannot swap them under us.
  const { stringify, parse } = JSON;
  const { freeze, create, keys } = Object;
  const Compartment = g.Compartment;
  const harden = g.harden;
  // Only the start compartment has it: the V8 stack of an error, which scripts cannot read.
  const getStackString = g.getStackString;
  const { exec } = RegExp.prototype;
  const { split } = String.prototype;
  const { apply } = Reflect;
  const SharedDate = g.Date;
  const SharedMath = g.Math;
  const TypeErrorCtor = TypeError;
  const ErrorCtor = Error;
  const SyntaxErrorCtor = SyntaxError;
  const RangeErrorCtor = RangeError;
  const MAX_MESSAGE = 2000;
  // Built with a null prototype and frozen, as isolated-vm reads transfer options by plain property
  // lookup (defence in depth: after lockdown Object.prototype cannot be polluted anyway).
  const fetchApplyOptions = freeze({ __proto__: null, result: freeze({ __proto__: null, promise: true }) });

  /** A readable message for anything a script throws, without trusting its shape. */
  const describe = (e) => {
    try {
      if (typeof e === "string") return e.slice(0, MAX_MESSAGE);
      if (e !== null && typeof e === "object") {
        const message = e.message;
        const name = e.name;
        if (typeof message === "string") {
          const prefix = typeof name === "string" && name !== "" && name !== "Error" ? `${name}: ` : "";
          return `${prefix}${message}`.slice(0, MAX_MESSAGE);
        }
      }
      return `a non-Error value was thrown: ${String(e).slice(0, MAX_MESSAGE)}`;
    } catch {
      return "a value was thrown whose message could not be read";
    }
  };

  // Frames of the script's own code carry the frame's source URL: "(script.js:L:C)" or "at script.js:L:C".
  // Found by position, not by a pattern built from the URL: every pattern here is a checked literal.
  const urlMark = `${frame.url}:`;
  const { indexOf, lastIndexOf, slice } = String.prototype;
  const lineAndColumn = /^(\d{1,9}):(\d{1,9})\)?$/;
  const leadingLine = /^\d{1,9}/;
  const toBodyLine = (line) => line - frame.firstLine + 1;

  /** {line, column} of a stack line that names the script's own code, else undefined. */
  const framePosition = (stackLine) => {
    const at = apply(lastIndexOf, stackLine, [urlMark]);
    if (at < 0) return undefined;
    const opener = apply(slice, stackLine, [at >= 3 ? at - 3 : 0, at]);
    if (opener !== "at " && opener[opener.length - 1] !== "(") return undefined;
    const m = apply(exec, lineAndColumn, [apply(slice, stackLine, [at + urlMark.length])]);
    return m ? { line: Number(m[1]), column: Number(m[2]) } : undefined;
  };

  /** Where in the developer's code an Error was thrown: the innermost frame of the script itself. */
  const positionOf = (e) => {
    try {
      if (!(e instanceof ErrorCtor)) return undefined;
      const lines = apply(split, getStackString(e), ["\n"]);
      for (let i = 0; i < lines.length && i < 50; i++) {
        const p = framePosition(lines[i]);
        if (p && toBodyLine(p.line) >= 1) return { line: toBodyLine(p.line), column: p.column };
      }
    } catch {
      // A Proxy or a getter on the thrown value: no position, the message still says what happened.
    }
    return undefined;
  };

  /**
   * The script as a function, never run here. V8's Function constructor parses the body as exactly
   * one function body: a body that closes the function early ("return 1; }); globalThis.x = 1; (…")
   * is a SyntaxError there. Only a body it accepted is put into the frame, and the same tokens in the
   * same context cannot parse any other way; the Compartment then evaluates that text (strict, with
   * SES's own checks for import() and HTML comments) in the run's own global scope.
   */
  const compile = (compartment, code) => {
    new AsyncFunctionCtor("input", `"use strict";\n${code}`);
    return compartment.evaluate(`${frame.prefix}${code}${frame.suffix}`);
  };

  /** {kind:"syntax", message, line?} for a body that did not compile; SES names the line it refused. */
  const syntaxFailure = (e) => {
    const message = describe(e);
    // SES says where it refused a body as " at script.js:L".
    const at = apply(indexOf, message, [` at ${urlMark}`]);
    const m = at < 0 ? null : apply(exec, leadingLine, [apply(slice, message, [at + urlMark.length + 4])]);
    if (!m) return { kind: "syntax", message };
    const line = toBodyLine(Number(m[0]));
    const cleaned = `${message.slice(0, at)}${message.slice(at + urlMark.length + 4 + m[0].length)}`;
    return line >= 1
      ? { kind: "syntax", message: cleaned, line, column: 1 }
      : { kind: "syntax", message: cleaned };
  };

  const formatLogArg = (v) => {
    if (typeof v === "string") return v;
    try {
      const s = stringify(v);
      return s === undefined ? String(v) : s;
    } catch {
      try {
        return String(v);
      } catch {
        return "[unprintable]";
      }
    }
  };

  // JSON drops functions and symbols silently; refusing them makes a mistake visible instead.
  const rejectNonJson = (_key, value) => {
    const t = typeof value;
    if (t === "function" || t === "symbol" || t === "bigint") throw new TypeErrorCtor(`a ${t} is not JSON`);
    return value;
  };

  const copyHeaders = (headers) => {
    const out = create(null);
    if (headers === undefined || headers === null) return out;
    if (typeof headers !== "object") throw new TypeErrorCtor("fetch: headers must be a plain object");
    for (const k of keys(headers)) out[String(k)] = String(headers[k]);
    return out;
  };

  const makeResponse = (reply) => {
    const headerMap = freeze({ ...reply.headers });
    const text = reply.text;
    return harden({
      status: reply.status,
      ok: reply.status >= 200 && reply.status < 300,
      url: reply.url,
      headers: {
        get: (name) => {
          const v = headerMap[String(name).toLowerCase()];
          return v === undefined ? null : v;
        },
        has: (name) => headerMap[String(name).toLowerCase()] !== undefined,
        toJSON: () => headerMap,
      },
      text: async () => text,
      json: async () => parse(text),
    });
  };

  /**
   * A fresh Compartment with its own capabilities, bound to a run only when the run starts. One is
   * prepared while the isolate is idle (after the previous run ended, so that run can never reach
   * it), which takes compartment creation off the critical path of the next run.
   */
  const makeSlot = () => {
    const state = create(null);
    state.token = 0;
    state.started = false;
    state.finished = false;
    state.logChars = 0;
    state.logTruncated = false;
    state.hostCalls = 0;
    state.maxLogChars = 0;
    state.secretValues = create(null);

    const log = (...args) => {
      if (!state.started || state.finished || state.logTruncated) return;
      let line = args.map(formatLogArg).join(" ");
      if (state.logChars + line.length > state.maxLogChars) {
        line = `${line.slice(0, Math.max(0, state.maxLogChars - state.logChars))} [log limit reached; later lines dropped]`;
        state.logTruncated = true;
      }
      state.logChars += line.length;
      hostLog(state.token, line);
    };

    const fetch = async (url, init) => {
      if (!state.started || state.finished) throw new ErrorCtor("fetch: the script has already finished");
      const options = init === undefined || init === null ? {} : init;
      if (typeof options !== "object")
        throw new TypeErrorCtor("fetch: the second argument must be an object");
      const body = options.body;
      if (body !== undefined && body !== null && typeof body !== "string")
        throw new TypeErrorCtor("fetch: body must be a string (use JSON.stringify)");
      const request = stringify({
        url: String(url),
        method: options.method === undefined ? "GET" : String(options.method),
        headers: copyHeaders(options.headers),
        body: body === undefined || body === null ? null : body,
      });
      // The host always resolves (never rejects) so that a failed fetch is an exception here,
      // inside the isolate, and never an unhandled rejection in the host.
      state.hostCalls++;
      let replyJson;
      try {
        replyJson = await hostFetchRef.apply(undefined, [state.token, request], fetchApplyOptions);
      } finally {
        state.hostCalls--;
      }
      const reply = parse(replyJson);
      if (!reply.ok) throw new ErrorCtor(`fetch: ${reply.message}`);
      return makeResponse(reply);
    };

    const secrets = harden({
      get: (name) => {
        const key = String(name);
        const value = state.secretValues[key];
        if (typeof value !== "string")
          throw new ErrorCtor(`secrets.get: "${key}" is not declared by this script block`);
        return value;
      },
    });

    const compartment = new Compartment({
      __options__: true,
      globals: {
        log: harden(log),
        console: harden({ log, info: log, warn: log, error: log, debug: log }),
        fetch: harden(fetch),
        secrets,
        // The shared Date and Math: frozen, but with a working clock and Math.random, which
        // business scripts need (compartments otherwise get tamed versions that throw).
        Date: SharedDate,
        Math: SharedMath,
      },
    });
    return { compartment, state };
  };

  let prepared = null;
  const prepare = () => {
    if (prepared === null) prepared = makeSlot();
  };

  /**
   * Runs one script. Returns a promise of one string: "R" + JSON of the result, or "E" + JSON of
   * {kind, message}. Everything crosses the boundary as strings, so no transfer options are involved.
   */
  const run = (token, code, inputJson, secretsJson, maxOutputChars, maxLogChars) => {
    const fail = (kind, message, position) => `E${stringify({ kind, message, ...position })}`;
    let slot;
    let fn;
    try {
      slot = prepared ?? makeSlot();
      prepared = null;
      const { state } = slot;
      state.token = token;
      state.maxLogChars = maxLogChars;
      const given = parse(secretsJson);
      for (const k of keys(given)) state.secretValues[k] = given[k];
      state.started = true;
      fn = compile(slot.compartment, code);
    } catch (e) {
      if (slot) slot.state.finished = true;
      if (!(e instanceof SyntaxErrorCtor)) return Promise.resolve(fail("runtime", describe(e)));
      return Promise.resolve(`E${stringify(syntaxFailure(e))}`);
    }

    const finish = async () => {
      let value;
      try {
        value = await fn(parse(inputJson));
      } catch (e) {
        // Large ArrayBuffers are refused with a catchable RangeError instead of hitting the heap limit.
        if (e instanceof RangeErrorCtor && describe(e).includes("allocation failed"))
          return fail("memory", `the script could not allocate more memory: ${describe(e)}`);
        return fail("runtime", describe(e), positionOf(e));
      }
      let out;
      try {
        out = stringify(value === undefined ? null : value, rejectNonJson);
      } catch (e) {
        return fail("output-schema", `the result cannot be turned into JSON: ${describe(e)}`);
      }
      if (out === undefined) return fail("output-schema", "the result cannot be turned into JSON");
      if (out.length > maxOutputChars)
        return fail("output-limit", `the result is larger than the limit of ${maxOutputChars} bytes`);
      return `R${out}`;
    };
    return finish().then(
      (s) => {
        slot.state.finished = true;
        // "P": host calls are still in flight, whose continuations would run during a later run;
        // the host must not reuse this isolate.
        return slot.state.hostCalls > 0 ? `P${s}` : s;
      },
      (e) => {
        slot.state.finished = true;
        const envelope = fail("runtime", describe(e));
        return slot.state.hostCalls > 0 ? `P${envelope}` : envelope;
      },
    );
  };

  // The synchronous entry (used by the sandbox process, see warmIsolate.ts): start() runs a script
  // as far as it goes without waiting on the host; its microtasks run before the call returns, so a
  // script that did not await fetch has settled, and take() hands over its envelope. Otherwise
  // wait() returns the promise to await asynchronously.
  let current = null;
  let settledEnvelope;
  const start = (...args) => {
    settledEnvelope = undefined;
    current = run(...args);
    current.then((envelope) => {
      settledEnvelope = envelope;
    });
  };
  const take = () => {
    const envelope = settledEnvelope;
    if (envelope !== undefined) current = null;
    settledEnvelope = undefined;
    return envelope;
  };
  const wait = () => {
    const p = current;
    current = null;
    return p;
  };

  g.__bentengPrepare = prepare;
  g.__bentengRun = run;
  g.__bentengStart = start;
  g.__bentengTake = take;
  g.__bentengWait = wait;
  // A realm-level self-check the host reads once: proves lockdown ran and the removals held.
  g.__bentengRealmReport = stringify({
    frozen: Object.isFrozen(Object.prototype) && Object.isFrozen(Function.prototype),
    removed: ["WebAssembly", "SharedArrayBuffer", "Atomics", "FinalizationRegistry", "WeakRef"].filter(
      (n) => g[n] === undefined,
    ),
  });
})();
