import type { Kysely } from "kysely";

// Frozen once landed. When the person behind a session last proved it was them (password, and the
// second factor when enrolled): changing two-factor settings needs a proof from the last few minutes,
// so a stolen cookie alone cannot enrol the thief's authenticator. Null until the first proof; a
// sign-in does not set it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("sessions").addColumn("reauthenticated_at", "timestamptz").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("sessions").dropColumn("reauthenticated_at").execute();
}
