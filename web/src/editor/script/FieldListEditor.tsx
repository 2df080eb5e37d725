import type { ScriptField, ScriptFieldType } from "@benteng/shared";
import { Button } from "../../components/Button.tsx";

const types: ScriptFieldType[] = ["string", "number", "boolean", "object", "array", "any"];

/** Edits a script's input or output schema: named fields with a type, required or optional. */
export function FieldListEditor({
  legend,
  fields,
  onChange,
  disabled,
}: {
  legend: string;
  fields: ScriptField[];
  onChange: (fields: ScriptField[]) => void;
  disabled: boolean;
}) {
  const set = (i: number, patch: Partial<ScriptField>) =>
    onChange(fields.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  return (
    <fieldset className="space-y-1.5" disabled={disabled}>
      <legend className="text-sm font-medium text-slate-700">{legend}</legend>
      {fields.length === 0 && <p className="text-xs text-slate-500">No fields.</p>}
      {fields.map((f, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: fields are positional while their names are being typed
        <div key={i} className="flex items-center gap-1">
          <input
            aria-label={`${legend} field ${i + 1} name`}
            value={f.name}
            onChange={(e) => set(i, { name: e.target.value })}
            className="min-w-0 flex-1 rounded px-1.5 py-1 font-mono text-xs ring-1 ring-slate-300"
          />
          <select
            aria-label={`${legend} field ${i + 1} type`}
            value={f.type}
            onChange={(e) => set(i, { type: e.target.value as ScriptFieldType })}
            className="rounded px-1 py-1 text-xs ring-1 ring-slate-300"
          >
            {types.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
          <label className="flex items-center gap-1 text-xs">
            <input
              type="checkbox"
              checked={f.required}
              onChange={(e) => set(i, { required: e.target.checked })}
            />
            required
          </label>
          <Button
            variant="ghost"
            aria-label={`Remove ${legend} field ${i + 1}`}
            onClick={() => onChange(fields.filter((_, j) => j !== i))}
          >
            ✕
          </Button>
        </div>
      ))}
      <Button
        variant="secondary"
        onClick={() =>
          onChange([...fields, { name: `field${fields.length + 1}`, type: "string", required: true }])
        }
      >
        Add field
      </Button>
    </fieldset>
  );
}
