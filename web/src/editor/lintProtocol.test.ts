import { emptyFlow } from "@benteng/shared";
import { describe, expect, it } from "vitest";
import { LintClient, type LintPort, type LintRequest } from "./lintProtocol.ts";

function fakePort() {
  const sent: LintRequest[] = [];
  const port: LintPort = { postMessage: (r) => sent.push(r), onmessage: null, terminate: () => {} };
  const answer = (i: number, message: string) =>
    port.onmessage?.({
      data: { seq: sent[i]?.seq ?? -1, problems: [{ ruleId: "r", severity: "error", message }] },
    });
  return { port, sent, answer };
}

describe("LintClient", () => {
  it("lints one flow at a time and, of the edits made meanwhile, only the newest", () => {
    const { port, sent, answer } = fakePort();
    const results: [string, boolean][] = [];
    const client = new LintClient(port, (p, current) => results.push([p[0]?.message ?? "", current]));
    const flow = emptyFlow();
    client.lint(flow, []);
    client.lint(flow, ["a.example"]);
    client.lint(flow, ["b.example"]);
    expect(sent).toHaveLength(1);
    answer(0, "first");
    // The answer to the first is shown but known to be stale; the newest edit is linted next.
    expect(results).toEqual([["first", false]]);
    expect(sent.map((r) => r.linkAllowlist)).toEqual([[], ["b.example"]]);
    answer(1, "newest");
    expect(results.at(-1)).toEqual(["newest", true]);
    expect(sent).toHaveLength(2);
  });
});
