import { z } from "zod";
import { idSchema } from "../flow/ids.ts";
import { defineBlock } from "./blockDefinition.ts";

export const conditionOperatorSchema = z.enum([
  "equals",
  "notEquals",
  "contains",
  "greaterThan",
  "lessThan",
  "matches",
  "isSet",
  "isNotSet",
]);
export type ConditionOperator = z.infer<typeof conditionOperatorSchema>;

export const conditionRuleSchema = z.object({
  variable: z.string().max(64),
  operator: conditionOperatorSchema,
  /** Compared value; may contain {{variables}}. Ignored by isSet / isNotSet. */
  value: z.string().max(1000).default(""),
});

/** A branch: taken when its rules hold (all of them with "and", any with "or"). */
export const conditionBranchSchema = z.object({
  id: idSchema,
  label: z.string().max(60).default(""),
  combinator: z.enum(["and", "or"]).default("and"),
  rules: z.array(conditionRuleSchema).min(1).max(20),
});

export const conditionDataSchema = z.object({
  /** Checked in order; the first that holds is taken; none → "else". */
  branches: z.array(conditionBranchSchema).min(1).max(10),
});
export type ConditionData = z.infer<typeof conditionDataSchema>;

export const conditionBlock = defineBlock({
  type: "condition",
  label: "Condition",
  description: "Takes a path depending on variables; the else path when no rule holds.",
  icon: "branch",
  category: "logic",
  dataSchema: conditionDataSchema,
  defaults: (): ConditionData => ({
    branches: [
      { id: "c1", label: "", combinator: "and", rules: [{ variable: "", operator: "equals", value: "" }] },
    ],
  }),
  outputs: (d) => [
    ...d.branches.map((b, i) => ({ id: b.id, label: b.label || describeBranch(b) || `Rule ${i + 1}` })),
    { id: "else", label: "Else" },
  ],
  waitsForCustomer: false,
  customerTexts: () => [],
  writesVariables: () => [],
  summary: (d) => d.branches.map((b) => describeBranch(b)).join(" · "),
});

const operatorWords: Record<ConditionOperator, string> = {
  equals: "=",
  notEquals: "≠",
  contains: "contains",
  greaterThan: ">",
  lessThan: "<",
  matches: "matches",
  isSet: "is set",
  isNotSet: "is not set",
};

function describeBranch(b: z.infer<typeof conditionBranchSchema>): string {
  return b.rules
    .map((r) =>
      r.operator === "isSet" || r.operator === "isNotSet"
        ? `${r.variable} ${operatorWords[r.operator]}`
        : `${r.variable} ${operatorWords[r.operator]} ${r.value}`,
    )
    .join(b.combinator === "and" ? " and " : " or ");
}
