import type { BlockData, BlockOf, BlockType } from "@benteng/shared";
import { blockOf } from "@benteng/shared";
import { createElement } from "react";
import { buttonsEditor } from "./buttons.tsx";
import { conditionEditor } from "./condition.tsx";
import { contactCardEditor } from "./contactCard.tsx";
import type { EditorBlock } from "./editorBlock.ts";
import { endEditor } from "./end.tsx";
import { handoffEditor } from "./handoff.tsx";
import { listEditor } from "./list.tsx";
import { locationRequestEditor } from "./locationRequest.tsx";
import { mediaEditor } from "./media.tsx";
import { messageEditor } from "./message.tsx";
import { questionEditor } from "./question.tsx";
import { scriptEditor } from "./script.tsx";
import { setVariableEditor } from "./setVariable.tsx";
import { startEditor } from "./start.tsx";

/** Canvas body and settings panel per block type; a missing one is a compile error. */
export const editorBlocks: { [T in BlockType]: EditorBlock<T> } = {
  start: startEditor,
  message: messageEditor,
  media: mediaEditor,
  contactCard: contactCardEditor,
  question: questionEditor,
  buttons: buttonsEditor,
  list: listEditor,
  locationRequest: locationRequestEditor,
  condition: conditionEditor,
  setVariable: setVariableEditor,
  script: scriptEditor,
  handoff: handoffEditor,
  end: endEditor,
};

/** The canvas body of any block, drawn by its type's own component with its own data type. */
export function BlockBody<T extends BlockType>({ block }: { block: { type: T; data: BlockData<T> } }) {
  return createElement(editorBlocks[block.type].Body, { data: block.data });
}

/** The settings of any block, edited by its type's own panel; `onChange` gets the block back whole. */
export function BlockSettingsFields<T extends BlockType>({
  blockId,
  block,
  onChange,
}: {
  blockId: string;
  block: { type: T; data: BlockData<T> };
  onChange: (block: BlockOf<T>) => void;
}) {
  return createElement(editorBlocks[block.type].Settings, {
    blockId,
    data: block.data,
    onChange: (data: BlockData<T>) => onChange(blockOf({ type: block.type, data })),
  });
}
