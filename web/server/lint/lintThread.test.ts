import { emptyFlow, type Flow, lintFlow } from "@benteng/shared";
import { describe, expect, it } from "vitest";
import { lintOffThread } from "./lintThread.ts";

/** A flow of `blocks` buttons-then-message pairs with long texts: slow to lint on purpose. */
function bigFlow(blocks: number, chars: number): Flow {
  const flow = emptyFlow();
  const text = "Please confirm your order and the delivery address; we never ask for your PIN. ".repeat(
    Math.ceil(chars / 80),
  );
  let prev = "start";
  for (let i = 0; i < blocks; i += 2) {
    flow.nodes.push(
      {
        id: `b${i}`,
        type: "buttons",
        position: { x: 0, y: i * 100 },
        data: {
          body: text.slice(0, 1000),
          buttons: [
            { id: "x", title: "X" },
            { id: "y", title: "Y" },
          ],
        },
      },
      {
        id: `m${i}`,
        type: "message",
        position: { x: 300, y: i * 100 },
        data: { text: text.slice(0, chars) },
      },
    );
    flow.edges.push(
      { id: `a${i}`, source: prev, sourceHandle: "next", target: `b${i}` },
      { id: `x${i}`, source: `b${i}`, sourceHandle: "x", target: `m${i}` },
      { id: `y${i}`, source: `b${i}`, sourceHandle: "y", target: `m${i}` },
    );
    prev = `m${i}`;
  }
  return flow;
}

describe("lintOffThread", () => {
  it("finds what lintFlow finds, with the workspace's allowed websites", async () => {
    const flow = emptyFlow();
    flow.nodes.push({
      id: "m",
      type: "message",
      position: { x: 0, y: 0 },
      data: { text: "Log in at https://bank.example/verify to confirm your details. Send us your PIN." },
    });
    flow.edges.push({ id: "e", source: "start", sourceHandle: "next", target: "m" });
    for (const linkAllowlist of [[], ["bank.example"]]) {
      expect(await lintOffThread(flow, { linkAllowlist })).toEqual(lintFlow(flow, { linkAllowlist }));
    }
  });

  it("keeps the main thread free while a big flow is linted", async () => {
    const flow = bigFlow(400, 1000);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const findings = await lintOffThread(flow, { linkAllowlist: [] });
    clearInterval(timer);
    expect(findings.length).toBeGreaterThan(0);
    // Linting it on the main thread would have let no timer fire until it was done.
    expect(ticks).toBeGreaterThan(3);
  });

  it("answers concurrent requests each with its own flow's findings", async () => {
    const flows = [bigFlow(20, 200), emptyFlow(), bigFlow(40, 100)];
    const results = await Promise.all(flows.map((f) => lintOffThread(f, { linkAllowlist: [] })));
    results.forEach((r, i) => {
      expect(r).toEqual(lintFlow(flows[i] as Flow, { linkAllowlist: [] }));
    });
  });
});
