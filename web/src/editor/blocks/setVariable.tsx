import { Field } from "../../components/Field.tsx";
import type { EditorBlock } from "./editorBlock.ts";

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
        value={data.variable}
        onChange={(e) => onChange({ ...data, variable: e.target.value })}
      />
      <Field
        label="Value"
        hint="Plain text; {{name}} inserts another variable."
        value={data.value}
        onChange={(e) => onChange({ ...data, value: e.target.value })}
      />
    </div>
  ),
};
