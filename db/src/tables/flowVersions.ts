import type { Flow } from "@benteng/shared";
import type { ColumnType, Generated, Insertable, RawBuilder, Selectable, Updateable } from "kysely";

export type FlowVersionStatus = "submitted" | "approved" | "rejected" | "published" | "retired";

export interface FlowVersionsTable {
  id: Generated<string>;
  workspace_id: string;
  flow_id: string;
  /** 1, 2, 3… per flow. */
  number: number;
  /** Immutable once written. */
  document: ColumnType<Flow, RawBuilder<Flow>, never>;
  /** SHA-256 of the canonical JSON of the document. */
  content_hash: ColumnType<string, string, never>;
  lint_report: ColumnType<unknown[], RawBuilder<unknown[]>, never>;
  status: FlowVersionStatus;
  note: string;
  created_by: string | null;
  created_at: ColumnType<Date, never, never>;
}
export type FlowVersionRow = Selectable<FlowVersionsTable>;
export type NewFlowVersionRow = Insertable<FlowVersionsTable>;
export type FlowVersionRowUpdate = Updateable<FlowVersionsTable>;
