import { type BlockType, blockDefinition, blockTypes } from "@benteng/shared";
import { useState } from "react";
import { categoryColors } from "./categoryColors.ts";
import { BlockIcon } from "./icons.tsx";

export const DRAG_MIME = "application/x-benteng-block";

/** The blocks a marketer can drag onto the canvas (or add with Enter for keyboard users). */
export function Palette({
  onAdd,
  scriptPlaceholder = false,
}: {
  onAdd: (type: BlockType) => void;
  /** The person is not a developer: a Script block is added as a "script needed" placeholder. */
  scriptPlaceholder?: boolean;
}) {
  const [query, setQuery] = useState("");
  const q = query.trim().toLowerCase();
  const shown = blockTypes
    .filter((t) => t !== "start")
    .filter((t) => {
      const d = blockDefinition(t);
      return !q || d.label.toLowerCase().includes(q) || d.description.toLowerCase().includes(q);
    });
  return (
    <aside aria-label="Blocks" className="flex w-56 shrink-0 flex-col border-r border-slate-200 bg-white">
      <div className="p-3">
        <label htmlFor="palette-search" className="sr-only">
          Search blocks
        </label>
        <input
          id="palette-search"
          type="search"
          placeholder="Search blocks"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          className="w-full rounded-md px-2 py-1.5 text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-600 focus:outline-none"
        />
      </div>
      <ul className="flex-1 space-y-1 overflow-y-auto px-3 pb-3">
        {shown.map((t) => {
          const d = blockDefinition(t);
          return (
            <li key={t}>
              <button
                type="button"
                draggable
                onDragStart={(e) => {
                  e.dataTransfer.setData(DRAG_MIME, t);
                  e.dataTransfer.effectAllowed = "move";
                }}
                onClick={() => onAdd(t)}
                aria-label={
                  t === "script" && scriptPlaceholder
                    ? "Add Script needed placeholder"
                    : `Add ${d.label} block`
                }
                title={
                  t === "script" && scriptPlaceholder
                    ? "Places a “script needed” placeholder that a developer fills in."
                    : d.description
                }
                className="flex w-full cursor-grab items-center gap-2 rounded-md px-2 py-1.5 text-left text-sm ring-1 ring-slate-200 hover:bg-slate-50 active:cursor-grabbing"
              >
                <span className={`rounded p-1 ${categoryColors[d.category]}`}>
                  <BlockIcon name={d.icon} />
                </span>
                {t === "script" && scriptPlaceholder ? "Script needed" : d.label}
              </button>
            </li>
          );
        })}
        {shown.length === 0 && <li className="text-sm text-slate-500">No block matches “{query}”.</li>}
      </ul>
    </aside>
  );
}
