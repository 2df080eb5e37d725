import { type Kysely, sql } from "kysely";

// Frozen once landed. Leases instead of transactions around a conversation step (issue 11): a worker
// claims an inbox message by writing its lease (owner + deadline) in one short statement, steps the
// conversation with no transaction or connection held (scripts, secret lookups, the outbound guard),
// then commits the outcome only if the lease is still its own. A heartbeat renews leases while a step
// or a send runs, so a dead process's work is taken over within seconds. Outbox rows carry the owner
// of their lease (next_attempt_at is its deadline) so that a sender renews only what it still holds.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table inbox add column lease_owner uuid, add column lease_until timestamptz`.execute(db);
  await sql`alter table outbox add column lease_owner uuid`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table outbox drop column if exists lease_owner`.execute(db);
  await sql`alter table inbox drop column if exists lease_until, drop column if exists lease_owner`.execute(
    db,
  );
}
