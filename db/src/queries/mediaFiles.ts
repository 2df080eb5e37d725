import { sql } from "kysely";
import type { Db } from "../tables/database.ts";
import type { NewMediaFileRow } from "../tables/mediaFiles.ts";

/** Stores an uploaded file; the same bytes uploaded again in the workspace keep the first row. */
export async function storeMediaFile(db: Db, row: NewMediaFileRow): Promise<void> {
  await db
    .insertInto("media_files")
    .values(row)
    .onConflict((oc) => oc.columns(["workspace_id", "sha256"]).doNothing())
    .execute();
}

/**
 * The bytes and type of a file that a flow refers to — its draft, or a version under review or
 * published — in any workspace; undefined otherwise (a file nobody's flow uses is not served).
 * A file's hash is 64 hex characters, so finding it in a flow document's JSON text is exact.
 */
export async function servableMediaFile(
  db: Db,
  sha256: string,
): Promise<{ mimeType: string; ext: string; content: Uint8Array } | undefined> {
  const needle = `%"${sha256}"%`;
  const row = await db
    .selectFrom("media_files as m")
    .select(["m.mime_type", "m.ext", "m.content"])
    .where("m.sha256", "=", sha256)
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom("flows as f")
            .select(sql`1`.as("one"))
            .whereRef("f.workspace_id", "=", "m.workspace_id")
            .where("f.deleted_at", "is", null)
            .where(sql`f.draft::text`, "like", needle),
        ),
        eb.exists(
          eb
            .selectFrom("flow_versions as v")
            .innerJoin("flows as f", "f.id", "v.flow_id")
            .select(sql`1`.as("one"))
            .whereRef("v.workspace_id", "=", "m.workspace_id")
            .where("f.deleted_at", "is", null)
            .where("v.status", "in", ["submitted", "approved", "published"])
            .where(sql`v.document::text`, "like", needle),
        ),
      ]),
    )
    .limit(1)
    .executeTakeFirst();
  return row ? { mimeType: row.mime_type, ext: row.ext, content: row.content } : undefined;
}
