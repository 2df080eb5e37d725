import { autocompletion, type CompletionContext } from "@codemirror/autocomplete";
import { javascript } from "@codemirror/lang-javascript";
import { EditorState } from "@codemirror/state";
import { basicSetup, EditorView } from "codemirror";
import { useEffect, useRef } from "react";

/**
 * CodeMirror 6 for script bodies: JavaScript highlighting and completions of `input.<field>` from
 * the block's input schema. Loaded lazily so the editor's first load stays small.
 */
export default function CodeEditor({
  value,
  onChange,
  inputFields,
  readOnly,
  large = false,
  label,
}: {
  value: string;
  onChange: (code: string) => void;
  inputFields: string[];
  readOnly: boolean;
  /** Fills its container (the enlarged editor) instead of a fixed, resizable height. */
  large?: boolean;
  label: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latest = useRef({ onChange, inputFields });
  latest.current = { onChange, inputFields };

  // biome-ignore lint/correctness/useExhaustiveDependencies: the view is created once per read-only mode; value syncs below
  useEffect(() => {
    if (!host.current) return;
    const completeInput = (ctx: CompletionContext) => {
      const word = ctx.matchBefore(/input\.\w*/);
      if (!word) return null;
      return {
        from: word.from + "input.".length,
        options: latest.current.inputFields.map((f) => ({
          label: f,
          type: "property",
          detail: "input field",
        })),
      };
    };
    view.current = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          basicSetup,
          javascript(),
          autocompletion({ override: [completeInput] }),
          EditorState.readOnly.of(readOnly),
          EditorView.editable.of(!readOnly),
          EditorView.contentAttributes.of({ "aria-label": label }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) latest.current.onChange(u.state.doc.toString());
          }),
        ],
      }),
    });
    return () => view.current?.destroy();
  }, [readOnly]);

  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value)
      v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [value]);

  // Resizable by its corner; "Enlarge" in the script settings gives it most of the screen.
  return (
    <div
      ref={host}
      className={`resize-y overflow-auto rounded-md bg-white text-xs ring-1 ring-slate-300 ${large ? "h-full" : "h-64 min-h-32"}`}
    />
  );
}
