import { describe, expect, it } from "vitest";
import { lintFlow } from "../../policy/lintFlow.ts";
import { flowSchema } from "../flowSchema.ts";
import { flowTemplateIds, flowTemplates } from "./flowTemplates.ts";

describe("starter templates", () => {
  it.each(flowTemplateIds)("%s is a valid document that passes every check", (id) => {
    const flow = flowSchema.parse(flowTemplates[id].build());
    expect(lintFlow(flow).map((f) => `${f.severity} ${f.ruleId} ${f.blockId ?? ""}: ${f.message}`)).toEqual(
      [],
    );
  });
});
