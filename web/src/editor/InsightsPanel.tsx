import type { InsightRange } from "@benteng/shared";
import type { RouterOutputs } from "../lib/trpc.ts";

type Daily = RouterOutputs["flows"]["insights"]["daily"];

const ranges: Array<[InsightRange, string]> = [
  ["today", "Today"],
  ["7d", "7 days"],
  ["30d", "30 days"],
];

/** The range picker and a small per-day chart (conversations, script errors, handoffs) of the flow. */
export function InsightsPanel({
  range,
  onRange,
  daily,
  loading,
}: {
  range: InsightRange;
  onRange: (range: InsightRange) => void;
  daily: Daily | undefined;
  loading: boolean;
}) {
  const days = daily ?? [];
  const max = Math.max(1, ...days.map((d) => d.conversations));
  const total = days.reduce(
    (acc, d) => ({
      conversations: acc.conversations + d.conversations,
      errors: acc.errors + d.errors,
      handoffs: acc.handoffs + d.handoffs,
    }),
    { conversations: 0, errors: 0, handoffs: 0 },
  );
  const barWidth = days.length > 0 ? Math.max(4, Math.floor(200 / days.length) - 2) : 8;
  return (
    <section
      aria-label="Insights"
      className="absolute top-3 left-3 z-10 w-64 space-y-2 rounded-lg bg-white/95 p-3 text-xs shadow-md ring-1 ring-slate-200"
    >
      <div className="flex items-center gap-2">
        <h2 className="font-semibold text-slate-800">Insights</h2>
        <label className="ml-auto">
          <span className="sr-only">Range</span>
          <select
            className="rounded px-1 py-0.5 ring-1 ring-slate-300"
            value={range}
            onChange={(e) => onRange(e.target.value as InsightRange)}
          >
            {ranges.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="text-slate-600">
        {loading
          ? "Counting…"
          : `${total.conversations} ${total.conversations === 1 ? "conversation" : "conversations"} · ${total.errors} script ${total.errors === 1 ? "error" : "errors"} · ${total.handoffs} ${total.handoffs === 1 ? "handoff" : "handoffs"}`}
      </p>
      <svg
        role="img"
        aria-label="Conversations and script errors per day"
        viewBox="0 0 210 60"
        className="h-16 w-full"
      >
        <title>Conversations (blue) and script errors (red) per day</title>
        {days.map((d, i) => {
          const h = Math.round((d.conversations / max) * 56);
          const e = Math.round((Math.min(d.errors, d.conversations || d.errors) / max) * 56);
          const x = i * (barWidth + 2);
          return (
            <g key={d.day}>
              <rect x={x} y={58 - h} width={barWidth} height={h} className="fill-sky-400">
                <title>{`${d.day}: ${d.conversations} conversations, ${d.errors} script errors, ${d.handoffs} handoffs`}</title>
              </rect>
              {e > 0 && <rect x={x} y={58 - e} width={barWidth} height={e} className="fill-red-500" />}
            </g>
          );
        })}
        <line x1="0" y1="58.5" x2="210" y2="58.5" className="stroke-slate-300" />
      </svg>
    </section>
  );
}
