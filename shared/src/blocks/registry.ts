import type { z } from "zod";
import type { BlockDefinition, BlockOutput, CustomerText } from "./blockDefinition.ts";
import { buttonsBlock } from "./buttons.ts";
import { conditionBlock } from "./condition.ts";
import { contactCardBlock } from "./contactCard.ts";
import { endBlock } from "./end.ts";
import { handoffBlock } from "./handoff.ts";
import { listBlock } from "./list.ts";
import { locationRequestBlock } from "./locationRequest.ts";
import { mediaBlock } from "./media.ts";
import { messageBlock } from "./message.ts";
import { questionBlock } from "./question.ts";
import { scriptBlock } from "./script.ts";
import { setVariableBlock } from "./setVariable.ts";
import { startBlock } from "./start.ts";

/** Every block type. Adding one: a file beside this one and a line here (and in each layer's registry). */
export const blockDefinitions = {
  start: startBlock,
  message: messageBlock,
  media: mediaBlock,
  contactCard: contactCardBlock,
  question: questionBlock,
  buttons: buttonsBlock,
  list: listBlock,
  locationRequest: locationRequestBlock,
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

/**
 * A block of type T with its own data; `BlockOf` alone is the discriminated union of every block
 * type, which narrows on `type` (a flow's node and the editor's canvas node extend it).
 */
export type BlockOf<T extends BlockType = BlockType> = {
  [K in BlockType]: { type: K; data: BlockData<K> };
}[T];

// The registry seen through its type parameter: indexing it with a block's `type` gives the
// definition whose functions take that block's `data`, so code handling any block needs no cast.
type Definitions = { [K in BlockType]: BlockDefinition<K, (typeof blockDefinitions)[K]["dataSchema"]> };
const definitions: Definitions = blockDefinitions;

// One constructor per type (a missing one is a compile error): pairs a type with its data as a
// member of the union, which TypeScript cannot build from a generic type and data on its own.
const blockMakers: { [K in BlockType]: (data: BlockData<K>) => BlockOf<K> } = {
  start: (data) => ({ type: "start", data }),
  message: (data) => ({ type: "message", data }),
  media: (data) => ({ type: "media", data }),
  contactCard: (data) => ({ type: "contactCard", data }),
  question: (data) => ({ type: "question", data }),
  buttons: (data) => ({ type: "buttons", data }),
  list: (data) => ({ type: "list", data }),
  locationRequest: (data) => ({ type: "locationRequest", data }),
  condition: (data) => ({ type: "condition", data }),
  setVariable: (data) => ({ type: "setVariable", data }),
  script: (data) => ({ type: "script", data }),
  handoff: (data) => ({ type: "handoff", data }),
  end: (data) => ({ type: "end", data }),
};

/** The type and data of a block, as a member of the union (drops anything else the value carries). */
export function blockOf<T extends BlockType>(block: { type: T; data: BlockData<T> }): BlockOf<T> {
  return blockMakers[block.type](block.data);
}

/** A new block of this type with the type's defaults. */
export function defaultBlock<T extends BlockType>(type: T): BlockOf<T> {
  return blockMakers[type](definitions[type].defaults());
}

/** The block's output handles, in display order. */
export function blockOutputs<T extends BlockType>(block: { type: T; data: BlockData<T> }): BlockOutput[] {
  return definitions[block.type].outputs(block.data);
}

/** The one-line summary shown on the canvas. */
export function blockSummary<T extends BlockType>(block: { type: T; data: BlockData<T> }): string {
  return definitions[block.type].summary(block.data);
}

/** The texts of the block a customer reads, with their WhatsApp limits. */
export function blockCustomerTexts<T extends BlockType>(block: {
  type: T;
  data: BlockData<T>;
}): CustomerText[] {
  return definitions[block.type].customerTexts(block.data);
}

/** Whether a string (from a drag, a file, a URL) names a block type. */
export function isBlockType(value: string): value is BlockType {
  return Object.hasOwn(blockDefinitions, value);
}
