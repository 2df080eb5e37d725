import { emptyFlow } from "@benteng/shared";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jsonb } from "../json.ts";
import { authoredBlockHashes } from "../queries/blockAuthors.ts";
import { createUnmigratedTestDatabase } from "../testing/testDatabase.ts";

describe("migration 2026_12_05_0120_block_authors", () => {
  let handle: Awaited<ReturnType<typeof createUnmigratedTestDatabase>>;
  const migrator = () => handle.migrator;

  beforeAll(async () => {
    handle = await createUnmigratedTestDatabase();
  });
  afterAll(() => handle.close());

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
