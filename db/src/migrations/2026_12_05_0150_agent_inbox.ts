import { type Kysely, sql } from "kysely";

// Frozen once landed. The agent inbox (issue 15):
// - channels.waba_id: the WhatsApp Business Account the number belongs to, whose approved message
//   templates an agent may send outside the 24-hour window;
// - conversations.handoff_at / claimed_by / claimed_at: when the conversation reached a person and
//   which member answers it;
// - transcript.author_user_id: the member who wrote an outgoing line (null: the bot);
// - workspaces.handoff_alert_minutes: how long a conversation may wait for a person before the team
//   is told;
// - notices: what the team should look at (a failing script, a blocked message), one row per
//   subject, counted, until someone dismisses it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("channels").addColumn("waba_id", "text").execute();
  await db.schema
    .alterTable("conversations")
    .addColumn("handoff_at", "timestamptz")
    .addColumn("claimed_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("claimed_at", "timestamptz")
    .execute();
  // Conversations already waiting for a person keep waiting, since their last change.
  await sql`update conversations set handoff_at = updated_at where status = 'handoff'`.execute(db);
  await db.schema
    .createIndex("conversations_handoff_idx")
    .on("conversations")
    .columns(["workspace_id", "status", "handoff_at"])
    .execute();
  await db.schema
    .alterTable("transcript")
    .addColumn("author_user_id", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .execute();
  await db.schema
    .alterTable("workspaces")
    .addColumn("handoff_alert_minutes", "integer", (c) => c.notNull().defaultTo(15))
    .execute();
  await db.schema
    .createTable("notices")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("workspace_id", "uuid", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("detail", "text", (c) => c.notNull())
    .addColumn("link", "text")
    .addColumn("count", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("first_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("last_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("dismissed_at", "timestamptz")
    .addColumn("dismissed_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addUniqueConstraint("notices_subject_key", ["workspace_id", "kind", "subject"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("notices").execute();
  await db.schema.alterTable("workspaces").dropColumn("handoff_alert_minutes").execute();
  await db.schema.alterTable("transcript").dropColumn("author_user_id").execute();
  await db.schema.dropIndex("conversations_handoff_idx").execute();
  await db.schema
    .alterTable("conversations")
    .dropColumn("handoff_at")
    .dropColumn("claimed_by")
    .dropColumn("claimed_at")
    .execute();
  await db.schema.alterTable("channels").dropColumn("waba_id").execute();
}
