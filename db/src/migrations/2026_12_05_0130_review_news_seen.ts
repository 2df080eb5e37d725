import type { Kysely } from "kysely";

// Frozen once landed. When a member last opened the news of reviews (review requests, decisions on
// their versions): newer ones count as unread in the navigation. Null: never opened, everything is new.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("memberships").addColumn("review_news_seen_at", "timestamptz").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("memberships").dropColumn("review_news_seen_at").execute();
}
