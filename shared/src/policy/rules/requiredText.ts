import { customerTextsOf, type Rule, type RuleHit } from "./rule.ts";

/** WhatsApp refuses interactive messages with an empty body or title, and an empty message is a bug. */
export const requiredText: Rule = {
  id: "requiredText",
  severity: "error",
  description:
    "Required customer-facing texts (message text, body, button and row titles) must not be empty.",
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const node of ctx.nodes) {
      for (const t of customerTextsOf(node)) {
        if (!t.required || t.text.trim() !== "") continue;
        hits.push({
          blockId: node.id,
          field: t.field,
          message: `${t.label} is empty. WhatsApp needs some text here; write what the customer should read.`,
        });
      }
    }
    return hits;
  },
};
