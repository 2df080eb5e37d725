import { SAFETY_NOTICE } from "../safetyNotice.ts";
import { detectSecretRequest } from "../secretRequest/detectSecretRequest.ts";
import { customerTextsOf, detectOnce, type Rule, type RuleHit } from "./rule.ts";

/** The signature rule: no customer-facing text may ask for a password, PIN, CVV, OTP or card number. */
// The notice is a constant: judged once when this module loads, not on every keystroke's lint.
const NOTICE_FINDINGS = detectSecretRequest(SAFETY_NOTICE).findings;

export const secretRequestInText: Rule = {
  id: "secretRequestInText",
  severity: "error",
  description:
    "Customer-facing texts (messages, questions, buttons, list rows, headers, footers) must never ask for a password, PIN, CVV, one-time code or card number.",
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const node of ctx.nodes) {
      for (const t of customerTextsOf(node)) {
        for (const f of detectOnce(ctx, t.text).findings) {
          hits.push({
            blockId: node.id,
            field: t.field,
            message: `${t.label}: ${f.explanation}`,
            span: f.span,
          });
        }
      }
    }
    // The notice is fixed text today; checking it keeps a future edit of it from becoming a request.
    if (ctx.flow.settings?.safetyNotice) {
      for (const f of NOTICE_FINDINGS) {
        hits.push({
          field: "settings.safetyNotice",
          message: `Safety notice: ${f.explanation}`,
          span: f.span,
        });
      }
    }
    return hits;
  },
};
