import { type Kysely, sql } from "kysely";

// Frozen once landed: later changes get a new migration file.
export async function up(db: Kysely<any>): Promise<void> {
  const id = (col: any) => col.primaryKey().defaultTo(sql`gen_random_uuid()`);
  const now = (col: any) => col.notNull().defaultTo(sql`now()`);

  await db.schema
    .createTable("workspaces")
    .addColumn("id", "uuid", id)
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("link_allowlist", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("created_at", "timestamptz", now)
    .execute();

  await db.schema
    .createTable("users")
    .addColumn("id", "uuid", id)
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("totp_secret_enc", "text")
    .addColumn("created_at", "timestamptz", now)
    .execute();

  await db.schema
    .createTable("memberships")
    .addColumn("workspace_id", "uuid", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("roles", "jsonb", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", now)
    .addPrimaryKeyConstraint("memberships_pk", ["workspace_id", "user_id"])
    .execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("workspace_id", "uuid", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("two_factor_verified", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("user_agent", "text")
    .addColumn("created_at", "timestamptz", now)
    .execute();
  await db.schema.createIndex("sessions_user_idx").on("sessions").column("user_id").execute();

  await db.schema
    .createTable("flows")
    .addColumn("id", "uuid", id)
    .addColumn("workspace_id", "uuid", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("draft", "jsonb", (c) => c.notNull())
    .addColumn("revision", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("published_version_id", "uuid")
    .addColumn("updated_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("deleted_at", "timestamptz")
    .addColumn("created_at", "timestamptz", now)
    .addColumn("updated_at", "timestamptz", now)
    .execute();
  await db.schema.createIndex("flows_workspace_idx").on("flows").column("workspace_id").execute();

  await db.schema
    .createTable("flow_versions")
    .addColumn("id", "uuid", id)
    .addColumn("workspace_id", "uuid", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
    .addColumn("flow_id", "uuid", (c) => c.notNull().references("flows.id").onDelete("cascade"))
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("document", "jsonb", (c) => c.notNull())
    .addColumn("content_hash", "text", (c) => c.notNull())
    .addColumn("lint_report", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", now)
    .addUniqueConstraint("flow_versions_number_uq", ["flow_id", "number"])
    .execute();

  await db.schema
    .createTable("channels")
    .addColumn("id", "uuid", id)
    .addColumn("workspace_id", "uuid", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("phone_number_id", "text", (c) => c.notNull().unique())
    .addColumn("access_token_enc", "text", (c) => c.notNull())
    .addColumn("app_secret_enc", "text", (c) => c.notNull())
    .addColumn("verify_token_enc", "text", (c) => c.notNull())
    .addColumn("graph_base_url", "text", (c) => c.notNull())
    .addColumn("flow_id", "uuid", (c) => c.references("flows.id").onDelete("set null"))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("active"))
    .addColumn("last_inbound_at", "timestamptz")
    .addColumn("last_error", "text")
    .addColumn("last_error_at", "timestamptz")
    .addColumn("created_at", "timestamptz", now)
    .execute();

  await db.schema
    .createTable("contacts")
    .addColumn("id", "uuid", id)
    .addColumn("workspace_id", "uuid", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
    .addColumn("channel_id", "uuid", (c) => c.notNull().references("channels.id").onDelete("cascade"))
    .addColumn("identity", "text", (c) => c.notNull())
    .addColumn("wa_id", "text")
    .addColumn("user_id", "text")
    .addColumn("name_enc", "text")
    .addColumn("last_inbound_at", "timestamptz")
    .addColumn("created_at", "timestamptz", now)
    .addUniqueConstraint("contacts_identity_uq", ["channel_id", "identity"])
    .execute();

  await db.schema
    .createTable("conversations")
    .addColumn("id", "uuid", id)
    .addColumn("workspace_id", "uuid", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
    .addColumn("channel_id", "uuid", (c) => c.notNull().references("channels.id").onDelete("cascade"))
    .addColumn("contact_id", "uuid", (c) => c.notNull().references("contacts.id").onDelete("cascade"))
    .addColumn("flow_version_id", "uuid", (c) => c.notNull().references("flow_versions.id"))
    .addColumn("state_enc", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", now)
    .addColumn("updated_at", "timestamptz", now)
    .execute();
  await db.schema
    .createIndex("conversations_contact_idx")
    .on("conversations")
    .columns(["contact_id", "updated_at"])
    .execute();

  await db.schema
    .createTable("inbox")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("channel_id", "uuid", (c) => c.notNull().references("channels.id").onDelete("cascade"))
    .addColumn("wa_message_id", "text", (c) => c.notNull())
    .addColumn("contact_identity", "text", (c) => c.notNull())
    .addColumn("payload_enc", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("pending"))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_error", "text")
    .addColumn("received_at", "timestamptz", now)
    .addColumn("processed_at", "timestamptz")
    // Meta retries for days and duplicates happen: a wamid is stored once per channel.
    .addUniqueConstraint("inbox_wamid_uq", ["channel_id", "wa_message_id"])
    .execute();
  await sql`create index inbox_pending_idx on inbox (id) where status = 'pending'`.execute(db);
  await sql`create index inbox_contact_pending_idx on inbox (channel_id, contact_identity, id) where status = 'pending'`.execute(
    db,
  );

  await db.schema
    .createTable("outbox")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("channel_id", "uuid", (c) => c.notNull().references("channels.id").onDelete("cascade"))
    .addColumn("conversation_id", "uuid", (c) => c.references("conversations.id").onDelete("set null"))
    .addColumn("contact_id", "uuid", (c) => c.notNull().references("contacts.id").onDelete("cascade"))
    .addColumn("payload_enc", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("queued"))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "timestamptz", now)
    .addColumn("wa_message_id", "text")
    .addColumn("error_code", "integer")
    .addColumn("last_error", "text")
    .addColumn("created_at", "timestamptz", now)
    .addColumn("sent_at", "timestamptz")
    .addColumn("status_at", "timestamptz")
    .execute();
  await sql`create index outbox_queued_idx on outbox (next_attempt_at, id) where status = 'queued'`.execute(
    db,
  );
  await sql`create unique index outbox_wamid_idx on outbox (wa_message_id) where wa_message_id is not null`.execute(
    db,
  );

  await db.schema
    .createTable("transcript")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("conversation_id", "uuid", (c) =>
      c.notNull().references("conversations.id").onDelete("cascade"),
    )
    .addColumn("direction", "text", (c) => c.notNull())
    .addColumn("block_id", "text")
    .addColumn("body_enc", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", now)
    .execute();
  await db.schema
    .createIndex("transcript_conversation_idx")
    .on("transcript")
    .columns(["conversation_id", "id"])
    .execute();

  await db.schema
    .createTable("secrets")
    .addColumn("workspace_id", "uuid", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("value_enc", "text", (c) => c.notNull())
    .addColumn("updated_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("updated_at", "timestamptz", now)
    .addPrimaryKeyConstraint("secrets_pk", ["workspace_id", "name"])
    .execute();

  await db.schema
    .createTable("audit_log")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("workspace_id", "uuid")
    .addColumn("actor_user_id", "uuid")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("target", "text")
    .addColumn("details", "jsonb", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("prev_hash", "text", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull().unique())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "audit_log",
    "secrets",
    "transcript",
    "outbox",
    "inbox",
    "conversations",
    "contacts",
    "channels",
    "flow_versions",
    "flows",
    "sessions",
    "memberships",
    "users",
    "workspaces",
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
