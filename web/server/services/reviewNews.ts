import type { Db } from "@benteng/db";
import { markReviewNewsSeen, type ReviewNews, reviewNewsFor } from "@benteng/db/queries/reviewNews";
import { can } from "@benteng/shared";
import type { Member } from "./actor.ts";

/**
 * What is news to a member: review requests by others when they review, and decisions by others on
 * versions they wrote; with how many arrived since they last looked.
 */
export function listReviewNews(db: Db, member: Member): Promise<{ news: ReviewNews[]; unread: number }> {
  return reviewNewsFor(db, {
    workspaceId: member.workspaceId,
    userId: member.userId,
    reviewer: can(member.roles, "version.review"),
    limit: 50,
  });
}

/** The member read the news: the count on Review in the navigation goes back to zero. */
export function reviewNewsRead(db: Db, member: Member): Promise<void> {
  return markReviewNewsSeen(db, member.workspaceId, member.userId);
}
