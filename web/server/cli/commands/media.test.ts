import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connectDatabase } from "@benteng/db";
import { createFreshDatabaseUrl } from "@benteng/db/testing/testDatabase";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..", "..", "..");

// A CLI run on PGlite can take minutes on a busy machine (see the other CLI tests).
describe("benteng media cleanup (the real CLI)", { timeout: 600_000 }, () => {
  let dir: string;
  let database: Awaited<ReturnType<typeof createFreshDatabaseUrl>>;
  const cli = (args: string[]) =>
    spawnSync(process.execPath, ["web/server/cli/main.ts", ...args], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, BENTENG_DATA_DIR: dir, DATABASE_URL: database.url ?? "" },
    });
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "benteng-cli-media-"));
    database = await createFreshDatabaseUrl();
  });
  afterAll(async () => {
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("removes files nobody refers to once over a day old, prints them, and audits it", async () => {
    const first = cli(["media", "cleanup"]);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toBe("");
    const open = () =>
      connectDatabase(
        database.url ? { kind: "postgres", url: database.url } : { kind: "pglite", dataDir: dir },
      );
    const old = "a".repeat(64);
    const fresh = "b".repeat(64);
    let handle = await open();
    try {
      const { id } = await handle.db.selectFrom("workspaces").select("id").executeTakeFirstOrThrow();
      for (const [sha, age] of [
        [old, "2 days"],
        [fresh, "1 hour"],
      ] as const)
        await sql`insert into media_files (workspace_id, sha256, kind, mime_type, ext, bytes, name, content, created_at)
          values (${id}, ${sha}, 'document', 'text/plain', 'txt', 3, 'a.txt', ${new Uint8Array([1, 2, 3])},
                  now() - ${age}::interval)`.execute(handle.db);
    } finally {
      await handle.close();
    }
    const r = cli(["media", "cleanup"]);
    expect(r.status, r.stderr).toBe(0);
    expect(
      r.stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l).sha256),
    ).toEqual([old]);
    expect(r.stderr).toMatch(/Removed 1 unreferenced media file\./);
    handle = await open();
    try {
      const left = await handle.db.selectFrom("media_files").select("sha256").execute();
      expect(left.map((x) => x.sha256)).toEqual([fresh]);
      const audit = await handle.db
        .selectFrom("audit_log")
        .select(["action", "details"])
        .where("action", "=", "media.removed_unreferenced")
        .execute();
      expect(audit).toMatchObject([{ details: { via: "cli", files: 1, bytes: 3 } }]);
    } finally {
      await handle.close();
    }
  });
});
