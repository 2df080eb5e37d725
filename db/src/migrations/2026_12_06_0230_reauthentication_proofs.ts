import { type Kysely, sql } from "kysely";

// Frozen once landed. A re-authentication used to mark the whole session for 10 minutes, so a
// stolen cookie used in those minutes could enrol two-factor or rotate a channel's token. Now each
// proof is a single-use token for one named act, returned only to whoever typed the password (the
// owner's browser), kept here by its SHA-256 and spent in the transaction of that act.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("reauthentication_proofs")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("session_id", "text", (c) => c.notNull().references("sessions.id").onDelete("cascade"))
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("reauthentication_proofs_session_idx")
    .on("reauthentication_proofs")
    .column("session_id")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("reauthentication_proofs").ifExists().execute();
}
