import type { TextChange } from "./flowDiff.ts";

/** Every changed text, old above new, so a reviewer reads exactly what customers will read. */
export function TextDiff({ changes }: { changes: TextChange[] }) {
  if (changes.length === 0) return <p className="text-sm text-slate-500">No text changed.</p>;
  return (
    <ul aria-label="Changed texts" className="space-y-3">
      {changes.map((c) => (
        <li key={`${c.blockId}:${c.field}`} className="rounded-md p-3 ring-1 ring-slate-200">
          <p className="mb-1 text-xs font-medium text-slate-500">
            {c.blockLabel} · {c.field}
          </p>
          {c.before !== null && (
            <del className="block whitespace-pre-wrap rounded bg-red-50 px-2 py-1 font-mono text-sm text-red-800">
              {c.before}
            </del>
          )}
          {c.after !== null && (
            <ins className="mt-1 block whitespace-pre-wrap rounded bg-emerald-50 px-2 py-1 font-mono text-sm text-emerald-900 no-underline">
              {c.after}
            </ins>
          )}
        </li>
      ))}
    </ul>
  );
}
