import { type Kysely, sql } from "kysely";

// Frozen once landed. Which uploaded files each flow's draft (version_id null) and each version
// refers to, kept as drafts are saved and versions created, so serving GET /media/<sha256>.<ext>
// is an indexed join instead of a text search through every draft and version, and files no flow
// refers to can be found and removed. Existing drafts and versions are read once here.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("flow_media")
    .addColumn("workspace_id", "uuid", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
    .addColumn("flow_id", "uuid", (c) => c.notNull().references("flows.id").onDelete("cascade"))
    .addColumn("version_id", "uuid", (c) => c.references("flow_versions.id").onDelete("cascade"))
    .addColumn("sha256", "text", (c) => c.notNull())
    .addUniqueConstraint("flow_media_unique", ["flow_id", "version_id", "sha256"], (c) =>
      c.nullsNotDistinct(),
    )
    .execute();
  await db.schema
    .createIndex("flow_media_file_idx")
    .on("flow_media")
    .columns(["workspace_id", "sha256"])
    .execute();
  await db.schema.createIndex("flow_media_version_idx").on("flow_media").column("version_id").execute();
  // A media block keeps an uploaded file as data.file.sha256 (64 hex characters).
  const mediaNodes = (document: string) =>
    sql.raw(`jsonb_array_elements(
      case when jsonb_typeof(${document}->'nodes') = 'array' then ${document}->'nodes' else '[]'::jsonb end) as n`);
  const sha = sql.raw(`n->'data'->'file'->>'sha256'`);
  await sql`
    insert into flow_media (workspace_id, flow_id, version_id, sha256)
    select distinct f.workspace_id, f.id, null::uuid, ${sha}
    from flows f cross join lateral ${mediaNodes("f.draft")}
    where n->>'type' = 'media' and ${sha} ~ '^[0-9a-f]{64}$'
    on conflict do nothing`.execute(db);
  await sql`
    insert into flow_media (workspace_id, flow_id, version_id, sha256)
    select distinct v.workspace_id, v.flow_id, v.id, ${sha}
    from flow_versions v cross join lateral ${mediaNodes("v.document")}
    where n->>'type' = 'media' and ${sha} ~ '^[0-9a-f]{64}$'
    on conflict do nothing`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("flow_media").ifExists().execute();
}
