import { blockDefinition } from "@benteng/shared";
import { useReactFlow } from "@xyflow/react";
import { Button } from "../components/Button.tsx";
import { READABLE_ZOOM } from "./canvasView.ts";
import { useEditor } from "./editorContext.ts";
import type { BlockProblem } from "./problemsContext.ts";

/** Reads a dotted path ("buttons.1.title") inside a block's data. */
function textAt(data: unknown, field: string | undefined): string | null {
  if (!field) return null;
  let value: unknown = data;
  for (const part of field.split(".")) {
    if (value === null || typeof value !== "object") return null;
    value = (value as Record<string, unknown>)[part];
  }
  return typeof value === "string" ? value : null;
}

/** Every problem of the flow; choosing one selects its block and brings it into view. */
export function ProblemsPanel({
  problems,
  checking = false,
  onClose,
  readOnly = false,
}: {
  problems: BlockProblem[];
  /** The flow changed and is being checked again. */
  checking?: boolean;
  onClose: () => void;
  readOnly?: boolean;
}) {
  const nodes = useEditor((s) => s.nodes);
  const onNodesChange = useEditor((s) => s.onNodesChange);
  const onEdgesChange = useEditor((s) => s.onEdgesChange);
  const groups = useEditor((s) => s.groups);
  const setGroupCollapsed = useEditor((s) => s.setGroupCollapsed);
  const { setCenter, getZoom } = useReactFlow();
  const jump = (blockId: string) => {
    const node = nodes.find((n) => n.id === blockId);
    if (!node) return;
    // A block inside a collapsed section is not drawn: open the section to show it.
    const hiding = groups.find((g) => g.collapsed && g.blockIds.includes(blockId));
    if (hiding) setGroupCollapsed(hiding.id, false);
    onNodesChange(nodes.map((n) => ({ type: "select" as const, id: n.id, selected: n.id === blockId })));
    setCenter(node.position.x + 128, node.position.y + 60, {
      zoom: Math.max(getZoom(), READABLE_ZOOM),
      duration: 300,
    });
  };
  const sorted = [...problems].sort((a, b) =>
    a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1,
  );
  return (
    <section
      aria-label="Problems"
      className="absolute inset-x-0 bottom-0 z-10 max-h-72 overflow-y-auto border-t border-slate-200 bg-white shadow-lg"
    >
      <div className="sticky top-0 flex items-center border-b border-slate-100 bg-white px-4 py-2">
        <h2 className="text-sm font-semibold">Problems ({problems.length})</h2>
        <button
          type="button"
          className="ml-auto text-sm text-slate-500 hover:text-slate-800"
          onClick={onClose}
        >
          Close
        </button>
      </div>
      {sorted.length === 0 ? (
        <p className="px-4 py-3 text-sm text-slate-500">
          {checking ? "Checking the flow…" : "No problems: this flow passes every check."}
        </p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {sorted.map((p) => {
            const node = p.blockId ? nodes.find((n) => n.id === p.blockId) : undefined;
            const where = node ? blockDefinition(node.type).label : "Flow";
            const text = node ? textAt(node.data, p.field) : null;
            return (
              <li
                key={`${p.ruleId}-${p.blockId ?? ""}-${p.edgeId ?? ""}-${p.field ?? ""}-${p.message}`}
                className="flex items-start"
              >
                <button
                  type="button"
                  disabled={!node}
                  onClick={() => node && jump(node.id)}
                  className="flex w-full items-start gap-3 px-4 py-2 text-left text-sm hover:bg-slate-50 disabled:cursor-default"
                >
                  <span
                    className={`mt-0.5 shrink-0 rounded px-1.5 text-xs font-semibold text-white ${p.severity === "error" ? "bg-red-600" : "bg-amber-700"}`}
                  >
                    {p.severity === "error" ? "Error" : "Warning"}
                  </span>
                  <span className="min-w-0">
                    <span className="block text-slate-800">{p.message}</span>
                    {text && p.span && <Highlighted text={text} span={p.span} />}
                    <span className="block text-xs text-slate-500">
                      {where} · {p.ruleId}
                    </span>
                  </span>
                </button>
                {p.edgeId && !readOnly && (
                  <Button
                    variant="secondary"
                    className="m-2 shrink-0"
                    onClick={() => onEdgesChange([{ type: "remove", id: p.edgeId as string }])}
                  >
                    Remove connection
                  </Button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** The offending words marked inside the text they were found in. */
function Highlighted({ text, span }: { text: string; span: { start: number; end: number } }) {
  const from = Math.max(0, span.start - 60);
  const to = Math.min(text.length, span.end + 60);
  return (
    <span className="mt-1 block rounded bg-slate-50 px-2 py-1 text-xs text-slate-700">
      {from > 0 && "…"}
      {text.slice(from, span.start)}
      <mark className="rounded bg-red-200 px-0.5 text-red-900">{text.slice(span.start, span.end)}</mark>
      {text.slice(span.end, to)}
      {to < text.length && "…"}
    </span>
  );
}
