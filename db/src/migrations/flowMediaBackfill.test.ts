import { emptyFlow, type Flow } from "@benteng/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jsonb } from "../json.ts";
import { servableMediaFile } from "../queries/mediaFiles.ts";
import { createUnmigratedTestDatabase } from "../testing/testDatabase.ts";

describe("migration 2026_12_06_0400_flow_media", () => {
  let handle: Awaited<ReturnType<typeof createUnmigratedTestDatabase>>;
  const migrator = () => handle.migrator;

  beforeAll(async () => {
    handle = await createUnmigratedTestDatabase();
  });
  afterAll(() => handle.close());

  it("records the files existing drafts and versions send, so they are still served", async () => {
    expect((await migrator().migrateTo("2026_12_06_0300_media_files")).error).toBeUndefined();
    const db = handle.db;
    const { id: workspaceId } = await db
      .insertInto("workspaces")
      .values({ name: "W", link_allowlist: jsonb([]) })
      .returning("id")
      .executeTakeFirstOrThrow();
    const inDraft = "a".repeat(64);
    const inVersion = "b".repeat(64);
    const unused = "c".repeat(64);
    for (const sha256 of [inDraft, inVersion, unused])
      await db
        .insertInto("media_files")
        .values({
          workspace_id: workspaceId,
          sha256,
          kind: "image",
          mime_type: "image/png",
          ext: "png",
          bytes: 1,
          name: "a.png",
          content: new Uint8Array([1]),
          created_by: null,
        })
        .execute();
    const withFile = (sha256: string): Flow => {
      const flow = emptyFlow();
      flow.nodes.push({
        id: "pic",
        type: "media",
        position: { x: 0, y: 0 },
        data: {
          kind: "image",
          url: "",
          caption: "",
          filename: "",
          file: { sha256, ext: "png", mimeType: "image/png", bytes: 1, name: "a.png" },
        },
      });
      return flow;
    };
    const { id: flowId } = await db
      .insertInto("flows")
      .values({ workspace_id: workspaceId, name: "Old", draft: jsonb(withFile(inDraft)), updated_by: null })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("flow_versions")
      .values({
        workspace_id: workspaceId,
        flow_id: flowId,
        number: 1,
        document: jsonb(withFile(inVersion)),
        content_hash: "h",
        lint_report: jsonb([]),
        status: "published",
        note: "",
        created_by: null,
      })
      .execute();

    expect((await migrator().migrateTo("2026_12_06_0400_flow_media")).error).toBeUndefined();
    const refs = await db
      .selectFrom("flow_media")
      .select(["sha256", "version_id"])
      .orderBy("sha256")
      .execute();
    expect(refs.map((r) => [r.sha256, r.version_id === null])).toEqual([
      [inDraft, true],
      [inVersion, false],
    ]);
    expect(await servableMediaFile(db, inDraft)).toMatchObject({ ext: "png" });
    expect(await servableMediaFile(db, inVersion)).toMatchObject({ ext: "png" });
    expect(await servableMediaFile(db, unused)).toBeUndefined();
  }, 120_000);
});
