import { WHATSAPP_LIMITS } from "@benteng/shared";
import { Field } from "../../components/Field.tsx";
import { CountedText } from "./CountedText.tsx";
import type { EditorBlock } from "./editorBlock.ts";

const parts = [
  { key: "latitudeVariable", label: "Save the latitude in variable" },
  { key: "longitudeVariable", label: "Save the longitude in variable" },
  { key: "nameVariable", label: "Save the place name in variable" },
  { key: "addressVariable", label: "Save the address in variable" },
] as const;

export const locationRequestEditor: EditorBlock<"locationRequest"> = {
  Body: ({ data }) => (
    <div className="space-y-1">
      <p className="line-clamp-2 text-slate-700">
        {data.prompt || <em className="text-slate-500">No request text yet</em>}
      </p>
      <p className="text-xs text-slate-500">
        📍 Send location →{" "}
        {data.latitudeVariable && data.longitudeVariable
          ? `{{${data.latitudeVariable}}}, {{${data.longitudeVariable}}}`
          : "not stored"}
      </p>
    </div>
  ),
  Settings: ({ data, onChange }) => (
    <div className="space-y-3">
      <CountedText
        label="Request text"
        value={data.prompt}
        limit={WHATSAPP_LIMITS.locationRequestBody}
        placeholder="Where should we deliver your order?"
        onChange={(prompt) => onChange({ ...data, prompt })}
      />
      <p className="text-xs text-slate-600">
        WhatsApp shows a “Send location” button under this text. The customer shares a pin or a named place; a
        pin has no name or address.
      </p>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700">Where the location goes</legend>
        {parts.map((p) => (
          <Field
            key={p.key}
            label={p.label}
            value={data[p.key]}
            onChange={(e) => onChange({ ...data, [p.key]: e.target.value.trim() })}
          />
        ))}
      </fieldset>
      <CountedText
        label="Re-prompt when the answer is not a location"
        value={data.repromptText}
        limit={WHATSAPP_LIMITS.locationRequestBody}
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
  ),
};
