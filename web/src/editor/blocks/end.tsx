import type { EditorBlock } from "./editorBlock.ts";

export const endEditor: EditorBlock<"end"> = {
  Body: () => <p className="text-slate-600">The conversation ends here.</p>,
  Settings: () => (
    <p className="text-sm text-slate-600">
      The conversation ends. The customer's next message starts the flow again from Start.
    </p>
  ),
};
