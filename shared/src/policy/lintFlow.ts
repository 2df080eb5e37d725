import type { Flow } from "../flow/flowSchema.ts";
import type { Finding } from "./finding.ts";
import { policyRules } from "./policyRules.ts";
import { buildRuleContext, type Rule } from "./rules/rule.ts";

export interface LintContext {
  /** Hosts customer-facing links may point to (subdomains included); others get a warning. */
  linkAllowlist?: string[];
  /** The rules to run; every rule when absent. */
  rules?: readonly Rule[];
}

/**
 * Runs every policy rule on a flow. Never throws: a rule that crashes on odd data is reported as a
 * finding instead, so the editor keeps working and publishing stays blocked until it is looked at.
 * @example lintFlow(emptyFlow()) // → one deadEnd warning: the Start block's "Next" leads nowhere yet
 */
export function lintFlow(flow: Flow, context: LintContext = {}): Finding[] {
  let ctx: ReturnType<typeof buildRuleContext>;
  try {
    ctx = buildRuleContext(flow, context.linkAllowlist);
  } catch (e) {
    return [internalFailure("lintFlow", e)];
  }
  const findings: Finding[] = [];
  for (const rule of context.rules ?? policyRules) {
    try {
      for (const hit of rule.check(ctx)) findings.push({ ruleId: rule.id, severity: rule.severity, ...hit });
    } catch (e) {
      findings.push(internalFailure(rule.id, e));
    }
  }
  return findings;
}

// An error, not a warning: a rule we could not run is a check we could not pass.
function internalFailure(ruleId: string, e: unknown): Finding {
  return {
    ruleId,
    severity: "error",
    message: `The "${ruleId}" check could not run on this flow (${e instanceof Error ? e.message : String(e)}). Please report this; publishing stays blocked until it can run.`,
  };
}
