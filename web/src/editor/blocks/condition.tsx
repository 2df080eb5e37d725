import { type ConditionOperator, newId } from "@benteng/shared";
import { Button } from "../../components/Button.tsx";
import { Field } from "../../components/Field.tsx";
import { VARIABLES_DATALIST_ID } from "../useKnownVariables.tsx";
import type { EditorBlock } from "./editorBlock.ts";
import { VariableField } from "./VariableField.tsx";

const operators: Array<{ op: ConditionOperator; label: string }> = [
  { op: "equals", label: "equals" },
  { op: "notEquals", label: "does not equal" },
  { op: "contains", label: "contains" },
  { op: "greaterThan", label: "is greater than" },
  { op: "lessThan", label: "is less than" },
  { op: "matches", label: "matches pattern" },
  { op: "isSet", label: "is set" },
  { op: "isNotSet", label: "is not set" },
];

export const conditionEditor: EditorBlock<"condition"> = {
  Body: ({ data }) => (
    <p className="text-slate-600">
      {data.branches.length} rule{data.branches.length === 1 ? "" : "s"} + else
    </p>
  ),
  Settings: ({ data, onChange }) => (
    <div className="space-y-3">
      {data.branches.map((branch, bi) => (
        <fieldset key={branch.id} className="space-y-2 rounded-md border border-slate-200 p-2">
          <legend className="px-1 text-sm font-medium text-slate-700">Path {bi + 1}</legend>
          <Field
            label={`Path ${bi + 1} label`}
            value={branch.label}
            onChange={(e) =>
              onChange({
                branches: data.branches.map((b) =>
                  b.id === branch.id ? { ...b, label: e.target.value } : b,
                ),
              })
            }
          />
          {branch.rules.map((rule, ri) => {
            const setRule = (patch: Partial<typeof rule>) =>
              onChange({
                branches: data.branches.map((b) =>
                  b.id === branch.id
                    ? { ...b, rules: b.rules.map((r, i) => (i === ri ? { ...r, ...patch } : r)) }
                    : b,
                ),
              });
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: rules have no identity of their own; their position is it
              <div key={`rule-${ri}`} className="grid grid-cols-1 gap-1">
                <Field
                  label="Variable"
                  list={VARIABLES_DATALIST_ID}
                  autoComplete="off"
                  value={rule.variable}
                  onChange={(e) => setRule({ variable: e.target.value })}
                />
                <label className="text-xs text-slate-600" htmlFor={`${branch.id}-op-${ri}`}>
                  Operator
                </label>
                <select
                  id={`${branch.id}-op-${ri}`}
                  className="rounded-md px-2 py-1 text-sm ring-1 ring-slate-300"
                  value={rule.operator}
                  onChange={(e) => setRule({ operator: e.target.value as ConditionOperator })}
                >
                  {operators.map((o) => (
                    <option key={o.op} value={o.op}>
                      {o.label}
                    </option>
                  ))}
                </select>
                {rule.operator !== "isSet" && rule.operator !== "isNotSet" && (
                  <VariableField label="Value" value={rule.value} onChange={(value) => setRule({ value })} />
                )}
              </div>
            );
          })}
          <div className="flex gap-2">
            <Button
              variant="secondary"
              onClick={() =>
                onChange({
                  branches: data.branches.map((b) =>
                    b.id === branch.id
                      ? { ...b, rules: [...b.rules, { variable: "", operator: "equals", value: "" }] }
                      : b,
                  ),
                })
              }
            >
              Add rule
            </Button>
            <select
              aria-label={`Combine the rules of path ${bi + 1}`}
              className="rounded-md px-2 py-1 text-sm ring-1 ring-slate-300"
              value={branch.combinator}
              onChange={(e) =>
                onChange({
                  branches: data.branches.map((b) =>
                    b.id === branch.id ? { ...b, combinator: e.target.value as "and" | "or" } : b,
                  ),
                })
              }
            >
              <option value="and">all rules hold (AND)</option>
              <option value="or">any rule holds (OR)</option>
            </select>
          </div>
        </fieldset>
      ))}
      <Button
        variant="secondary"
        onClick={() =>
          onChange({
            branches: [
              ...data.branches,
              {
                id: newId("c"),
                label: "",
                combinator: "and",
                rules: [{ variable: "", operator: "equals", value: "" }],
              },
            ],
          })
        }
      >
        Add path
      </Button>
    </div>
  ),
};
