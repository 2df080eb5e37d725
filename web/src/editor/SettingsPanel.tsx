import { blockDefinition, blockOutputs, blockSummary } from "@benteng/shared";
import { useState } from "react";
import { useShallow } from "zustand/react/shallow";
import { Button } from "../components/Button.tsx";
import { ConfirmDialog } from "../components/ConfirmDialog.tsx";
import { BlockSettingsFields } from "./blocks/registry.ts";
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
  const updateBlock = useEditor((s) => s.updateBlock);
  const connectBlocks = useEditor((s) => s.connectBlocks);
  const onEdgesChange = useEditor((s) => s.onEdgesChange);
  const removeBlocks = useEditor((s) => s.removeBlocks);
  const mayRemove = useEditor((s) => s.mayRemove);
  const problems = useProblemsFor(id);
  const [confirmDelete, setConfirmDelete] = useState(false);
  if (!node) return null;
  const definition = blockDefinition(node.type);
  const outputs = blockOutputs(node);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const targets = nodes.filter((n) => n.id !== id && n.type !== "start").map((n) => n.id);
  const label = (targetId: string) => {
    const t = byId.get(targetId);
    if (!t) return targetId;
    const summary = blockSummary(t);
    return `${blockDefinition(t.type).label}${summary ? `: ${summary.slice(0, 30)}` : ""}`;
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
      <BlockSettingsFields blockId={id} block={node} onChange={(block) => updateBlock(id, block)} />
      <InSection blockId={id} />
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
                <ConnectionSelect
                  id={`conn-${id}-${o.id}`}
                  value={edge?.target ?? ""}
                  targets={targets}
                  label={label}
                  onChange={(target) => {
                    if (target) connectBlocks({ source: id, sourceHandle: o.id, target, targetHandle: null });
                    else if (edge) onEdgesChange([{ type: "remove", id: edge.id }]);
                  }}
                />
              </div>
            );
          })}
        </fieldset>
      )}
      {node.type !== "start" && (
        <Button
          variant="danger"
          onClick={() => {
            if (!mayRemove([id])) return;
            if (losesWork([node])) setConfirmDelete(true);
            else removeBlocks([id]);
          }}
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
  const all = useEditor(useShallow((s) => s.nodes.filter((n) => n.selected).map((n) => n.id)));
  const removeBlocks = useEditor((s) => s.removeBlocks);
  const mayRemove = useEditor((s) => s.mayRemove);
  const groupBlocks = useEditor((s) => s.groupBlocks);
  const [name, setName] = useState("");
  return (
    <div className="space-y-3 p-4">
      <h2 className="text-base font-semibold">{count} blocks selected</h2>
      <p className="text-sm text-slate-600">Copy with Ctrl+C, paste with Ctrl+V, or move them together.</p>
      <form
        className="space-y-2 rounded-md bg-slate-50 p-3"
        onSubmit={(e) => {
          e.preventDefault();
          if (groupBlocks(all, name)) setName("");
        }}
      >
        <label htmlFor="section-name" className="block text-sm font-medium text-slate-700">
          Section name
        </label>
        <input
          id="section-name"
          className="block w-full rounded-md px-2 py-1 text-sm ring-1 ring-slate-300"
          value={name}
          maxLength={60}
          placeholder="e.g. Collect the order number"
          onChange={(e) => setName(e.target.value)}
        />
        <p className="text-xs text-slate-600">
          A section can be collapsed to one block on the canvas; conversations are not affected.
        </p>
        <Button type="submit" variant="secondary" disabled={!name.trim()}>
          Group into a section
        </Button>
      </form>
      <Button
        variant="danger"
        onClick={() => mayRemove(selected) && removeBlocks(selected)}
        disabled={selected.length === 0}
      >
        Delete {selected.length} {selected.length === 1 ? "block" : "blocks"}
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
      <SectionsList />
      <VariablesPanel />
    </div>
  );
}

/** Every section of the flow, to collapse, expand, rename or dissolve without the mouse. */
function SectionsList() {
  const groups = useEditor((s) => s.groups);
  const setGroupCollapsed = useEditor((s) => s.setGroupCollapsed);
  const renameGroup = useEditor((s) => s.renameGroup);
  const ungroup = useEditor((s) => s.ungroup);
  return (
    <section aria-labelledby="sections-heading" className="space-y-2 border-t border-slate-100 pt-3">
      <h3 id="sections-heading" className="text-sm font-medium text-slate-700">
        Sections
      </h3>
      {groups.length === 0 ? (
        <p className="text-xs text-slate-600">
          Select several blocks to group them into a section that collapses to one block.
        </p>
      ) : (
        <ul className="space-y-2">
          {groups.map((g) => (
            <li key={g.id} className="space-y-1 rounded-md bg-slate-50 p-2">
              <input
                aria-label={`Name of section ${g.name}`}
                className="block w-full rounded-md px-2 py-1 text-sm ring-1 ring-slate-300"
                defaultValue={g.name}
                maxLength={60}
                onBlur={(e) =>
                  e.target.value.trim() && e.target.value !== g.name && renameGroup(g.id, e.target.value)
                }
              />
              <p className="text-xs text-slate-600">
                {g.blockIds.length} {g.blockIds.length === 1 ? "block" : "blocks"}
                {g.collapsed ? ", collapsed" : ""}
              </p>
              <div className="flex gap-2">
                <Button variant="secondary" onClick={() => setGroupCollapsed(g.id, !g.collapsed)}>
                  {g.collapsed ? `Expand ${g.name}` : `Collapse ${g.name}`}
                </Button>
                <Button variant="ghost" onClick={() => ungroup(g.id)}>
                  Ungroup
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The section a block belongs to, with a way to collapse it. */
function InSection({ blockId }: { blockId: string }) {
  const group = useEditor((s) => s.groups.find((g) => g.blockIds.includes(blockId)));
  const setGroupCollapsed = useEditor((s) => s.setGroupCollapsed);
  if (!group) return null;
  return (
    <div className="flex items-center gap-2 border-t border-slate-100 pt-3 text-sm text-slate-700">
      <span>
        In section <strong>{group.name}</strong>
      </span>
      <Button variant="secondary" className="ml-auto" onClick={() => setGroupCollapsed(group.id, true)}>
        Collapse {group.name}
      </Button>
    </div>
  );
}

/**
 * The block an output leads to. A big flow has hundreds of blocks: the list is built when the
 * person opens it (pointer or keyboard focus), so selecting a block draws one option, not hundreds.
 */
function ConnectionSelect({
  id,
  value,
  targets,
  label,
  onChange,
}: {
  id: string;
  value: string;
  targets: string[];
  label: (targetId: string) => string;
  onChange: (target: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const shown = open ? targets : value ? [value] : [];
  return (
    <select
      id={id}
      className="block w-full rounded-md px-2 py-1 text-sm ring-1 ring-slate-300"
      value={value}
      onPointerDown={() => setOpen(true)}
      onFocus={() => setOpen(true)}
      onChange={(e) => onChange(e.target.value)}
    >
      <option value="">(not connected)</option>
      {shown.map((t) => (
        <option key={t} value={t}>
          {label(t)}
        </option>
      ))}
    </select>
  );
}
