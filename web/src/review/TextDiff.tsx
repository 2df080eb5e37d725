import type { EdgeChange, FieldChange } from "./flowDiff.ts";

/**
 * Every changed value, old above new, so a reviewer reads exactly what customers will read and every
 * limit, schema and host a script gets; texts keep their line breaks.
 */
export function TextDiff({ changes }: { changes: FieldChange[] }) {
  if (changes.length === 0) return <p className="text-sm text-slate-500">Nothing changed.</p>;
  return (
    <ul aria-label="Changed fields" className="space-y-3">
      {changes.map((c) => (
        <li
          key={`${c.blockId}:${c.field}`}
          aria-label={`${c.blockLabel} · ${c.fieldLabel}`}
          className="rounded-md p-3 ring-1 ring-slate-200"
        >
          <p className="mb-1 text-xs font-medium text-slate-600">
            {c.blockLabel} · <span className="text-slate-800">{c.fieldLabel}</span>
          </p>
          {c.kind === "text" ? (
            <>
              {c.before !== null && (
                <del className="block whitespace-pre-wrap break-words rounded bg-red-50 px-2 py-1 font-mono text-sm text-red-800">
                  {c.before}
                </del>
              )}
              {c.after !== null && (
                <ins className="mt-1 block whitespace-pre-wrap break-words rounded bg-emerald-50 px-2 py-1 font-mono text-sm text-emerald-900 no-underline">
                  {c.after}
                </ins>
              )}
            </>
          ) : (
            <p className="text-sm">
              {c.before !== null && (
                <del className="rounded bg-red-50 px-1.5 py-0.5 text-red-800">{c.before}</del>
              )}
              {c.before !== null && c.after !== null && <span aria-hidden="true"> → </span>}
              {c.before !== null && c.after !== null && <span className="sr-only"> changed to </span>}
              {c.after !== null && (
                <ins className="rounded bg-emerald-50 px-1.5 py-0.5 text-emerald-900 no-underline">
                  {c.after}
                </ins>
              )}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}

/** Connections added or removed, named by the button title or output they leave from. */
export function EdgeDiff({ edges }: { edges: EdgeChange[] }) {
  const changed = edges.filter((e) => e.status !== "unchanged");
  if (changed.length === 0) return <p className="text-sm text-slate-500">No connection changed.</p>;
  return (
    <ul aria-label="Changed connections" className="space-y-1 text-sm">
      {changed.map((e) => (
        <li
          key={`${e.status}:${e.edge.id}`}
          className={e.status === "removed" ? "text-red-800" : "text-emerald-900"}
        >
          {e.status === "removed" ? "Removed" : "Added"}: {e.from} —“{e.label}”→ {e.to}
        </li>
      ))}
    </ul>
  );
}
