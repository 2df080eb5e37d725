import { describe, expect, it } from "vitest";
import { scriptPlaceholderData } from "../../blocks/scriptPrivilege.ts";
import { lintFlow } from "../lintFlow.ts";
import { testFlow } from "../testFlow.ts";

describe("scriptNeeded", () => {
  it("flags a script placeholder as an error until a developer writes it", () => {
    const flow = testFlow([
      { id: "todo", type: "script", data: scriptPlaceholderData() },
      { id: "done", type: "script", data: { ...scriptPlaceholderData(), code: "return {};" } },
    ]);
    const hits = lintFlow(flow).filter((f) => f.ruleId === "scriptNeeded");
    expect(hits.map((f) => f.blockId)).toEqual(["todo"]);
    expect(hits[0]?.severity).toBe("error");
  });
});
