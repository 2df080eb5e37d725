import type { BlockData, BlockType } from "@benteng/shared";
import type { ComponentType } from "react";

export interface BlockBodyProps<T extends BlockType> {
  data: BlockData<T>;
}

export interface BlockSettingsProps<T extends BlockType> {
  blockId: string;
  data: BlockData<T>;
  onChange: (data: BlockData<T>) => void;
}

/** The editor's part of a block type: what it shows on the canvas and in the settings panel. */
export interface EditorBlock<T extends BlockType> {
  Body: ComponentType<BlockBodyProps<T>>;
  Settings: ComponentType<BlockSettingsProps<T>>;
}
