import type { Insertable, Selectable } from "kysely";

/** An uploaded file a flow's draft (version_id null) or one of its versions refers to. */
export interface FlowMediaTable {
  workspace_id: string;
  flow_id: string;
  version_id: string | null;
  /** SHA-256 of the file's content (hex), as media_files keys it. */
  sha256: string;
}
export type FlowMediaRow = Selectable<FlowMediaTable>;
export type NewFlowMediaRow = Insertable<FlowMediaTable>;
