import { readStoredFlow } from "@benteng/shared";
import { type Kysely, sql } from "kysely";
import { authoredBlockHashes, authoredParts } from "../queries/blockAuthors.ts";

// Frozen once landed. Provenance covers every part of a flow, not only blocks: who wired an edge
// or set the flow's settings is an author of a copy of them (block_authors now holds any part's
// content hash), and a duplicate carries everyone who ever saved its source (copied_authors), since
// removals and rewiring leave no part behind to hash. Existing edges and settings are attributed to
// everyone who saved a flow that has them: over-attributing only means one more person who may not
// approve.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("copied_authors")
    .addColumn("flow_id", "uuid", (c) => c.notNull().references("flows.id").onDelete("cascade"))
    .addColumn("revision", "integer", (c) => c.notNull())
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("copied_authors_pk", ["flow_id", "revision", "user_id"])
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
        const parsed = readStoredFlow(document, `flow ${flow.id}`);
        const blocks = authoredBlockHashes(parsed);
        for (const h of authoredParts(parsed).values()) if (!blocks.has(h)) hashes.add(h);
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
  await db.schema.dropTable("copied_authors").ifExists().execute();
}
