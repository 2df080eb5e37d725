import { describe, expect, it } from "vitest";
import { lintFlow } from "../lintFlow.ts";
import { testFlow } from "../testFlow.ts";

const hits = (text: string, linkAllowlist?: string[]) =>
  lintFlow(testFlow([{ id: "m", type: "message", data: { text } }]), { linkAllowlist }).filter(
    (f) => f.ruleId === "linkOutsideAllowlist",
  );

describe("linkOutsideAllowlist", () => {
  it("warns about a host not on the allow-list, and accepts its subdomains once listed", () => {
    expect(hits("Track: https://track.example.com/1")).toMatchObject([{ severity: "warning" }]);
    expect(hits("Track: https://track.example.com/1", ["example.com"])).toEqual([]);
    expect(hits("Track: https://notexample.com/1", ["example.com"])).toHaveLength(1);
  });

  it("checks media links too", () => {
    const flow = testFlow([
      { id: "m", type: "message", data: { text: "Menu", mediaUrl: "https://cdn.other.net/a.pdf" } },
    ]);
    expect(
      lintFlow(flow, { linkAllowlist: ["example.com"] }).filter((f) => f.ruleId === "linkOutsideAllowlist"),
    ).toMatchObject([{ field: "mediaUrl" }]);
  });
});
