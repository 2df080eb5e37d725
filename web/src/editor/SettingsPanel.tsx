import { type BlockType, blockDefinition } from "@benteng/shared";
import { type ComponentType, useState } from "react";
import { useShallow } from "zustand/react/shallow";
import { Button } from "../components/Button.tsx";
import { ConfirmDialog } from "../components/ConfirmDialog.tsx";
import { editorBlocks } from "./blocks/registry.ts";
import { useEditor } from "./editorContext.ts";
import { losesWork } from "./losesWork.ts";
import { useProblemsFor } from "./problemsContext.ts";
import { VariablesPanel } from "./VariablesPanel.tsx";

/** The right-hand panel: the selected block's settings and connections, or the flow's settings. */
export function SettingsPanel() {
  const selected = useEditor(useShallow((s) => s.nodes.filter((n) => n.selected).map((n) => n.id)));
  const single = selected.length === 1 ? selected[0] : undefined;
  return (
    <aside aria-label="Settings" className="w-80 shrink-0 overflow-y-auto border-l border-slate-200 bg-white">
      {single ? (
        <BlockSettings id={single} />
      ) : selected.length > 1 ? (
        <MultiSelection count={selected.length} />
      ) : (
        <FlowSettings />
      )}
    </aside>
  );
}

function BlockSettings({ id }: { id: string }) {
  const node = useEditor((s) => s.nodes.find((n) => n.id === id));
  const nodes = useEditor((s) => s.nodes);
  const edges = useEditor((s) => s.edges);
  const updateBlockData = useEditor((s) => s.updateBlockData);
  const connectBlocks = useEditor((s) => s.connectBlocks);
  const onEdgesChange = useEditor((s) => s.onEdgesChange);
  const removeBlocks = useEditor((s) => s.removeBlocks);
  const problems = useProblemsFor(id);
  const [confirmDelete, setConfirmDelete] = useState(false);
  if (!node) return null;
  const type = node.type as BlockType;
  const definition = blockDefinition(type);
  const Settings = editorBlocks[type].Settings as ComponentType<{
    blockId: string;
    data: unknown;
    onChange: (d: unknown) => void;
  }>;
  const outputs = definition.outputs(node.data as never);
  const label = (targetId: string) => {
    const t = nodes.find((n) => n.id === targetId);
    if (!t) return targetId;
    const summary = blockDefinition(t.type as BlockType).summary(t.data as never);
    return `${blockDefinition(t.type as BlockType).label}${summary ? `: ${summary.slice(0, 30)}` : ""}`;
  };
  return (
    <div className="space-y-4 p-4">
      <div>
        <h2 className="text-base font-semibold">{definition.label}</h2>
        <p className="text-xs text-slate-500">{definition.description}</p>
      </div>
      {problems.length > 0 && (
        <ul className="space-y-1" aria-label="Problems in this block">
          {problems.map((p) => (
            <li
              key={`${p.ruleId}-${p.field ?? ""}-${p.message}`}
              className={`rounded-md px-2 py-1.5 text-xs ${p.severity === "error" ? "bg-red-50 text-red-800" : "bg-amber-50 text-amber-800"}`}
            >
              {p.message}
            </li>
          ))}
        </ul>
      )}
      <Settings
        blockId={id}
        data={node.data}
        onChange={(data) => updateBlockData(id, data as Record<string, unknown>)}
      />
      {outputs.length > 0 && (
        <fieldset className="space-y-2 border-t border-slate-100 pt-3">
          <legend className="text-sm font-medium text-slate-700">Connections</legend>
          {outputs.map((o) => {
            const edge = edges.find((e) => e.source === id && (e.sourceHandle ?? "next") === o.id);
            return (
              <div key={o.id} className="space-y-1">
                <label htmlFor={`conn-${id}-${o.id}`} className="block text-xs text-slate-600">
                  {o.label} → next block
                </label>
                <select
                  id={`conn-${id}-${o.id}`}
                  className="block w-full rounded-md px-2 py-1 text-sm ring-1 ring-slate-300"
                  value={edge?.target ?? ""}
                  onChange={(e) => {
                    if (e.target.value)
                      connectBlocks({
                        source: id,
                        sourceHandle: o.id,
                        target: e.target.value,
                        targetHandle: null,
                      });
                    else if (edge) onEdgesChange([{ type: "remove", id: edge.id }]);
                  }}
                >
                  <option value="">(not connected)</option>
                  {nodes
                    .filter((n) => n.id !== id && n.type !== "start")
                    .map((n) => (
                      <option key={n.id} value={n.id}>
                        {label(n.id)}
                      </option>
                    ))}
                </select>
              </div>
            );
          })}
        </fieldset>
      )}
      {type !== "start" && (
        <Button
          variant="danger"
          onClick={() => (losesWork([node]) ? setConfirmDelete(true) : removeBlocks([id]))}
        >
          Delete block
        </Button>
      )}
      {confirmDelete && (
        <ConfirmDialog
          title="Delete this block?"
          confirmLabel="Delete"
          onConfirm={() => removeBlocks([id])}
          onCancel={() => setConfirmDelete(false)}
        >
          What you wrote in it will be removed (Undo brings it back).
        </ConfirmDialog>
      )}
    </div>
  );
}

function MultiSelection({ count }: { count: number }) {
  const selected = useEditor(
    useShallow((s) => s.nodes.filter((n) => n.selected && n.type !== "start").map((n) => n.id)),
  );
  const removeBlocks = useEditor((s) => s.removeBlocks);
  return (
    <div className="space-y-3 p-4">
      <h2 className="text-base font-semibold">{count} blocks selected</h2>
      <p className="text-sm text-slate-600">Copy with Ctrl+C, paste with Ctrl+V, or move them together.</p>
      <Button variant="danger" onClick={() => removeBlocks(selected)} disabled={selected.length === 0}>
        Delete {selected.length} blocks
      </Button>
    </div>
  );
}

function FlowSettings() {
  const settings = useEditor((s) => s.settings);
  const setSettings = useEditor((s) => s.setSettings);
  return (
    <div className="space-y-5 p-4">
      <div>
        <h2 className="text-base font-semibold">Flow settings</h2>
        <p className="text-xs text-slate-500">Select a block to edit it.</p>
      </div>
      <label className="flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          className="mt-0.5"
          checked={settings.safetyNotice}
          onChange={(e) => setSettings({ ...settings, safetyNotice: e.target.checked })}
        />
        <span>
          Add “We will never ask for your PIN, password or OTP.” to the first message
          <span className="block text-xs text-slate-500">
            Teaches customers to recognise scams that imitate you.
          </span>
        </span>
      </label>
      <VariablesPanel />
    </div>
  );
}
