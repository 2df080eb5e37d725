import type { ColumnType, Insertable, Selectable } from "kysely";

/**
 * Who first wrote a block's content in a workspace, by content hash (type and settings, not id or
 * position): copies of the block in other flows, by duplicate, import or paste, keep their author.
 */
export interface BlockAuthorsTable {
  workspace_id: string;
  content_hash: string;
  user_id: string;
  created_at: ColumnType<Date, never, never>;
}
export type BlockAuthorRow = Selectable<BlockAuthorsTable>;
export type NewBlockAuthorRow = Insertable<BlockAuthorsTable>;
