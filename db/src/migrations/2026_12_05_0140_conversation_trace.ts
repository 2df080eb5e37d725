import { type Kysely, sql } from "kysely";

// Frozen once landed. Every step the engine takes in a conversation, one row per block entered or
// resumed (and per engine event outside blocks), written in the same statement as the step's
// conversation state and transcript. What insights count is in clear (block, outcome, output taken,
// script error kind, messages sent, a guard block); what may hold customer data (variables set, a
// script's error message, guard reasons, notes) is redacted and encrypted in detail_enc. Rows go with
// their conversation, like the transcript.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("conversation_trace")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("conversation_id", "uuid", (c) =>
      c.notNull().references("conversations.id").onDelete("cascade"),
    )
    .addColumn("block_id", "text", (c) => c.notNull())
    .addColumn("block_type", "text")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("output", "text")
    .addColumn("error_kind", "text")
    .addColumn("sent", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("guard_blocked", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("detail_enc", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("conversation_trace_conversation_idx")
    .on("conversation_trace")
    .columns(["conversation_id", "id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("conversation_trace").execute();
}
