import { blockDefinition, type FlowNode } from "@benteng/shared";
import { Handle, type Node, type NodeProps, Position } from "@xyflow/react";
import type { DiffStatus } from "./flowDiff.ts";
import { textFields } from "./flowDiff.ts";

export type DiffNodeData = { block: FlowNode; status: DiffStatus };
export type DiffNodeType = Node<DiffNodeData, "diff">;

const styles: Record<DiffStatus, { ring: string; badge: string; word: string }> = {
  added: { ring: "ring-2 ring-emerald-500 bg-emerald-50", badge: "bg-emerald-700 text-white", word: "Added" },
  removed: {
    ring: "ring-2 ring-red-500 bg-red-50 opacity-80",
    badge: "bg-red-600 text-white",
    word: "Removed",
  },
  changed: { ring: "ring-2 ring-amber-500 bg-amber-50", badge: "bg-amber-700 text-white", word: "Changed" },
  unchanged: { ring: "ring-1 ring-slate-300 bg-white", badge: "", word: "" },
};

/** A block on the read-only review canvas: its type, its first text, and how it changed. */
export function DiffNode({ data }: NodeProps<DiffNodeType>) {
  const { block, status } = data;
  const label = blockDefinition(block.type).label;
  const summary = [...textFields(block.data).values()].find((s) => s.trim()) ?? "";
  const s = styles[status];
  return (
    <section
      aria-label={`${s.word ? `${s.word} block` : "Block"}: ${label}`}
      className={`w-56 rounded-lg px-3 py-2 text-left shadow-sm ${s.ring}`}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <div className="flex items-center justify-between gap-2">
        <span className="text-xs font-semibold uppercase tracking-wide text-slate-500">{label}</span>
        {s.word && (
          <span className={`rounded px-1.5 py-0.5 text-[10px] font-semibold ${s.badge}`}>{s.word}</span>
        )}
      </div>
      {summary && (
        <p
          className={`mt-1 line-clamp-3 text-sm text-slate-800 ${status === "removed" ? "line-through" : ""}`}
        >
          {summary}
        </p>
      )}
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </section>
  );
}
