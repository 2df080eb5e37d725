export * from "./finding.ts";
export * from "./lintFlow.ts";
export * from "./policyRules.ts";
export type { LintNode, Rule, RuleContext, RuleHit } from "./rules/rule.ts";
