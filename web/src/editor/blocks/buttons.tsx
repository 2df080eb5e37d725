import { newId, WHATSAPP_LIMITS } from "@benteng/shared";
import { Button } from "../../components/Button.tsx";
import { Field } from "../../components/Field.tsx";
import { CountedText } from "./CountedText.tsx";
import type { EditorBlock } from "./editorBlock.ts";

export const buttonsEditor: EditorBlock<"buttons"> = {
  Body: ({ data }) => (
    <div className="space-y-1">
      <p className="line-clamp-2 text-slate-700">
        {data.body || <em className="text-slate-500">No text yet</em>}
      </p>
    </div>
  ),
  Settings: ({ data, onChange }) => (
    <div className="space-y-3">
      <CountedText
        label="Body"
        value={data.body}
        limit={WHATSAPP_LIMITS.interactiveBody}
        onChange={(body) => onChange({ ...data, body })}
      />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700">
          Buttons (up to {WHATSAPP_LIMITS.buttonsPerMessage})
        </legend>
        {data.buttons.map((b, i) => (
          <div key={b.id} className="flex items-end gap-2">
            <div className="flex-1">
              <Field
                label={`Button ${i + 1} title`}
                value={b.title}
                hint={`${b.title.length}/${WHATSAPP_LIMITS.buttonTitle}`}
                onChange={(e) =>
                  onChange({
                    ...data,
                    buttons: data.buttons.map((x) => (x.id === b.id ? { ...x, title: e.target.value } : x)),
                  })
                }
              />
            </div>
            <Button
              variant="ghost"
              aria-label={`Remove button ${i + 1}`}
              disabled={data.buttons.length <= 1}
              onClick={() => onChange({ ...data, buttons: data.buttons.filter((x) => x.id !== b.id) })}
            >
              ✕
            </Button>
          </div>
        ))}
        <Button
          variant="secondary"
          disabled={data.buttons.length >= WHATSAPP_LIMITS.buttonsPerMessage}
          onClick={() =>
            onChange({
              ...data,
              buttons: [...data.buttons, { id: newId("b"), title: `Option ${data.buttons.length + 1}` }],
            })
          }
        >
          Add button
        </Button>
      </fieldset>
      <Field
        label="Header (optional)"
        value={data.header ?? ""}
        onChange={(e) => onChange({ ...data, header: e.target.value || undefined })}
      />
      <Field
        label="Footer (optional)"
        value={data.footer ?? ""}
        onChange={(e) => onChange({ ...data, footer: e.target.value || undefined })}
      />
      <Field
        label="Save the choice in variable (optional)"
        value={data.saveAs ?? ""}
        onChange={(e) => onChange({ ...data, saveAs: e.target.value || undefined })}
      />
    </div>
  ),
};
