import { Worker } from "node:worker_threads";
import { emptyFlow, type Finding, type Flow } from "@benteng/shared";
import type { LintReply, LintRequest } from "./lintWorker.ts";

/**
 * Lints a flow on a worker thread: a big flow of long texts takes up to a second to lint, and an
 * author saving one every few seconds must not hold up webhooks and `/healthz` on the main thread.
 * One thread, started on first use and again after it fails; requests are answered in order.
 */
export function lintOffThread(flow: Flow, options: { linkAllowlist: string[] }): Promise<Finding[]> {
  const id = nextId++;
  const request: LintRequest = { id, flow, linkAllowlist: options.linkAllowlist };
  return new Promise<Finding[]>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    const w = thread();
    w.ref();
    w.postMessage(request);
  });
}

/**
 * Starts the thread and has it lint an empty flow, so the first author's save does not wait for
 * the thread to load the linter (about half a second). Failures show on the first real lint.
 */
export function warmLintThread(): void {
  lintOffThread(emptyFlow(), { linkAllowlist: [] }).catch(() => {});
}

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, { resolve: (f: Finding[]) => void; reject: (e: Error) => void }>();

function thread(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL("./lintWorker.ts", import.meta.url));
  w.unref();
  w.on("message", (reply: LintReply) => {
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    if (pending.size === 0) w.unref();
    if ("findings" in reply) p.resolve(reply.findings);
    else p.reject(new Error(`the linter failed: ${reply.error}`));
  });
  const fail = (e: Error) => {
    if (worker === w) worker = undefined;
    for (const [id, p] of pending) {
      pending.delete(id);
      p.reject(e);
    }
  };
  w.on("error", fail);
  w.on("exit", (code) => fail(new Error(`the lint thread stopped (exit code ${code})`)));
  worker = w;
  return w;
}
