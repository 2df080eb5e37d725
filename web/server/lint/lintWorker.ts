// The thread `lintOffThread` (lintThread.ts) lints on: one flow per message, answered in order.
import { parentPort } from "node:worker_threads";
import { type Finding, type Flow, lintFlow } from "@benteng/shared";

export interface LintRequest {
  id: number;
  flow: Flow;
  linkAllowlist: string[];
}
export type LintReply = { id: number; findings: Finding[] } | { id: number; error: string };

const port = parentPort;
if (port) {
  port.on("message", (request: LintRequest) => {
    let reply: LintReply;
    try {
      reply = { id: request.id, findings: lintFlow(request.flow, { linkAllowlist: request.linkAllowlist }) };
    } catch (e) {
      reply = { id: request.id, error: e instanceof Error ? e.message : String(e) };
    }
    port.postMessage(reply);
  });
}
