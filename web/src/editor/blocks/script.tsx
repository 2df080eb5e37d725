import { can, isScriptPlaceholder, SCRIPT_LIMITS, type ScriptMapping } from "@benteng/shared";
import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense, useState } from "react";
import { Link } from "wouter";
import { Button } from "../../components/Button.tsx";
import { Field } from "../../components/Field.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import { useProblemsFor } from "../problemsContext.ts";
import { FieldListEditor } from "../script/FieldListEditor.tsx";
import { ScriptTestRun } from "../script/ScriptTestRun.tsx";
import { VARIABLES_DATALIST_ID } from "../useKnownVariables.tsx";
import type { EditorBlock } from "./editorBlock.ts";

const CodeEditor = lazy(() => import("../script/CodeEditor.tsx"));

const list = (s: string) =>
  s
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);

function MappingEditor({
  legend,
  fieldNames,
  mapping,
  direction,
  onChange,
  disabled,
}: {
  legend: string;
  fieldNames: string[];
  mapping: ScriptMapping[];
  direction: "in" | "out";
  onChange: (m: ScriptMapping[]) => void;
  disabled: boolean;
}) {
  return (
    <fieldset className="space-y-1" disabled={disabled}>
      <legend className="text-sm font-medium text-slate-700">{legend}</legend>
      {fieldNames.length === 0 && <p className="text-xs text-slate-500">Declare fields first.</p>}
      {fieldNames.map((field) => {
        const current = mapping.find((m) => m.field === field)?.variable ?? "";
        return (
          <label key={field} className="flex items-center gap-2 text-xs">
            <span className="w-24 truncate font-mono">{direction === "in" ? `input.${field}` : field}</span>
            <span aria-hidden="true">{direction === "in" ? "←" : "→"}</span>
            <input
              aria-label={`${direction === "in" ? "Variable for input" : "Variable for output"} ${field}`}
              placeholder="variable"
              list={VARIABLES_DATALIST_ID}
              autoComplete="off"
              value={current}
              onChange={(e) =>
                onChange([
                  ...mapping.filter((m) => m.field !== field),
                  ...(e.target.value ? [{ field, variable: e.target.value }] : []),
                ])
              }
              className="min-w-0 flex-1 rounded px-1.5 py-1 font-mono ring-1 ring-slate-300"
            />
          </label>
        );
      })}
    </fieldset>
  );
}

export const scriptEditor: EditorBlock<"script"> = {
  Body: ({ data }) =>
    isScriptPlaceholder(data) ? (
      <p className="rounded bg-amber-50 px-1.5 py-1 text-xs font-medium text-amber-900">
        Script needed — a developer fills this in
      </p>
    ) : (
      <pre className="line-clamp-3 overflow-hidden font-mono text-xs whitespace-pre-wrap text-slate-600">
        {data.code.trim() || "(no code yet)"}
      </pre>
    ),
  Settings: ({ blockId, data, onChange }) => {
    const trpc = useTRPC();
    const me = useQuery(trpc.auth.me.queryOptions());
    // What a script does and which data it sees belong to developers (the server refuses anyone
    // else's change field by field, in the same words); the fields are read-only for everyone else.
    const developer = !!me.data && can(me.data.roles, "script.edit");
    // Found by the live linter (in its worker), the same findings the problems panel lists.
    const findings = useProblemsFor(blockId).filter((p) => p.ruleId === "scriptCode");
    const [large, setLarge] = useState(false);
    return (
      <div className="space-y-4">
        {!developer &&
          (isScriptPlaceholder(data) ? (
            <p className="rounded-md bg-amber-50 px-2 py-1.5 text-xs text-amber-900">
              Script needed: a developer writes this script — its code, the data it receives and returns,
              hosts and secrets. Connect it where it belongs; you can also remove it until then.
            </p>
          ) : (
            <p className="rounded-md bg-amber-50 px-2 py-1.5 text-xs text-amber-900">
              Only developers can change this script: its code, the data it receives and returns (mappings and
              schemas), hosts, secrets and limits, or remove it. Ask a developer for changes.
            </p>
          ))}
        <div className="space-y-1">
          <p className="text-sm font-medium text-slate-700" id="script-code-label">
            Code{" "}
            <span className="font-normal text-slate-500">(body of an async function receiving input)</span>
          </p>
          <div
            className={
              large
                ? "fixed inset-x-8 top-16 bottom-8 z-50 flex flex-col gap-2 rounded-xl bg-white p-4 shadow-2xl ring-1 ring-slate-300"
                : "space-y-1"
            }
          >
            <div className="flex justify-end">
              <Button
                variant="ghost"
                className="text-xs"
                onClick={() => setLarge((v) => !v)}
                aria-pressed={large}
              >
                {large ? "Shrink editor" : "Enlarge editor"}
              </Button>
            </div>
            <div className={large ? "min-h-0 flex-1" : ""}>
              <Suspense fallback={<p className="text-xs text-slate-500">Loading the code editor…</p>}>
                <CodeEditor
                  label="Script code"
                  value={data.code}
                  readOnly={!developer}
                  large={large}
                  inputFields={data.inputSchema.map((f) => f.name)}
                  onChange={(code) => onChange({ ...data, code })}
                />
              </Suspense>
            </div>
          </div>
          {findings.length > 0 && (
            <ul aria-label="Script problems" className="space-y-1">
              {findings.map((f) => (
                <li
                  key={f.message}
                  className={`rounded px-2 py-1 text-xs ${f.severity === "error" ? "bg-red-50 text-red-800" : "bg-amber-50 text-amber-800"}`}
                >
                  {f.message}
                </li>
              ))}
            </ul>
          )}
        </div>
        <FieldListEditor
          legend="Input schema"
          fields={data.inputSchema}
          onChange={(inputSchema) => onChange({ ...data, inputSchema })}
          disabled={!developer}
        />
        <MappingEditor
          legend="Input from variables"
          direction="in"
          fieldNames={data.inputSchema.map((f) => f.name)}
          mapping={data.inputMapping}
          onChange={(inputMapping) => onChange({ ...data, inputMapping })}
          disabled={!developer}
        />
        <FieldListEditor
          legend="Output schema"
          fields={data.outputSchema}
          onChange={(outputSchema) => onChange({ ...data, outputSchema })}
          disabled={!developer}
        />
        <MappingEditor
          legend="Output to variables"
          direction="out"
          fieldNames={data.outputSchema.map((f) => f.name)}
          mapping={data.outputMapping}
          onChange={(outputMapping) => onChange({ ...data, outputMapping })}
          disabled={!developer}
        />
        <Field
          label="Allowed hosts"
          hint="Comma-separated, e.g. api.example.com. fetch() reaches only these."
          disabled={!developer}
          value={data.allowedHosts.join(", ")}
          onChange={(e) => onChange({ ...data, allowedHosts: list(e.target.value.toLowerCase()) })}
        />
        <Field
          label="Secrets"
          hint={
            <>
              Names the script reads with secrets.get(name). <Link href="/secrets">Manage secrets</Link>
            </>
          }
          disabled={!developer}
          value={data.secrets.join(", ")}
          onChange={(e) => onChange({ ...data, secrets: list(e.target.value) })}
        />
        <div className="flex gap-2">
          <Field
            label="Time limit (ms)"
            type="number"
            disabled={!developer}
            min={SCRIPT_LIMITS.timeoutMs.min}
            max={SCRIPT_LIMITS.timeoutMs.max}
            value={data.timeoutMs}
            onChange={(e) =>
              onChange({
                ...data,
                timeoutMs: Math.min(
                  SCRIPT_LIMITS.timeoutMs.max,
                  Math.max(
                    SCRIPT_LIMITS.timeoutMs.min,
                    Number(e.target.value) || SCRIPT_LIMITS.timeoutMs.default,
                  ),
                ),
              })
            }
          />
          <Field
            label="Memory (MB)"
            type="number"
            disabled={!developer}
            min={SCRIPT_LIMITS.memoryMb.min}
            max={SCRIPT_LIMITS.memoryMb.max}
            value={data.memoryMb}
            onChange={(e) =>
              onChange({
                ...data,
                memoryMb: Math.min(
                  SCRIPT_LIMITS.memoryMb.max,
                  Math.max(
                    SCRIPT_LIMITS.memoryMb.min,
                    Number(e.target.value) || SCRIPT_LIMITS.memoryMb.default,
                  ),
                ),
              })
            }
          />
        </div>
        {developer ? <ScriptTestRun block={data} /> : <Button disabled>Run test (developers only)</Button>}
      </div>
    );
  },
};
