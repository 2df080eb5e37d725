import { emptyFlow } from "@benteng/shared";
import { sql } from "kysely";
import { Migrator } from "kysely/migration";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDatabase, type DatabaseHandle } from "../connect.ts";
import { jsonb } from "../json.ts";
import { authoredBlockHashes } from "../queries/blockAuthors.ts";
import { createFreshDatabaseUrl } from "../testing/testDatabase.ts";
import { migrations } from "./index.ts";

describe("migration 2026_12_05_0120_block_authors", () => {
  let handle: DatabaseHandle;
  let fresh: Awaited<ReturnType<typeof createFreshDatabaseUrl>>;
  const migrator = () => new Migrator({ db: handle.db, provider: { getMigrations: async () => migrations } });

  beforeAll(async () => {
    fresh = await createFreshDatabaseUrl();
    handle = await connectDatabase(
      fresh.url ? { kind: "postgres", url: fresh.url, poolSize: 2 } : { kind: "pglite", dataDir: null },
    );
  });
  afterAll(async () => {
    await handle.close();
    await fresh.drop();
  });

  it("attributes the blocks of flows that existed before it to everyone who saved them", async () => {
    const before = await migrator().migrateTo("2026_11_28_0100_session_reauthentication");
    expect(before.error).toBeUndefined();
    const db = handle.db;
    const { id: workspaceId } = await db
      .insertInto("workspaces")
      .values({ name: "W", link_allowlist: jsonb([]) })
      .returning("id")
      .executeTakeFirstOrThrow();
    const user = async (email: string) =>
      (
        await db
          .insertInto("users")
          .values({ email, display_name: email, password_hash: "x", totp_secret_enc: null })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
    const ana = await user("ana@example.com");
    const budi = await user("budi@example.com");
    const draft = emptyFlow();
    draft.nodes.push({
      id: "m",
      type: "message",
      position: { x: 0, y: 0 },
      data: { text: "Written before" },
    });
    const { id: flowId } = await db
      .insertInto("flows")
      .values({ workspace_id: workspaceId, name: "Old", draft: jsonb(draft), updated_by: ana })
      .returning("id")
      .executeTakeFirstOrThrow();
    // Budi saved it once too (the trigger records each save's author).
    await db
      .updateTable("flows")
      .set({ updated_by: budi, revision: sql`revision + 1` })
      .where("id", "=", flowId)
      .execute();

    const after = await migrator().migrateToLatest();
    expect(after.error).toBeUndefined();
    const rows = await db.selectFrom("block_authors").select(["content_hash", "user_id"]).execute();
    const [hash] = [...authoredBlockHashes(draft)];
    expect(rows.map((r) => r.user_id).sort()).toEqual([ana, budi].sort());
    expect(new Set(rows.map((r) => r.content_hash))).toEqual(new Set([hash]));
  });
});
