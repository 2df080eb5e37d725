import { newId, type QuestionInput, WHATSAPP_LIMITS } from "@benteng/shared";
import { Button } from "../../components/Button.tsx";
import { Field } from "../../components/Field.tsx";
import { CountedText } from "./CountedText.tsx";
import type { EditorBlock } from "./editorBlock.ts";

const inputTypes: Array<{ type: QuestionInput["type"]; label: string }> = [
  { type: "text", label: "Text" },
  { type: "number", label: "Number" },
  { type: "email", label: "Email" },
  { type: "phone", label: "Phone number" },
  { type: "date", label: "Date" },
  { type: "choice", label: "One of several choices" },
  { type: "pattern", label: "Pattern (advanced)" },
];

function defaultInput(type: QuestionInput["type"]): QuestionInput {
  switch (type) {
    case "number":
      return { type, integer: false };
    case "choice":
      return {
        type,
        choices: [
          { id: newId("c"), label: "Yes" },
          { id: newId("c"), label: "No" },
        ],
      };
    case "pattern":
      return { type, pattern: "[A-Z]{2}-[0-9]{4}", description: "" };
    case "text":
      return { type };
    default:
      return { type };
  }
}

export const questionEditor: EditorBlock<"question"> = {
  Body: ({ data }) => (
    <div className="space-y-1">
      <p className="line-clamp-2 text-slate-700">
        {data.prompt || <em className="text-slate-500">No question yet</em>}
      </p>
      <p className="text-xs text-slate-500">
        {data.input.type} → {data.variable ? `{{${data.variable}}}` : "no variable"}
      </p>
    </div>
  ),
  Settings: ({ data, onChange }) => {
    const input = data.input;
    return (
      <div className="space-y-3">
        <CountedText
          label="Question"
          value={data.prompt}
          limit={WHATSAPP_LIMITS.textBody}
          onChange={(prompt) => onChange({ ...data, prompt })}
        />
        <Field
          label="Save the answer in variable"
          value={data.variable}
          onChange={(e) => onChange({ ...data, variable: e.target.value })}
        />
        <div className="space-y-1">
          <label className="block text-sm font-medium text-slate-700" htmlFor="question-input-type">
            Expected answer
          </label>
          <select
            id="question-input-type"
            className="block w-full rounded-md px-2 py-1.5 text-sm ring-1 ring-slate-300"
            value={input.type}
            onChange={(e) =>
              onChange({ ...data, input: defaultInput(e.target.value as QuestionInput["type"]) })
            }
          >
            {inputTypes.map((t) => (
              <option key={t.type} value={t.type}>
                {t.label}
              </option>
            ))}
          </select>
        </div>
        {input.type === "number" && (
          <div className="flex gap-2">
            <Field
              label="Minimum"
              type="number"
              value={input.min ?? ""}
              onChange={(e) =>
                onChange({
                  ...data,
                  input: { ...input, min: e.target.value === "" ? undefined : Number(e.target.value) },
                })
              }
            />
            <Field
              label="Maximum"
              type="number"
              value={input.max ?? ""}
              onChange={(e) =>
                onChange({
                  ...data,
                  input: { ...input, max: e.target.value === "" ? undefined : Number(e.target.value) },
                })
              }
            />
          </div>
        )}
        {input.type === "pattern" && (
          <>
            <Field
              label="Pattern (regular expression)"
              value={input.pattern}
              onChange={(e) => onChange({ ...data, input: { ...input, pattern: e.target.value } })}
            />
            <Field
              label="Describe the expected answer"
              value={input.description}
              onChange={(e) => onChange({ ...data, input: { ...input, description: e.target.value } })}
            />
          </>
        )}
        {input.type === "choice" && (
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium text-slate-700">Choices</legend>
            {input.choices.map((c, i) => (
              <div key={c.id} className="flex items-end gap-2">
                <div className="flex-1">
                  <Field
                    label={`Choice ${i + 1}`}
                    value={c.label}
                    onChange={(e) =>
                      onChange({
                        ...data,
                        input: {
                          ...input,
                          choices: input.choices.map((x) =>
                            x.id === c.id ? { ...x, label: e.target.value } : x,
                          ),
                        },
                      })
                    }
                  />
                </div>
                <Button
                  variant="ghost"
                  aria-label={`Remove choice ${i + 1}`}
                  disabled={input.choices.length <= 1}
                  onClick={() =>
                    onChange({
                      ...data,
                      input: { ...input, choices: input.choices.filter((x) => x.id !== c.id) },
                    })
                  }
                >
                  ✕
                </Button>
              </div>
            ))}
            <Button
              variant="secondary"
              onClick={() =>
                onChange({
                  ...data,
                  input: { ...input, choices: [...input.choices, { id: newId("c"), label: "" }] },
                })
              }
            >
              Add choice
            </Button>
          </fieldset>
        )}
        <CountedText
          label="Re-prompt after an invalid answer"
          value={data.repromptText}
          limit={WHATSAPP_LIMITS.textBody}
          rows={2}
          onChange={(repromptText) => onChange({ ...data, repromptText })}
        />
        <Field
          label="Attempts before giving up"
          type="number"
          min={1}
          max={10}
          value={data.maxAttempts}
          onChange={(e) =>
            onChange({ ...data, maxAttempts: Math.min(10, Math.max(1, Number(e.target.value) || 1)) })
          }
        />
      </div>
    );
  },
};
