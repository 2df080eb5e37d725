import { describe, expect, it } from "vitest";
import { emptyFlow, type Flow } from "../flow/flowSchema.ts";
import { findingSchema } from "./finding.ts";
import { lintFlow } from "./lintFlow.ts";
import { SAFETY_NOTICE } from "./safetyNotice.ts";
import { testFlow } from "./testFlow.ts";

const greeting = (text: string) =>
  testFlow(
    [
      { id: "start", type: "start" },
      { id: "hello", type: "message", data: { text } },
      { id: "bye", type: "end" },
    ],
    ["start:next>hello", "hello:next>bye"],
  );

describe("lintFlow", () => {
  it("finds nothing in a small, sound flow that carries the safety notice", () => {
    expect(lintFlow(greeting(`Hi! ${SAFETY_NOTICE}`))).toEqual([]);
  });

  it("shows the error as the marketer types a request, and clears it when it becomes a warning", () => {
    const typed = lintFlow(greeting("Please send us your PIN"));
    expect(typed).toMatchObject([{ ruleId: "secretRequestInText", severity: "error", blockId: "hello" }]);
    expect(lintFlow(greeting("We will never ask for your PIN"))).toEqual([]);
  });

  it("returns findings that match the published schema", () => {
    const flow = greeting("Send your OTP to bit.ly/x {{missing}}");
    const findings = lintFlow(flow);
    expect(new Set(findings.map((f) => f.ruleId))).toEqual(
      new Set(["secretRequestInText", "linkShortener", "linkOutsideAllowlist", "undefinedVariable"]),
    );
    for (const f of findings) expect(findingSchema.parse(f)).toEqual(f);
  });

  it("warns that a new flow's start leads nowhere yet", () => {
    expect(lintFlow(emptyFlow())).toMatchObject([
      { ruleId: "deadEnd", severity: "warning", blockId: "start" },
    ]);
  });

  it("never throws, even on a document that skipped validation", () => {
    const broken = [
      { nodes: [{ id: "b", type: "buttons", data: null }], edges: [], variables: [] },
      { nodes: [{ id: "l", type: "list", data: { sections: [null] } }], edges: [{ source: "l" }] },
      { nodes: "nope" },
      null,
    ] as unknown as Flow[];
    for (const flow of broken) {
      let findings: ReturnType<typeof lintFlow> = [];
      expect(() => {
        findings = lintFlow(flow);
      }).not.toThrow();
      // A check that could not run is an error, so a broken flow can never be published.
      expect(findings.some((f) => f.severity === "error")).toBe(true);
    }
  });
});
