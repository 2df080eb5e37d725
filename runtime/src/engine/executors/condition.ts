import type { ConditionData } from "@benteng/shared";
import { compileAuthorPattern, fillTemplate } from "@benteng/shared";
import type { Executor } from "../executor.ts";

type Rule = ConditionData["branches"][number]["rules"][number];

/** Longer than any number a customer means; checked before the number pattern runs. */
const MAX_NUMBER_TEXT = 64;

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
    // The pattern is the designer's, never filled from variables: customer text must not become a
    // pattern. It runs on RE2's linear-time engine, and only on values up to MAX_PATTERN_INPUT long.
    const pattern = compileAuthorPattern(rule.value, { ignoreCase: true });
    if (!pattern.ok) {
      log(`the pattern cannot be used (${pattern.reason}); the rule does not hold`);
      return false;
    }
    return pattern.test(actual);
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
  if (text.length > MAX_NUMBER_TEXT) return undefined;
  const t = text.trim();
  if (!/^[-+]?(?:\d+(?:\.\d*)?|\.\d+)$/.test(t)) return undefined;
  return Number(t);
}
