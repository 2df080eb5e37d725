import { compileAuthorPattern } from "../../text/authorPattern.ts";
import type { Rule, RuleHit } from "./rule.ts";

/**
 * Patterns run on RE2, which is linear in the customer's text whatever the author wrote, but has no
 * lookarounds or backreferences. A pattern it cannot compile would fail every customer at run time
 * (a question re-prompts until it gives up), so it is refused when the flow is saved or linted.
 */
export const unsupportedPattern: Rule = {
  id: "unsupportedPattern",
  severity: "error",
  description: "Answer patterns and 'matches' conditions must be patterns the runtime can run.",
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const node of ctx.nodes) {
      if (node.type === "question") {
        const input = node.data.input as { type?: unknown; pattern?: unknown } | undefined;
        if (input?.type !== "pattern" || typeof input.pattern !== "string") continue;
        const compiled = compileAuthorPattern(input.pattern, { whole: true });
        if (!compiled.ok)
          hits.push({
            blockId: node.id,
            field: "input.pattern",
            message: `The answer pattern can't be used: ${compiled.reason}. Rewrite it without them (for example, list the allowed shapes with |).`,
          });
      } else if (node.type === "condition") {
        const branches = node.data.branches as Array<{
          rules?: Array<{ operator?: unknown; value?: unknown }>;
        }>;
        for (const [b, branch] of (branches ?? []).entries()) {
          for (const [r, rule] of (branch.rules ?? []).entries()) {
            // A value with {{variables}} is only known at run time; the engine refuses it then.
            if (rule.operator !== "matches" || typeof rule.value !== "string" || rule.value.includes("{{"))
              continue;
            const compiled = compileAuthorPattern(rule.value, { ignoreCase: true });
            if (!compiled.ok)
              hits.push({
                blockId: node.id,
                field: `branches.${b}.rules.${r}.value`,
                message: `Rule ${r + 1} of branch ${b + 1} has a pattern that can't be used: ${compiled.reason}.`,
              });
          }
        }
      }
    }
    return hits;
  },
};
