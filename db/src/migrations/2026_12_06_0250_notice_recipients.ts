import type { Kysely } from "kysely";

// Frozen once landed. A notice may be for one member only (for_user_id): when someone gains the
// admin or reviewer role or a member is removed, every other admin gets their own notice, which only
// they see and dismiss — so whoever did it (perhaps with a stolen cookie) cannot dismiss it for them.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("notices")
    .addColumn("for_user_id", "uuid", (c) => c.references("users.id").onDelete("cascade"))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("notices").dropColumn("for_user_id").execute();
}
