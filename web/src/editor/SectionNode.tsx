import { Handle, type NodeProps, Position } from "@xyflow/react";
import { useContext } from "react";
import { useEditor } from "./editorContext.ts";
import { ProblemsContext } from "./problemsContext.ts";
import type { SectionNode as SectionNodeType } from "./sections.ts";

/** A collapsed section on the canvas: its name, how many blocks it holds, and a way to open it. */
export function SectionNode({ data }: NodeProps<SectionNodeType>) {
  const setGroupCollapsed = useEditor((s) => s.setGroupCollapsed);
  const memberIds = useEditor((s) => s.groups.find((g) => g.id === data.groupId)?.blockIds);
  const problems = useContext(ProblemsContext);
  // The blocks' problems stay visible while they are folded away.
  const errors = (memberIds ?? []).reduce(
    (n, id) => n + (problems.get(id) ?? []).filter((p) => p.severity === "error").length,
    0,
  );
  return (
    <section
      aria-label={`Section ${data.name}`}
      data-testid={`section-${data.groupId}`}
      className="w-64 rounded-lg border-2 border-dashed border-brand-600 bg-brand-50 px-3 py-2 text-sm shadow-md"
    >
      <Handle
        type="target"
        position={Position.Left}
        className="!-left-1.5"
        isConnectable={false}
        role="img"
        aria-label="Into the section"
      />
      <div className="flex items-center gap-2">
        <p className="font-semibold text-slate-800">{data.name}</p>
        {errors > 0 && (
          <span
            role="status"
            className="ml-auto rounded-full bg-red-600 px-1.5 text-xs font-semibold text-white"
          >
            {errors} {errors === 1 ? "problem" : "problems"}
          </span>
        )}
      </div>
      <p className="text-xs text-slate-600">
        Section of {data.count} {data.count === 1 ? "block" : "blocks"}
      </p>
      <button
        type="button"
        className="nodrag mt-2 rounded-md bg-white px-2 py-1 text-xs font-medium text-brand-700 ring-1 ring-brand-600 hover:bg-brand-100"
        onClick={() => setGroupCollapsed(data.groupId, false)}
      >
        Expand {data.name}
      </button>
      <Handle
        type="source"
        id="out"
        position={Position.Right}
        className="!-right-1.5"
        isConnectable={false}
        role="img"
        aria-label="Out of the section"
      />
    </section>
  );
}
