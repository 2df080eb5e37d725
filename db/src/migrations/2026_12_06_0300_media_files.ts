import { type Kysely, sql } from "kysely";

// Frozen once landed. Files marketers upload for media blocks, kept by the SHA-256 of their bytes
// per workspace (the same file uploaded twice is stored once). The type was sniffed from the bytes
// and checked against WhatsApp's limits before the row was written; the largest is a 100 MB
// document, so the bytes live in the database with everything else a backup must hold.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("media_files")
    .addColumn("workspace_id", "uuid", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("mime_type", "text", (c) => c.notNull())
    .addColumn("ext", "text", (c) => c.notNull())
    .addColumn("bytes", "bigint", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("content", "bytea", (c) => c.notNull())
    .addColumn("created_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("media_files_pkey", ["workspace_id", "sha256"])
    .execute();
  // GET /media/<sha256>.<ext> is public: an unknown hash must be a quick miss.
  await db.schema.createIndex("media_files_sha256_idx").on("media_files").column("sha256").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("media_files").ifExists().execute();
}
