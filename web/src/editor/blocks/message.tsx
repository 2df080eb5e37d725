import { WHATSAPP_LIMITS } from "@benteng/shared";
import { Field } from "../../components/Field.tsx";
import { CountedText } from "./CountedText.tsx";
import type { EditorBlock } from "./editorBlock.ts";

export const messageEditor: EditorBlock<"message"> = {
  Body: ({ data }) => (
    <p className="line-clamp-3 whitespace-pre-wrap text-slate-700">
      {data.text || <em className="text-slate-500">Empty message</em>}
    </p>
  ),
  Settings: ({ data, onChange }) => (
    <div className="space-y-3">
      <CountedText
        label="Message text"
        value={data.text}
        limit={WHATSAPP_LIMITS.textBody}
        rows={5}
        onChange={(text) => onChange({ ...data, text })}
      />
      <Field
        label="Media link (optional)"
        type="url"
        placeholder="https://…"
        value={data.mediaUrl ?? ""}
        onChange={(e) => onChange({ ...data, mediaUrl: e.target.value || undefined })}
      />
    </div>
  ),
};
