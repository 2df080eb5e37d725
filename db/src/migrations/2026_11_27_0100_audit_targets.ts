import type { Kysely } from "kysely";

// Frozen once landed. Every audit row names what it acted on: `target` keeps the id, these two say
// what kind of thing it is and how it was called at the time (a member's name, a flow's name), so
// the log still reads after the thing was renamed or removed. Older rows keep both null.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("audit_log")
    .addColumn("target_type", "text")
    .addColumn("target_label", "text")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("audit_log").dropColumn("target_label").dropColumn("target_type").execute();
}
