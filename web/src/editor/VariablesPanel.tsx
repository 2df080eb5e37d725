import { BUILT_IN_VARIABLES, type FlowVariable, variableNameSchema } from "@benteng/shared";
import { type FormEvent, useState } from "react";
import { Button } from "../components/Button.tsx";
import { useEditor } from "./editorContext.ts";

const types: FlowVariable["type"][] = ["text", "number", "boolean", "date", "json"];

/** Declared variables with their type; blocks may only use declared (or block-written) variables. */
export function VariablesPanel() {
  const variables = useEditor((s) => s.variables);
  const setVariables = useEditor((s) => s.setVariables);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const add = (e: FormEvent) => {
    e.preventDefault();
    const parsed = variableNameSchema.safeParse(name.trim());
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? "Invalid name");
    if (variables.some((v) => v.name === parsed.data)) return setError("That variable already exists.");
    setVariables([...variables, { name: parsed.data, type: "text" }]);
    setName("");
    setError(null);
  };
  return (
    <section aria-labelledby="variables-heading" className="space-y-2">
      <h3 id="variables-heading" className="text-sm font-semibold">
        Variables
      </h3>
      <p className="text-xs text-slate-600">
        Built in:{" "}
        {BUILT_IN_VARIABLES.map((v, i) => (
          <span key={v.name} title={v.description}>
            {i > 0 && ", "}
            <code>{`{{${v.name}}}`}</code>
          </span>
        ))}
        . Type {"{{"} in a text to pick any variable.
      </p>
      {variables.length === 0 && <p className="text-xs text-slate-600">No variables declared.</p>}
      <ul className="space-y-1">
        {variables.map((v) => (
          <li key={v.name} className="flex items-center gap-2 text-sm">
            <code className="flex-1 truncate rounded bg-slate-100 px-1.5 py-0.5 text-xs">{`{{${v.name}}}`}</code>
            <select
              aria-label={`Type of ${v.name}`}
              className="rounded px-1 py-0.5 text-xs ring-1 ring-slate-300"
              value={v.type}
              onChange={(e) =>
                setVariables(
                  variables.map((x) =>
                    x.name === v.name ? { ...x, type: e.target.value as FlowVariable["type"] } : x,
                  ),
                )
              }
            >
              {types.map((t) => (
                <option key={t}>{t}</option>
              ))}
            </select>
            <Button
              variant="ghost"
              aria-label={`Remove variable ${v.name}`}
              onClick={() => setVariables(variables.filter((x) => x.name !== v.name))}
            >
              ✕
            </Button>
          </li>
        ))}
      </ul>
      <form onSubmit={add} className="flex gap-2">
        <label htmlFor="new-variable" className="sr-only">
          New variable name
        </label>
        <input
          id="new-variable"
          placeholder="new_variable"
          value={name}
          onChange={(e) => setName(e.target.value)}
          className="min-w-0 flex-1 rounded-md px-2 py-1 text-sm ring-1 ring-slate-300"
        />
        <Button type="submit" variant="secondary">
          Add
        </Button>
      </form>
      {error && (
        <p role="alert" className="text-xs text-red-600">
          {error}
        </p>
      )}
    </section>
  );
}
