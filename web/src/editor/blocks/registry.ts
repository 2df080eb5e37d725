import type { BlockType } from "@benteng/shared";
import { buttonsEditor } from "./buttons.tsx";
import { conditionEditor } from "./condition.tsx";
import type { EditorBlock } from "./editorBlock.ts";
import { endEditor } from "./end.tsx";
import { handoffEditor } from "./handoff.tsx";
import { listEditor } from "./list.tsx";
import { messageEditor } from "./message.tsx";
import { questionEditor } from "./question.tsx";
import { scriptEditor } from "./script.tsx";
import { setVariableEditor } from "./setVariable.tsx";
import { startEditor } from "./start.tsx";

/** Canvas body and settings panel per block type; a missing one is a compile error. */
export const editorBlocks = {
  start: startEditor,
  message: messageEditor,
  question: questionEditor,
  buttons: buttonsEditor,
  list: listEditor,
  condition: conditionEditor,
  setVariable: setVariableEditor,
  script: scriptEditor,
  handoff: handoffEditor,
  end: endEditor,
} satisfies { [T in BlockType]: EditorBlock<T> };
