import { Field } from "../../components/Field.tsx";
import type { EditorBlock } from "./editorBlock.ts";

export const startEditor: EditorBlock<"start"> = {
  Body: ({ data }) => (
    <p className="text-slate-600">
      {data.keywords.length ? `Keywords: ${data.keywords.join(", ")}` : "Any message starts this flow"}
    </p>
  ),
  Settings: ({ data, onChange }) => (
    <Field
      label="Trigger keywords"
      hint="Comma-separated. Leave empty to start on any message."
      value={data.keywords.join(", ")}
      onChange={(e) =>
        onChange({
          keywords: e.target.value
            .split(",")
            .map((k) => k.trim())
            .filter(Boolean),
        })
      }
    />
  ),
};
