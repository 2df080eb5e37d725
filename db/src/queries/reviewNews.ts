import { sql } from "kysely";
import type { Db } from "../tables/database.ts";

/** Audit actions that are news to someone: a review request (to reviewers), a decision (to authors). */
export const REVIEW_NEWS_ACTIONS = [
  "version.submitted",
  "version.approved",
  "version.rejected",
  "version.published",
] as const;
export type ReviewNewsAction = (typeof REVIEW_NEWS_ACTIONS)[number];

export interface ReviewNews {
  id: string;
  action: ReviewNewsAction;
  versionId: string;
  /** "Order help v3", as the audit row named it. */
  label: string;
  actorName: string | null;
  comment: string | null;
  createdAt: Date;
  unread: boolean;
}

/**
 * A member's news of reviews, newest first, read from the audit log (written with each action, so a notice
 * exists exactly when the action happened): versions submitted by others when they review, and
 * decisions by others on versions they authored.
 */
export async function reviewNewsFor(
  db: Db,
  input: { workspaceId: string; userId: string; reviewer: boolean; limit: number },
): Promise<{ news: ReviewNews[]; unread: number }> {
  const membership = await db
    .selectFrom("memberships")
    .select("review_news_seen_at")
    .where("workspace_id", "=", input.workspaceId)
    .where("user_id", "=", input.userId)
    .executeTakeFirst();
  const seenAt = membership?.review_news_seen_at ? new Date(membership.review_news_seen_at) : null;
  const relevant = db
    .selectFrom("audit_log as a")
    .leftJoin("version_submissions as s", (j) => j.on(sql`s.version_id::text`, "=", sql.ref("a.target")))
    .where("a.workspace_id", "=", input.workspaceId)
    .where("a.target_type", "=", "version")
    .where("a.action", "in", REVIEW_NEWS_ACTIONS)
    .where(sql<boolean>`a.actor_user_id is distinct from ${input.userId}::uuid`)
    .where((eb) =>
      eb.or([
        ...(input.reviewer ? [eb("a.action", "=", "version.submitted")] : []),
        eb.and([
          eb("a.action", "!=", "version.submitted"),
          sql<boolean>`coalesce(s.authors, '[]'::jsonb) @> ${JSON.stringify([input.userId])}::jsonb`,
        ]),
      ]),
    );
  const rows = await relevant
    .leftJoin("users as u", "u.id", "a.actor_user_id")
    .select(["a.id", "a.action", "a.target", "a.target_label", "a.details", "a.created_at", "u.display_name"])
    .orderBy("a.id", "desc")
    .limit(input.limit)
    .execute();
  const unreadRow = await relevant
    .select(sql<number>`count(*)::int`.as("n"))
    .$if(seenAt !== null, (q) => q.where("a.created_at", ">", seenAt as Date))
    .executeTakeFirst();
  return {
    news: rows.map((r) => {
      const createdAt = new Date(r.created_at);
      const comment = (r.details as { comment?: unknown }).comment;
      return {
        id: String(r.id),
        action: r.action as ReviewNewsAction,
        versionId: r.target ?? "",
        label: r.target_label ?? "a version",
        actorName: r.display_name ?? null,
        comment: typeof comment === "string" && comment ? comment : null,
        createdAt,
        unread: seenAt === null || createdAt > seenAt,
      };
    }),
    unread: Number(unreadRow?.n ?? 0),
  };
}

/** The member read the news: everything up to now is read. */
export async function markReviewNewsSeen(db: Db, workspaceId: string, userId: string): Promise<void> {
  await db
    .updateTable("memberships")
    .set({ review_news_seen_at: new Date() })
    .where("workspace_id", "=", workspaceId)
    .where("user_id", "=", userId)
    .execute();
}
