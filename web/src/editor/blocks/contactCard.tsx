import {
  CONTACT_CARD_LIMITS,
  type ContactPhoneType,
  type ContactPlaceType,
  contactEmailProblem,
  contactPhoneProblem,
  contactPhoneTypeSchema,
  contactPlaceTypeSchema,
  contactUrlProblem,
  newId,
} from "@benteng/shared";
import { Button } from "../../components/Button.tsx";
import type { EditorBlock } from "./editorBlock.ts";
import { VariableField } from "./VariableField.tsx";

const typeLabels: Record<ContactPhoneType, string> = {
  CELL: "Mobile",
  MAIN: "Main",
  WORK: "Work",
  HOME: "Home",
};

/** A problem is shown once a value is typed and has no variables (those are checked when sent). */
const problemOf = (value: string, check: (v: string) => string | undefined, label: string) => {
  if (value.trim() === "" || value.includes("{{")) return undefined;
  const problem = check(value);
  return problem ? `This ${label} ${problem}.` : undefined;
};

export const contactCardEditor: EditorBlock<"contactCard"> = {
  Body: ({ data }) => (
    <div className="space-y-1">
      <p className="line-clamp-1 font-medium text-slate-700">
        {data.name || <em className="font-normal text-slate-500">No name yet</em>}
      </p>
      <p className="line-clamp-1 text-xs text-slate-500">
        {[...data.phones.map((p) => p.phone), ...data.emails.map((e) => e.email)]
          .filter(Boolean)
          .join(" · ") || "No phone or e-mail yet"}
      </p>
    </div>
  ),
  Settings: ({ data, onChange }) => {
    const full = (n: number) => n >= CONTACT_CARD_LIMITS.entries;
    return (
      <div className="space-y-3">
        <VariableField
          label="Name on the card"
          hint="Shown beside the card, e.g. Toko Ana Customer Care."
          value={data.name}
          onChange={(name) => onChange({ ...data, name })}
        />
        <div className="flex gap-2">
          <VariableField
            label="First name"
            value={data.firstName}
            onChange={(firstName) => onChange({ ...data, firstName })}
          />
          <VariableField
            label="Last name"
            value={data.lastName}
            onChange={(lastName) => onChange({ ...data, lastName })}
          />
        </div>
        <div className="flex gap-2">
          <VariableField
            label="Company"
            value={data.company}
            onChange={(company) => onChange({ ...data, company })}
          />
          <VariableField
            label="Job title"
            value={data.title}
            onChange={(title) => onChange({ ...data, title })}
          />
        </div>
        <EntryList
          legend="Phone numbers"
          singular="phone"
          entries={data.phones.map((p) => ({ id: p.id, value: p.phone, type: p.type }))}
          types={contactPhoneTypeSchema.options}
          check={contactPhoneProblem}
          full={full(data.phones.length)}
          onChange={(entries) =>
            onChange({ ...data, phones: entries.map((e) => ({ id: e.id, phone: e.value, type: e.type })) })
          }
        />
        <EntryList
          legend="E-mail addresses"
          singular="e-mail"
          entries={data.emails.map((e) => ({ id: e.id, value: e.email, type: e.type }))}
          types={contactPlaceTypeSchema.options}
          check={contactEmailProblem}
          full={full(data.emails.length)}
          onChange={(entries) =>
            onChange({ ...data, emails: entries.map((e) => ({ id: e.id, email: e.value, type: e.type })) })
          }
        />
        <EntryList
          legend="Links"
          singular="link"
          entries={data.urls.map((u) => ({ id: u.id, value: u.url, type: u.type }))}
          types={contactPlaceTypeSchema.options}
          check={contactUrlProblem}
          full={full(data.urls.length)}
          onChange={(entries) =>
            onChange({ ...data, urls: entries.map((e) => ({ id: e.id, url: e.value, type: e.type })) })
          }
        />
      </div>
    );
  },
};

interface Entry<T extends string> {
  id: string;
  value: string;
  type: T;
}

/** Phones, e-mail addresses or links of a card: each a value and its type, added and removed in place. */
function EntryList<T extends ContactPhoneType | ContactPlaceType>({
  legend,
  singular,
  entries,
  types,
  check,
  full,
  onChange,
}: {
  legend: string;
  singular: string;
  entries: Array<Entry<T>>;
  types: readonly T[];
  check: (value: string) => string | undefined;
  full: boolean;
  onChange: (entries: Array<Entry<T>>) => void;
}) {
  const update = (id: string, change: Partial<Entry<T>>) =>
    onChange(entries.map((e) => (e.id === id ? { ...e, ...change } : e)));
  const capital = singular.charAt(0).toUpperCase() + singular.slice(1);
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-700">{legend}</legend>
      {entries.map((e, i) => {
        const problem = problemOf(e.value, check, singular);
        return (
          <div key={e.id} className="space-y-1">
            <div className="flex items-end gap-2">
              <div className="flex-1">
                <VariableField
                  label={`${capital} ${i + 1}`}
                  value={e.value}
                  onChange={(value) => update(e.id, { value })}
                />
              </div>
              <label className="sr-only" htmlFor={`${e.id}-type`}>
                {`${capital} ${i + 1} type`}
              </label>
              <select
                id={`${e.id}-type`}
                className="rounded-md px-1.5 py-1.5 text-sm ring-1 ring-slate-300"
                value={e.type}
                onChange={(ev) => update(e.id, { type: ev.target.value as T })}
              >
                {types.map((t) => (
                  <option key={t} value={t}>
                    {typeLabels[t]}
                  </option>
                ))}
              </select>
              <Button
                variant="ghost"
                aria-label={`Remove ${singular} ${i + 1}`}
                onClick={() => onChange(entries.filter((x) => x.id !== e.id))}
              >
                ✕
              </Button>
            </div>
            {problem && (
              <p role="alert" className="text-xs text-red-700">
                {problem}
              </p>
            )}
          </div>
        );
      })}
      <Button
        variant="secondary"
        disabled={full}
        // Both lists of types hold WORK: a business card's details are the business's.
        onClick={() =>
          onChange([...entries, { id: newId(singular.slice(0, 1)), value: "", type: "WORK" as T }])
        }
      >
        {`Add ${singular}`}
      </Button>
    </fieldset>
  );
}
