import { type ScriptData, scriptDataSchema } from "../../blocks/script.ts";
import { isScriptPlaceholder } from "../../blocks/scriptPrivilege.ts";
import type { Rule, RuleHit } from "./rule.ts";

/**
 * A "script needed" placeholder (a script block with no code yet) is work handed to a developer:
 * the flow cannot go to review until one has written it.
 */
export const scriptNeeded: Rule = {
  id: "scriptNeeded",
  severity: "error",
  description: "A “script needed” placeholder must be filled in by a developer before the flow is submitted.",
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const node of ctx.nodes) {
      if (node.type !== "script") continue;
      const data = scriptDataSchema.safeParse(node.data);
      if (!data.success || !isScriptPlaceholder(data.data as ScriptData)) continue;
      hits.push({
        blockId: node.id,
        field: "code",
        message: "Script needed: a developer must write this script before the flow can be submitted.",
      });
    }
    return hits;
  },
};
