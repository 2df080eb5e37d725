import { fillTemplate } from "@benteng/shared";
import type { ConditionData } from "@benteng/shared/blocks/condition";
import type { Executor } from "../executor.ts";

type Rule = ConditionData["branches"][number]["rules"][number];

// Bounds the work a designer's pattern can do on customer-provided variable values.
const MAX_MATCHED_LENGTH = 1000;

/** Takes the first branch whose rules hold, else "else". */
export const conditionExecutor: Executor<"condition"> = {
  enter(node, ctx) {
    for (const branch of node.data.branches) {
      const results = branch.rules.map((rule) =>
        holds(rule, ctx.state.variables, (l) => ctx.log(`condition ${node.id}: ${l}`)),
      );
      if (branch.combinator === "and" ? results.every(Boolean) : results.some(Boolean))
        return { next: branch.id };
    }
    return { next: "else" };
  },
};

function holds(rule: Rule, variables: Record<string, unknown>, log: (line: string) => void): boolean {
  const raw = variables[rule.variable];
  const isSet = raw !== undefined && raw !== null && raw !== "";
  if (rule.operator === "isSet") return isSet;
  if (rule.operator === "isNotSet") return !isSet;
  const actual =
    raw === undefined || raw === null ? "" : typeof raw === "object" ? JSON.stringify(raw) : String(raw);
  if (rule.operator === "matches") {
    // The pattern is the designer's, never filled from variables: customer text must not become a regex.
    if (actual.length > MAX_MATCHED_LENGTH) return false;
    try {
      return new RegExp(rule.value, "iu").test(actual);
    } catch {
      log(`"${rule.value}" is not a valid regular expression; the rule does not hold`);
      return false;
    }
  }
  const expected = fillTemplate(rule.value, variables);
  const a = asNumber(actual);
  const b = asNumber(expected);
  switch (rule.operator) {
    case "equals":
      return a !== undefined && b !== undefined ? a === b : same(actual, expected);
    case "notEquals":
      return a !== undefined && b !== undefined ? a !== b : !same(actual, expected);
    case "contains":
      return actual.toLocaleLowerCase().includes(expected.toLocaleLowerCase());
    case "greaterThan":
      return a !== undefined && b !== undefined && a > b;
    case "lessThan":
      return a !== undefined && b !== undefined && a < b;
  }
}

function same(a: string, b: string): boolean {
  return a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();
}

function asNumber(text: string): number | undefined {
  const t = text.trim();
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(t)) return undefined;
  return Number(t);
}
