import type { z } from "zod";
import type { BlockDefinition } from "./blockDefinition.ts";
import { buttonsBlock } from "./buttons.ts";
import { conditionBlock } from "./condition.ts";
import { endBlock } from "./end.ts";
import { handoffBlock } from "./handoff.ts";
import { listBlock } from "./list.ts";
import { messageBlock } from "./message.ts";
import { questionBlock } from "./question.ts";
import { scriptBlock } from "./script.ts";
import { setVariableBlock } from "./setVariable.ts";
import { startBlock } from "./start.ts";

/** Every block type. Adding one: a file beside this one and a line here (and in each layer's registry). */
export const blockDefinitions = {
  start: startBlock,
  message: messageBlock,
  question: questionBlock,
  buttons: buttonsBlock,
  list: listBlock,
  condition: conditionBlock,
  setVariable: setVariableBlock,
  script: scriptBlock,
  handoff: handoffBlock,
  end: endBlock,
} as const satisfies { [T in string]: BlockDefinition<T> };

export type BlockType = keyof typeof blockDefinitions;
export type BlockData<T extends BlockType> = z.output<(typeof blockDefinitions)[T]["dataSchema"]>;

export const blockTypes = Object.keys(blockDefinitions) as BlockType[];

/** The definition of a block type, typed loosely for code that handles any block. */
export function blockDefinition(type: BlockType): BlockDefinition {
  return blockDefinitions[type] as unknown as BlockDefinition;
}
