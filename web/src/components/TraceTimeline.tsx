import { blockDefinition, type TraceEntry } from "@benteng/shared";

/** What a trace entry's outcome means, in words. */
function outcomeText(entry: TraceEntry): string {
  switch (entry.outcome) {
    case "next":
      return entry.output && entry.output !== "next" ? `went on by "${entry.output}"` : "went on";
    case "wait":
      return "waited for the customer";
    case "ended":
      return "ended the conversation";
    case "handoff":
      return "handed over to a person";
    case "stopped":
      return "stopped: no way on";
    case "none":
      return "";
  }
}

function blockName(entry: TraceEntry): string {
  if (!entry.blockType) return "Engine";
  return `${blockDefinition(entry.blockType).label} “${entry.blockId}”`;
}

/**
 * A conversation's trace as a timeline: every block the engine entered or resumed, the output it
 * took, variables it set, a script's outcome with its error, the guard's decisions and messages
 * queued. Used by the conversation page and the simulator.
 */
export function TraceTimeline({
  entries,
  label = "Trace",
}: {
  entries: ReadonlyArray<TraceEntry & { key: string; at?: string | Date }>;
  label?: string;
}) {
  if (entries.length === 0) return <p className="text-xs text-slate-500">No steps yet.</p>;
  return (
    <ol aria-label={label} className="space-y-1.5 text-xs">
      {entries.map((e) => {
        const failed = e.script && !e.script.ok;
        const blocked = e.guard?.some((g) => g.blocked);
        return (
          <li
            key={e.key}
            data-block-id={e.blockId}
            className={`rounded-md border-l-4 bg-white px-2 py-1 shadow-sm ${failed || blocked ? "border-red-500" : e.action === "system" ? "border-slate-300" : "border-sky-400"}`}
          >
            <p>
              <span className="font-medium text-slate-800">{blockName(e)}</span>{" "}
              <span className="text-slate-600">
                {e.action === "resume" ? "got the customer's answer and " : ""}
                {outcomeText(e)}
              </span>
              {e.at && (
                <span className="float-right text-[10px] text-slate-600">
                  {new Date(e.at).toLocaleTimeString()}
                </span>
              )}
            </p>
            {failed && e.script?.error && (
              <p role="note" className="font-medium text-red-700">
                Script failed ({e.script.error.kind}): {e.script.error.message}
              </p>
            )}
            {e.script?.ok && <p className="text-emerald-700">Script succeeded</p>}
            {e.variables &&
              Object.entries(e.variables).map(([name, value]) => (
                <p key={name} className="break-all text-slate-700">
                  set <code className="rounded bg-slate-100 px-1">{name}</code> = {value}
                </p>
              ))}
            {e.guard?.map((g, i) =>
              g.blocked ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: decisions are positional
                <p key={i} className="text-red-700">
                  Outgoing message blocked by the guard: {g.reason}
                </p>
              ) : null,
            )}
            {e.sent ? (
              <p className="text-slate-500">
                {e.sent} {e.sent === 1 ? "message" : "messages"} queued
                {e.guard && !blocked ? " (passed the guard)" : ""}
              </p>
            ) : null}
            {e.notes?.map((n, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: notes are positional
              <p key={i} className="text-slate-500 italic">
                {n}
              </p>
            ))}
          </li>
        );
      })}
    </ol>
  );
}
