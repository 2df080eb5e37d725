import { type Kysely, sql } from "kysely";

// Frozen once landed. What runtime processes share besides the queues:
// - early_statuses: Meta may report a message's status (sent, delivered…) before the sender has
//   recorded the wamid the Graph API answered with; such statuses wait here until the wamid is known.
// - send_windows: each phone number's sends in the current second, so that every runtime process
//   together stays under the number's rate limit.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("early_statuses")
    .addColumn("channel_id", "uuid", (c) => c.notNull().references("channels.id").onDelete("cascade"))
    .addColumn("wa_message_id", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("rank", "integer", (c) => c.notNull())
    .addColumn("error_code", "integer")
    .addColumn("error_title", "text")
    .addColumn("received_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("early_statuses_pk", ["channel_id", "wa_message_id"])
    .execute();
  await db.schema
    .createTable("send_windows")
    .addColumn("phone_number_id", "text", (c) => c.primaryKey())
    .addColumn("window_start", "timestamptz", (c) => c.notNull())
    .addColumn("used", "integer", (c) => c.notNull())
    .addColumn("last_granted", "integer", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("send_windows").ifExists().execute();
  await db.schema.dropTable("early_statuses").ifExists().execute();
}
