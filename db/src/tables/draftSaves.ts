import type { ColumnType, Insertable, Selectable } from "kysely";

/** Who saved a flow's draft at which revision (authorship, for the "never approve your own change" rule). */
export interface DraftSavesTable {
  flow_id: string;
  revision: number;
  user_id: string;
  created_at: ColumnType<Date, never, never>;
}
export type DraftSaveRow = Selectable<DraftSavesTable>;
export type NewDraftSaveRow = Insertable<DraftSavesTable>;
