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
 * An indexed join through flow_media, which the services keep as drafts and versions are written.
 */
export async function servableMediaFile(
  db: Db,
  sha256: string,
): Promise<{ mimeType: string; ext: string; content: Uint8Array } | undefined> {
  const row = await db
    .selectFrom("media_files as m")
    .select(["m.mime_type", "m.ext", "m.content"])
    .where("m.sha256", "=", sha256)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("flow_media as fm")
          .innerJoin("flows as f", "f.id", "fm.flow_id")
          .leftJoin("flow_versions as v", "v.id", "fm.version_id")
          .select(sql`1`.as("one"))
          .whereRef("fm.workspace_id", "=", "m.workspace_id")
          .whereRef("fm.sha256", "=", "m.sha256")
          .where("f.deleted_at", "is", null)
          .where((w) =>
            w.or([
              w("fm.version_id", "is", null),
              w("v.status", "in", ["submitted", "approved", "published"]),
            ]),
          ),
      ),
    )
    .limit(1)
    .executeTakeFirst();
  return row ? { mimeType: row.mime_type, ext: row.ext, content: row.content } : undefined;
}

/**
 * Removes uploaded files that no draft and no version of any flow refers to (a deleted flow's
 * references go when it is purged), once they are older than `before`: a file just uploaded is
 * kept until the editor's next save refers to it. Returns what was removed.
 */
export async function deleteUnreferencedMediaFiles(
  db: Db,
  before: Date,
): Promise<Array<{ workspaceId: string; sha256: string; bytes: number }>> {
  const rows = await db
    .deleteFrom("media_files as m")
    .where("m.created_at", "<", before)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("flow_media as fm")
            .select(sql`1`.as("one"))
            .whereRef("fm.workspace_id", "=", "m.workspace_id")
            .whereRef("fm.sha256", "=", "m.sha256"),
        ),
      ),
    )
    .returning(["m.workspace_id", "m.sha256", "m.bytes"])
    .execute();
  return rows.map((r) => ({ workspaceId: r.workspace_id, sha256: r.sha256, bytes: Number(r.bytes) }));
}
