import { type Kysely, sql } from "kysely";

// Frozen once landed. Tables for issue 7: invitations, who authored which draft save, submitted
// versions' authors, review decisions, two-factor state, recovery codes, pending second-factor
// logins and failed-login counters.
export async function up(db: Kysely<any>): Promise<void> {
  const id = (col: any) => col.primaryKey().defaultTo(sql`gen_random_uuid()`);
  const now = (col: any) => col.notNull().defaultTo(sql`now()`);

  await db.schema
    .createTable("invitations")
    .addColumn("id", "uuid", id)
    .addColumn("workspace_id", "uuid", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
    // SHA-256 of the link's token: a leaked table cannot be turned back into working links.
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("roles", "jsonb", (c) => c.notNull())
    .addColumn("created_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("used_at", "timestamptz")
    .addColumn("revoked_at", "timestamptz")
    .addColumn("created_at", "timestamptz", now)
    .execute();

  // One row per successful draft save: who changed the draft at which revision. Approval is refused
  // to anyone who authored a change between the live version and the submitted one.
  await db.schema
    .createTable("draft_saves")
    .addColumn("flow_id", "uuid", (c) => c.notNull().references("flows.id").onDelete("cascade"))
    .addColumn("revision", "integer", (c) => c.notNull())
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "timestamptz", now)
    .addPrimaryKeyConstraint("draft_saves_pk", ["flow_id", "revision"])
    .execute();
  // A trigger rather than application code, so that no way of writing a draft (create, import,
  // duplicate, save, a future path) can forget to record its author.
  await sql`
    create function record_draft_save() returns trigger language plpgsql as $$
    begin
      if new.updated_by is not null and (tg_op = 'INSERT' or new.revision <> old.revision) then
        insert into draft_saves (flow_id, revision, user_id) values (new.id, new.revision, new.updated_by)
        on conflict do nothing;
      end if;
      return new;
    end $$`.execute(db);
  await sql`
    create trigger flows_record_draft_save after insert or update of revision on flows
    for each row execute function record_draft_save()`.execute(db);

  await db.schema
    .createTable("version_submissions")
    .addColumn("version_id", "uuid", (c) => c.primaryKey().references("flow_versions.id").onDelete("cascade"))
    .addColumn("source_revision", "integer", (c) => c.notNull())
    .addColumn("authors", "jsonb", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("reviews")
    .addColumn("id", "uuid", id)
    .addColumn("version_id", "uuid", (c) => c.notNull().references("flow_versions.id").onDelete("cascade"))
    .addColumn("reviewer_id", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("decision", "text", (c) => c.notNull().check(sql`decision in ('approved', 'rejected')`))
    .addColumn("comment", "text", (c) => c.notNull())
    .addColumn("content_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", now)
    .execute();
  await db.schema.createIndex("reviews_version_idx").on("reviews").column("version_id").execute();

  await db.schema
    .createTable("two_factor")
    .addColumn("user_id", "uuid", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    .addColumn("pending_secret_enc", "text")
    // The last TOTP time step accepted: a code, once used, cannot be replayed within its window.
    .addColumn("last_used_step", "bigint")
    .execute();

  await db.schema
    .createTable("recovery_codes")
    .addColumn("id", "uuid", id)
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("code_hash", "text", (c) => c.notNull())
    .addColumn("used_at", "timestamptz")
    .addColumn("created_at", "timestamptz", now)
    .execute();
  await db.schema.createIndex("recovery_codes_user_idx").on("recovery_codes").column("user_id").execute();

  await db.schema
    .createTable("login_challenges")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("workspace_id", "uuid", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable("login_failures")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("failed_at", "timestamptz", now)
    .execute();
  await db.schema
    .createIndex("login_failures_key_idx")
    .on("login_failures")
    .columns(["key", "failed_at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists flows_record_draft_save on flows`.execute(db);
  await sql`drop function if exists record_draft_save()`.execute(db);
  for (const t of [
    "login_failures",
    "login_challenges",
    "recovery_codes",
    "two_factor",
    "reviews",
    "version_submissions",
    "draft_saves",
    "invitations",
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
