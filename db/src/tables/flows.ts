import type { Flow } from "@benteng/shared";
import type { ColumnType, Generated, Insertable, RawBuilder, Selectable, Updateable } from "kysely";

export interface FlowsTable {
  id: Generated<string>;
  workspace_id: string;
  name: string;
  /** The editable draft document (validated with flowSchema on the way out). */
  draft: ColumnType<Flow, RawBuilder<Flow>, RawBuilder<Flow>>;
  /** Incremented on every save; a save names the revision it started from (conflict detection). */
  revision: Generated<number>;
  published_version_id: string | null;
  updated_by: string | null;
  deleted_at: Date | null;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}
export type FlowRow = Selectable<FlowsTable>;
export type NewFlowRow = Insertable<FlowsTable>;
export type FlowRowUpdate = Updateable<FlowsTable>;
