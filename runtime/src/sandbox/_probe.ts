import { createSandbox } from "./index.ts";

const sb = createSandbox({ maxIsolatesPerWorkspace: 1 });
const base = {
  workspaceId: "w1",
  input: { a: 1 },
  limits: { timeoutMs: 400, memoryMb: 16 },
  allowedHosts: [],
  secrets: {},
};
const codes = [
  "let s='x'; for(;;) s+=s;",
  "let s='x'; for(let i=0;;i++){ s+=s; s.charCodeAt(1) } ",
  "const b = new ArrayBuffer(2**30); return b.byteLength",
  "const a=[]; for(;;) a.push(new ArrayBuffer(1024*1024)); ",
  "const f = n => f(n+1); f(0)",
  "let o={}; for(let i=0;i<1e5;i++) o={o}; return o",
  "return await import('fs')",
  "return /^(a+)+$/.test('a'.repeat(40)+'b')",
  "Error.prepareStackTrace = (e, f) => f.map(x => typeof x.getThis); return new Error('x').stack",
  "/secret(\\w+)/.exec('secretABC'); return 1",
  "return [typeof RegExp.$1, RegExp.lastMatch, Error.stackTraceLimit]",
  "const g = Function('return this')(); return g === undefined ? 'undef' : Object.getOwnPropertyNames(g)",
  "return log.constructor('return globalThis')()",
  "return fetch.constructor('return 1')",
  "return (async()=>{}).constructor('return 1')",
  "return Object.getPrototypeOf(function*(){}).constructor('yield 1')",
  "return [typeof process, typeof require, typeof module, typeof globalThis.global, typeof Buffer, typeof setTimeout, typeof queueMicrotask]",
  "Object.prototype.copy = true; return 1",
  'return JSON.parse(\'{"__proto__": {"polluted": 1}}\')',
  "return new Proxy({}, { ownKeys(){ for(;;); } })",
  "return { then(r){ r(42) } }",
  "throw { get message(){ for(;;); } }",
  "return eval('1+1')",
  "return typeof new Compartment().globalThis",
  "return typeof Symbol.for('x').description",
  "return [typeof lockdown, typeof harden, typeof Compartment, typeof assert]",
  "return Error.captureStackTrace",
  "const e = new Error('x'); return Object.getOwnPropertyNames(e)",
];
for (const code of codes) {
  const r = await sb.run({ ...base, code });
  console.log(code.slice(0, 70), "\n   →", JSON.stringify(r).slice(0, 300));
}
await sb.close();
