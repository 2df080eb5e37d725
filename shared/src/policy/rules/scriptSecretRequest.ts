import { scriptStringsOf } from "../script/scriptStringsOf.ts";
import { detectOnce, type Rule, type RuleHit } from "./rule.ts";

/**
 * A script's output reaches customers through variables, so a request for a secret can be spelled
 * out in code ("Send your " + "P" + "IN") to slip past the text rules. The runtime re-checks every
 * filled-in message too; this rule catches it before review.
 */
export const scriptSecretRequest: Rule = {
  id: "scriptSecretRequest",
  severity: "error",
  description:
    "No string a script spells out (literals, + chains, templates) asks for a password, PIN, CVV, OTP or card number.",
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const node of ctx.nodes) {
      // Any block with code counts, whatever its type is called, so a new code-running block is covered from day one.
      const code = node.data.code;
      if (typeof code !== "string" || code === "") continue;
      const seen = new Set<string>();
      for (const s of scriptStringsOf(code)) {
        const [first] = detectOnce(ctx, s.text).findings;
        const key = `${s.start}:${s.end}`;
        if (!first || seen.has(key)) continue;
        seen.add(key);
        hits.push({
          blockId: node.id,
          field: "code",
          message: `The script builds the text "${clip(s.text)}". ${first.explanation}`,
          span: { start: s.start, end: s.end },
        });
      }
    }
    return hits;
  },
};

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > 80 ? `${oneLine.slice(0, 77)}…` : oneLine;
}
