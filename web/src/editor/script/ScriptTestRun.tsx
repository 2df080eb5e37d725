import type { ScriptData } from "@benteng/shared";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "../../components/Button.tsx";
import { Field, TextAreaField } from "../../components/Field.tsx";
import { errorMessage, useTRPC } from "../../lib/trpc.ts";

/**
 * Runs the script against sample input in the production sandbox and shows what happened. A test run
 * is unreviewed code, so it never gets the stored secrets: the developer types test values (a sandbox
 * key, say) or the script sees `test-value-of-NAME`.
 */
export function ScriptTestRun({ block }: { block: ScriptData }) {
  const trpc = useTRPC();
  const run = useMutation(trpc.scripts.testRun.mutationOptions());
  const [sample, setSample] = useState(() =>
    JSON.stringify(
      Object.fromEntries(
        block.inputSchema.map((f) => [f.name, f.type === "number" ? 1 : f.type === "boolean" ? true : ""]),
      ),
      null,
      2,
    ),
  );
  const [parseError, setParseError] = useState<string | null>(null);
  const [testSecrets, setTestSecrets] = useState<Record<string, string>>({});
  const start = () => {
    let sampleInput: unknown;
    try {
      sampleInput = JSON.parse(sample || "{}");
    } catch {
      setParseError('Sample input must be JSON, for example {"orderId": "AB-1234"}.');
      return;
    }
    setParseError(null);
    // Only declared secrets, and only the ones given a value: empty means "use the stand-in".
    const typed = Object.fromEntries(
      block.secrets.filter((name) => testSecrets[name]).map((name) => [name, testSecrets[name] ?? ""]),
    );
    run.mutate({ block, sampleInput, testSecrets: typed });
  };
  const r = run.data;
  return (
    <section aria-label="Test run" className="space-y-2 rounded-md bg-slate-50 p-2 ring-1 ring-slate-200">
      <TextAreaField
        label="Sample input (JSON)"
        rows={3}
        className="font-mono"
        value={sample}
        onChange={(e) => setSample(e.target.value)}
        error={parseError}
      />
      {block.secrets.length > 0 && (
        <fieldset className="space-y-1.5">
          <legend className="text-xs font-medium text-slate-700">Test values for secrets</legend>
          <p className="text-xs text-slate-600">
            Test runs never use the stored secrets: only published code that passed review gets them. Type a
            value to test with (a sandbox key, for example); empty ones get a stand-in such as{" "}
            <code>test-value-of-{block.secrets[0]}</code>.
          </p>
          {block.secrets.map((name) => (
            <Field
              key={name}
              label={name}
              type="password"
              autoComplete="off"
              placeholder={`test-value-of-${name}`}
              value={testSecrets[name] ?? ""}
              onChange={(e) => setTestSecrets((prev) => ({ ...prev, [name]: e.target.value }))}
            />
          ))}
        </fieldset>
      )}
      <Button variant="secondary" onClick={start} disabled={run.isPending}>
        {run.isPending ? "Running…" : "Run test"}
      </Button>
      {run.error && (
        <p role="alert" className="text-xs text-red-600">
          {errorMessage(run.error)}
        </p>
      )}
      {r && (
        <div role="status" aria-label="Test result" className="space-y-1 text-xs">
          {r.ok ? (
            <p className="font-medium text-brand-700">Succeeded</p>
          ) : (
            <p className="font-medium text-red-700">
              Failed ({r.error.kind}): {r.error.message}
            </p>
          )}
          {r.ok && (
            <pre className="max-h-40 overflow-auto rounded bg-white p-1.5 ring-1 ring-slate-200">
              {JSON.stringify(r.result, null, 2)}
            </pre>
          )}
          <p className="text-slate-600">
            {r.ms.toFixed(1)} ms
            {"memoryBytes" in r && typeof r.memoryBytes === "number"
              ? ` · ${(r.memoryBytes / 1024 / 1024).toFixed(1)} MB heap`
              : ""}
          </p>
          {r.missingSecrets.length > 0 && (
            <p className="text-amber-700">Secrets not set yet: {r.missingSecrets.join(", ")}</p>
          )}
          {r.standInSecrets.length > 0 && (
            <p className="text-amber-700">
              Stand-in values were used for {r.standInSecrets.join(", ")} (test-value-of-NAME): test runs
              never get stored secrets.
            </p>
          )}
          {r.logs.length > 0 && (
            <>
              <p className="font-medium text-slate-700">Logs</p>
              <pre className="max-h-32 overflow-auto rounded bg-white p-1.5 ring-1 ring-slate-200">
                {r.logs.join("\n")}
              </pre>
            </>
          )}
        </div>
      )}
    </section>
  );
}
