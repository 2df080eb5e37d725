import { type KeyboardEvent, useId, useRef, useState } from "react";
import { useKnownVariables } from "./useKnownVariables.tsx";

type TextControl = HTMLInputElement | HTMLTextAreaElement;

/** A `{{` right before the caret, with the part of a name typed since. Reads at most 70 characters. */
function openReference(control: TextControl): { from: number; typed: string } | null {
  const caret = control.selectionStart ?? 0;
  if (caret !== control.selectionEnd) return null;
  const before = control.value.slice(Math.max(0, caret - 70), caret);
  const match = /\{\{([A-Za-z0-9_]*)$/.exec(before);
  return match ? { from: caret - (match[1] as string).length, typed: match[1] as string } : null;
}

/**
 * `{{` autocomplete for any text that takes variables: typing `{{` lists the flow's variables
 * (built-ins, declared, set by blocks) with their type; arrows choose, Enter or Tab inserts
 * `name}}`, Escape closes. Returns the props for the text control and the list to render below it.
 */
export function useVariableAutocomplete(value: string, onChange: (value: string) => void) {
  const variables = useKnownVariables();
  const listId = useId();
  const control = useRef<TextControl | null>(null);
  const [ref, setRef] = useState<{ from: number; typed: string } | null>(null);
  const [active, setActive] = useState(0);
  const typed = ref?.typed.toLowerCase() ?? "";
  const matches = ref ? variables.filter((v) => v.name.toLowerCase().startsWith(typed)).slice(0, 8) : [];
  const open = matches.length > 0;

  const look = (el: TextControl) => {
    control.current = el;
    const next = openReference(el);
    setRef(next);
    if (next?.typed !== ref?.typed) setActive(0);
  };
  const insert = (name: string) => {
    const el = control.current;
    if (!el || !ref) return;
    const caret = el.selectionStart ?? ref.from;
    const after = value.slice(caret);
    const next = `${value.slice(0, ref.from)}${name}${after.startsWith("}}") ? "" : "}}"}${after}`;
    const at = ref.from + name.length + 2;
    onChange(next);
    setRef(null);
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(at, at);
    });
  };
  const onKeyDown = (e: KeyboardEvent<TextControl>) => {
    if (!open) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const step = e.key === "ArrowDown" ? 1 : -1;
      setActive((a) => (a + step + matches.length) % matches.length);
    } else if (e.key === "Enter" || e.key === "Tab") {
      e.preventDefault();
      insert((matches[active] ?? matches[0])?.name ?? "");
    } else if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      setRef(null);
    }
  };
  const optionId = (i: number) => `${listId}-${i}`;

  return {
    controlProps: {
      "aria-autocomplete": "list" as const,
      ...(open ? { "aria-controls": listId, "aria-activedescendant": optionId(active) } : {}),
      onKeyDown,
      onSelect: (e: { currentTarget: TextControl }) => look(e.currentTarget),
      onBlur: () => setRef(null),
    },
    list: open ? (
      <div
        id={listId}
        role="listbox"
        aria-label="Variables"
        className="absolute z-30 mt-1 max-h-56 w-full overflow-y-auto rounded-md bg-white py-1 text-sm shadow-lg ring-1 ring-slate-200"
      >
        {matches.map((v, i) => (
          <div
            key={v.name}
            tabIndex={-1}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            // Keeps focus (and the caret) in the text while choosing with the mouse.
            onMouseDown={(e) => {
              e.preventDefault();
              insert(v.name);
            }}
            className={`flex cursor-pointer items-baseline gap-2 px-2 py-1 ${i === active ? "bg-brand-50 text-brand-800" : "text-slate-800"}`}
          >
            <code className="font-mono">{v.name}</code>
            <span className="ml-auto text-xs text-slate-600">
              {v.type} · {v.source}
            </span>
          </div>
        ))}
      </div>
    ) : null,
  };
}
