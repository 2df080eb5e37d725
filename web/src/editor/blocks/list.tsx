import { newId, WHATSAPP_LIMITS } from "@benteng/shared";
import { Button } from "../../components/Button.tsx";
import { Field } from "../../components/Field.tsx";
import { CountedText } from "./CountedText.tsx";
import type { EditorBlock } from "./editorBlock.ts";

export const listEditor: EditorBlock<"list"> = {
  Body: ({ data }) => (
    <div className="space-y-1">
      <p className="line-clamp-2 text-slate-700">
        {data.body || <em className="text-slate-500">No text yet</em>}
      </p>
      <p className="text-xs text-slate-500">☰ {data.button}</p>
    </div>
  ),
  Settings: ({ data, onChange }) => {
    const totalRows = data.sections.reduce((n, s) => n + s.rows.length, 0);
    const setSection = (si: number, section: (typeof data.sections)[number]) =>
      onChange({ ...data, sections: data.sections.map((s, i) => (i === si ? section : s)) });
    return (
      <div className="space-y-3">
        <CountedText
          label="Body"
          value={data.body}
          limit={WHATSAPP_LIMITS.interactiveBody}
          onChange={(body) => onChange({ ...data, body })}
        />
        <Field
          label="List button"
          value={data.button}
          hint={`${data.button.length}/${WHATSAPP_LIMITS.listButtonText}`}
          onChange={(e) => onChange({ ...data, button: e.target.value })}
        />
        {data.sections.map((section, si) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: sections have no identity of their own; their position is it
          <fieldset key={`section-${si}`} className="space-y-2 rounded-md border border-slate-200 p-2">
            <legend className="px-1 text-sm font-medium text-slate-700">Section {si + 1}</legend>
            <Field
              label={`Section ${si + 1} title`}
              value={section.title}
              onChange={(e) => setSection(si, { ...section, title: e.target.value })}
            />
            {section.rows.map((row, ri) => (
              <div key={row.id} className="space-y-1 border-l-2 border-slate-200 pl-2">
                <Field
                  label={`Row ${ri + 1} title`}
                  value={row.title}
                  onChange={(e) =>
                    setSection(si, {
                      ...section,
                      rows: section.rows.map((r) => (r.id === row.id ? { ...r, title: e.target.value } : r)),
                    })
                  }
                />
                <Field
                  label={`Row ${ri + 1} description`}
                  value={row.description ?? ""}
                  onChange={(e) =>
                    setSection(si, {
                      ...section,
                      rows: section.rows.map((r) =>
                        r.id === row.id ? { ...r, description: e.target.value || undefined } : r,
                      ),
                    })
                  }
                />
                <Button
                  variant="ghost"
                  onClick={() =>
                    setSection(si, { ...section, rows: section.rows.filter((r) => r.id !== row.id) })
                  }
                >
                  Remove row {ri + 1}
                </Button>
              </div>
            ))}
            <Button
              variant="secondary"
              disabled={totalRows >= WHATSAPP_LIMITS.listRowsTotal}
              onClick={() =>
                setSection(si, { ...section, rows: [...section.rows, { id: newId("r"), title: "" }] })
              }
            >
              Add row
            </Button>
          </fieldset>
        ))}
        <Button
          variant="secondary"
          onClick={() => onChange({ ...data, sections: [...data.sections, { title: "", rows: [] }] })}
        >
          Add section
        </Button>
        <Field
          label="Save the choice in variable (optional)"
          value={data.saveAs ?? ""}
          onChange={(e) => onChange({ ...data, saveAs: e.target.value || undefined })}
        />
      </div>
    );
  },
};
