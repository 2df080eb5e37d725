import { type BlockType, blockDefinition, blockOutputs } from "@benteng/shared";
import { Handle, type NodeProps, Position } from "@xyflow/react";
import { useContext } from "react";
import { BlockBody } from "./blocks/registry.ts";
import { categoryColors } from "./categoryColors.ts";
import type { BlockNodeOf } from "./editorStore.ts";
import { BlockIcon } from "./icons.tsx";
import { InsightsContext, PathContext } from "./insightsContext.ts";
import { ActiveBlockContext, useProblemsFor } from "./problemsContext.ts";

/** React Flow's props for a block node, one member per block type (so `type` narrows `data`). */
export type BlockNodeProps = { [T in BlockType]: NodeProps<BlockNodeOf<T>> }[BlockType];

/** Every block type renders through this: header, the type's own body, labelled output handles. */
export function BlockNode(block: BlockNodeProps) {
  const { id, type, selected } = block;
  const definition = blockDefinition(type);
  const outputs = blockOutputs(block);
  const problems = useProblemsFor(id);
  const active = useContext(ActiveBlockContext) === id;
  const insights = useContext(InsightsContext);
  const insight = insights
    ? (insights[id] ?? { visits: 0, exits: 0, dropOff: 0, waiting: 0, errors: 0, errorsByKind: {} })
    : null;
  const path = useContext(PathContext);
  const steps = path?.steps.get(id);
  const onPath = !!steps;
  const errors = problems.filter((p) => p.severity === "error").length;
  const warnings = problems.length - errors;
  return (
    <article
      data-testid={`block-${id}`}
      aria-label={`${definition.label} block`}
      // One ring class at a time: the simulator's active block wins, then a traced path, then errors.
      className={`w-64 rounded-lg bg-white text-sm shadow-md ${active ? "ring-4 ring-sky-500 ring-offset-2" : onPath ? "ring-4 ring-amber-400" : errors ? "ring-2 ring-red-500" : "ring-1 ring-slate-200"} ${selected ? "shadow-lg outline-2 outline-offset-2 outline-brand-600" : ""} ${path && !onPath ? "opacity-50" : ""}`}
      aria-current={active ? "step" : undefined}
      data-on-path={onPath ? "true" : undefined}
    >
      {type !== "start" && (
        <Handle
          type="target"
          position={Position.Left}
          className="!-left-1.5"
          // A labelled graphic: role-less elements must not carry aria-label.
          role="img"
          aria-label="Input"
        />
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
            className="ml-auto rounded-full bg-amber-700 px-1.5 text-xs font-semibold text-white"
            title={problems.map((p) => p.message).join("\n")}
            role="status"
          >
            {warnings} {warnings === 1 ? "warning" : "warnings"}
          </span>
        )}
      </div>
      {steps && (
        <p className="border-b border-slate-100 bg-amber-50 px-3 py-1 text-xs text-amber-900">
          {steps.length === 1 ? "Step" : "Steps"} {steps.join(", ")}
          {path?.last === id ? " · stands here" : ""}
        </p>
      )}
      {insight && (
        <p
          className="border-b border-slate-100 bg-sky-50 px-3 py-1 text-xs text-sky-900"
          data-testid={`insight-${id}`}
        >
          {insight.visits} {insight.visits === 1 ? "visit" : "visits"} · {insight.exits} went on ·{" "}
          {insight.dropOff} dropped off · {insight.waiting}{" "}
          {type === "handoff" ? "waiting for a person" : "waiting here"}
          {insight.errors > 0 && (
            <span
              className="ml-1 font-semibold text-red-700"
              title={Object.entries(insight.errorsByKind)
                .map(([kind, n]) => `${n} × ${kind}`)
                .join("\n")}
            >
              · {insight.errors} {insight.errors === 1 ? "error" : "errors"}
            </span>
          )}
        </p>
      )}
      <div className="px-3 py-2">
        <BlockBody block={block} />
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
                role="img"
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
