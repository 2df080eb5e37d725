import { type Kysely, sql } from "kysely";

// Frozen once landed. The outbox sender claims only a contact's earliest queued message ("no earlier
// queued row for this contact") and then that contact's other due messages; without this index both
// checks scan every queued row, and the claim slows down as the queue grows under load.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index outbox_contact_queued_idx on outbox (contact_id, id) where status = 'queued'`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists outbox_contact_queued_idx`.execute(db);
}
