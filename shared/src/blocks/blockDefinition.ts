import type { z } from "zod";

/** An output handle of a block: a labelled path the conversation can take. */
export interface BlockOutput {
  id: string;
  label: string;
}

/** A piece of text the customer will read, with where it lives in the block and its WhatsApp limit. */
export interface CustomerText {
  /** Dotted path inside the block's data, e.g. "buttons.1.title". */
  field: string;
  /** What a marketer calls this field, e.g. "Button 2 title". */
  label: string;
  text: string;
  /** Maximum visible length accepted by WhatsApp, when the field has one. */
  limit?: number;
  /** Whether the field must not be empty. */
  required?: boolean;
}

export type BlockCategory = "trigger" | "message" | "input" | "logic" | "action";

/** Everything the product knows about one block type, shared by editor, server and runtime. */
export interface BlockDefinition<T extends string = string, S extends z.ZodType = z.ZodType> {
  type: T;
  label: string;
  description: string;
  /** Name of the icon the editor shows (see web/src/editor/icons.tsx). */
  icon: string;
  category: BlockCategory;
  dataSchema: S;
  defaults: () => z.output<S>;
  /** Output handles, in display order. An empty list means the conversation ends here. */
  outputs: (data: z.output<S>) => BlockOutput[];
  /** Whether the engine stops at this block until the customer answers. */
  waitsForCustomer: boolean;
  customerTexts: (data: z.output<S>) => CustomerText[];
  /** Variables this block assigns. */
  writesVariables: (data: z.output<S>) => string[];
  /** A one-line summary shown on the canvas. */
  summary: (data: z.output<S>) => string;
}

/** Declares a block type with full inference of its data type. */
export function defineBlock<const T extends string, S extends z.ZodType>(definition: BlockDefinition<T, S>) {
  return definition;
}
