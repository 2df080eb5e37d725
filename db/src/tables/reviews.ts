import type { ColumnType, Generated, Insertable, Selectable } from "kysely";

export type ReviewDecision = "approved" | "rejected";

/** A reviewer's decision on one version, bound to the content hash they saw. */
export interface ReviewsTable {
  id: Generated<string>;
  version_id: string;
  reviewer_id: string | null;
  decision: ReviewDecision;
  comment: string;
  content_hash: string;
  created_at: ColumnType<Date, never, never>;
}
export type ReviewRow = Selectable<ReviewsTable>;
export type NewReviewRow = Insertable<ReviewsTable>;
