import { Field } from "../../components/Field.tsx";
import { VARIABLES_DATALIST_ID } from "../useKnownVariables.tsx";
import type { EditorBlock } from "./editorBlock.ts";
import { VariableField } from "./VariableField.tsx";

export const setVariableEditor: EditorBlock<"setVariable"> = {
  Body: ({ data }) => (
    <p className="font-mono text-xs text-slate-700">
      {data.variable ? `${data.variable} = ${data.value}` : "Choose a variable"}
    </p>
  ),
  Settings: ({ data, onChange }) => (
    <div className="space-y-3">
      <Field
        label="Variable"
        list={VARIABLES_DATALIST_ID}
        value={data.variable}
        onChange={(e) => onChange({ ...data, variable: e.target.value })}
      />
      <VariableField
        label="Value"
        hint="Plain text; type {{ to insert another variable."
        value={data.value}
        onChange={(value) => onChange({ ...data, value })}
      />
    </div>
  ),
};
