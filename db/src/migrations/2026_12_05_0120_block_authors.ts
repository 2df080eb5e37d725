import { readStoredFlow } from "@benteng/shared";
import { type Kysely, sql } from "kysely";
import { authoredBlockHashes } from "../queries/blockAuthors.ts";

// Frozen once landed. Who wrote each block's content, by content hash, so that a copy (duplicate,
// import, paste into another flow) keeps its writer as an author of any version it ends up in, and
// that writer cannot approve it. Existing flows are attributed to everyone who ever saved them
// (draft_saves): over-attributing only means one more person who may not approve.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("block_authors")
    .addColumn("workspace_id", "uuid", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
    .addColumn("content_hash", "text", (c) => c.notNull())
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("block_authors_pk", ["workspace_id", "content_hash", "user_id"])
    .execute();

  const flows = await db.selectFrom("flows").select(["id", "workspace_id", "draft"]).execute();
  for (const flow of flows) {
    const savers = (
      await db.selectFrom("draft_saves").select("user_id").distinct().where("flow_id", "=", flow.id).execute()
    ).map((r) => r.user_id as string);
    if (savers.length === 0) continue;
    const documents = [
      flow.draft,
      ...(
        await db.selectFrom("flow_versions").select("document").where("flow_id", "=", flow.id).execute()
      ).map((r) => r.document),
    ];
    const hashes = new Set<string>();
    for (const document of documents) {
      try {
        for (const h of authoredBlockHashes(readStoredFlow(document, `flow ${flow.id}`))) hashes.add(h);
      } catch {
        // A document no longer readable has nothing to attribute; the flow's savers still count.
      }
    }
    const rows = [...hashes].flatMap((h) =>
      savers.map((u) => ({ workspace_id: flow.workspace_id, content_hash: h, user_id: u })),
    );
    for (let i = 0; i < rows.length; i += 1000) {
      await db
        .insertInto("block_authors")
        .values(rows.slice(i, i + 1000))
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("block_authors").ifExists().execute();
}
