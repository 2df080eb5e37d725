import { WHATSAPP_LIMITS } from "@benteng/shared";
import { Field } from "../../components/Field.tsx";
import { CountedText } from "./CountedText.tsx";
import type { EditorBlock } from "./editorBlock.ts";

export const handoffEditor: EditorBlock<"handoff"> = {
  Body: ({ data }) => (
    <p className="text-slate-600">{data.team ? `Hands over to ${data.team}` : "Hands over to an agent"}</p>
  ),
  Settings: ({ data, onChange }) => (
    <div className="space-y-3">
      <CountedText
        label="Message while waiting"
        value={data.message}
        limit={WHATSAPP_LIMITS.textBody}
        onChange={(message) => onChange({ ...data, message })}
      />
      <Field
        label="Team (optional)"
        value={data.team}
        onChange={(e) => onChange({ ...data, team: e.target.value })}
      />
    </div>
  ),
};
