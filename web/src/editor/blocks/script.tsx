import { can, SCRIPT_LIMITS, type ScriptMapping, scriptStaticChecks } from "@benteng/shared";
import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense } from "react";
import { Link } from "wouter";
import { Button } from "../../components/Button.tsx";
import { Field } from "../../components/Field.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import { FieldListEditor } from "../script/FieldListEditor.tsx";
import { ScriptTestRun } from "../script/ScriptTestRun.tsx";
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
}: {
  legend: string;
  fieldNames: string[];
  mapping: ScriptMapping[];
  direction: "in" | "out";
  onChange: (m: ScriptMapping[]) => void;
}) {
  return (
    <fieldset className="space-y-1">
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
  Body: ({ data }) => (
    <pre className="line-clamp-3 overflow-hidden font-mono text-xs whitespace-pre-wrap text-slate-600">
      {data.code.trim() || "(no code yet)"}
    </pre>
  ),
  Settings: ({ data, onChange }) => {
    const trpc = useTRPC();
    const me = useQuery(trpc.auth.me.queryOptions());
    // Code, hosts and secrets belong to developers; the server refuses anyone else's change too.
    const developer = !!me.data && can(me.data.roles, "script.edit");
    const findings = scriptStaticChecks(data.code);
    return (
      <div className="space-y-4">
        {!developer && (
          <p className="rounded-md bg-amber-50 px-2 py-1.5 text-xs text-amber-800">
            Only developers can change this script's code, hosts and secrets.
          </p>
        )}
        <div className="space-y-1">
          <p className="text-sm font-medium text-slate-700" id="script-code-label">
            Code{" "}
            <span className="font-normal text-slate-500">(body of an async function receiving input)</span>
          </p>
          <Suspense fallback={<p className="text-xs text-slate-500">Loading the code editor…</p>}>
            <CodeEditor
              label="Script code"
              value={data.code}
              readOnly={!developer}
              inputFields={data.inputSchema.map((f) => f.name)}
              onChange={(code) => onChange({ ...data, code })}
            />
          </Suspense>
          {findings.length > 0 && (
            <ul aria-label="Script problems" className="space-y-1">
              {findings.map((f) => (
                <li
                  key={`${f.ruleId}-${f.line}-${f.column}`}
                  className={`rounded px-2 py-1 text-xs ${f.severity === "error" ? "bg-red-50 text-red-800" : "bg-amber-50 text-amber-800"}`}
                >
                  Line {f.line}, column {f.column}: {f.message}
                </li>
              ))}
            </ul>
          )}
        </div>
        <FieldListEditor
          legend="Input schema"
          fields={data.inputSchema}
          onChange={(inputSchema) => onChange({ ...data, inputSchema })}
          disabled={false}
        />
        <MappingEditor
          legend="Input from variables"
          direction="in"
          fieldNames={data.inputSchema.map((f) => f.name)}
          mapping={data.inputMapping}
          onChange={(inputMapping) => onChange({ ...data, inputMapping })}
        />
        <FieldListEditor
          legend="Output schema"
          fields={data.outputSchema}
          onChange={(outputSchema) => onChange({ ...data, outputSchema })}
          disabled={false}
        />
        <MappingEditor
          legend="Output to variables"
          direction="out"
          fieldNames={data.outputSchema.map((f) => f.name)}
          mapping={data.outputMapping}
          onChange={(outputMapping) => onChange({ ...data, outputMapping })}
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
