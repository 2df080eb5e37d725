import { type BlockType, blockDefinition } from "@benteng/shared";
import { Handle, type NodeProps, Position } from "@xyflow/react";
import { type ComponentType, useContext } from "react";
import { editorBlocks } from "./blocks/registry.ts";
import { categoryColors } from "./categoryColors.ts";
import type { BlockNode as BlockNodeType } from "./editorStore.ts";
import { BlockIcon } from "./icons.tsx";
import { InsightsContext } from "./insightsContext.ts";
import { ActiveBlockContext, useProblemsFor } from "./problemsContext.ts";

/** Every block type renders through this: header, the type's own body, labelled output handles. */
export function BlockNode({ id, type, data, selected }: NodeProps<BlockNodeType>) {
  const definition = blockDefinition(type as BlockType);
  const Body = editorBlocks[type as BlockType].Body as ComponentType<{ data: unknown }>;
  const outputs = definition.outputs(data as never);
  const problems = useProblemsFor(id);
  const active = useContext(ActiveBlockContext) === id;
  const insights = useContext(InsightsContext);
  const insight = insights ? (insights[id] ?? { visits: 0, waiting: 0 }) : null;
  const errors = problems.filter((p) => p.severity === "error").length;
  const warnings = problems.length - errors;
  return (
    <article
      data-testid={`block-${id}`}
      aria-label={`${definition.label} block`}
      className={`w-64 rounded-lg bg-white text-sm shadow-md ring-1 ${errors ? "ring-red-400" : "ring-slate-200"} ${selected ? "shadow-lg" : ""} ${active ? "ring-4 ring-sky-400" : ""}`}
      aria-current={active ? "step" : undefined}
    >
      {type !== "start" && (
        <Handle type="target" position={Position.Left} className="!-left-1.5" aria-label="Input" />
      )}
      <div className="flex items-center gap-2 rounded-t-lg border-b border-slate-100 px-3 py-2">
        <span className={`rounded p-1 ${categoryColors[definition.category]}`}>
          <BlockIcon name={definition.icon} />
        </span>
        <span className="font-medium text-slate-800">{definition.label}</span>
        {errors > 0 && (
          <span
            className="ml-auto rounded-full bg-red-600 px-1.5 text-xs font-semibold text-white"
            title={problems.map((p) => p.message).join("\n")}
            role="status"
          >
            {errors} {errors === 1 ? "problem" : "problems"}
          </span>
        )}
        {errors === 0 && warnings > 0 && (
          <span
            className="ml-auto rounded-full bg-amber-500 px-1.5 text-xs font-semibold text-white"
            title={problems.map((p) => p.message).join("\n")}
            role="status"
          >
            {warnings} {warnings === 1 ? "warning" : "warnings"}
          </span>
        )}
      </div>
      {insight && (
        <p className="border-b border-slate-100 bg-sky-50 px-3 py-1 text-xs text-sky-900">
          {insight.visits} {insight.visits === 1 ? "visit" : "visits"} · {insight.waiting} waiting here
        </p>
      )}
      <div className="px-3 py-2">
        <Body data={data} />
      </div>
      {outputs.length > 0 && (
        <ul className="space-y-1 border-t border-slate-100 py-2">
          {outputs.map((o) => (
            <li key={o.id} className="relative pr-4 text-right text-xs text-slate-600">
              <span className="truncate">{o.label}</span>
              <Handle
                type="source"
                id={o.id}
                position={Position.Right}
                className="source-handle !-right-1.5"
                aria-label={`Output: ${o.label}`}
                title={o.label}
              />
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
