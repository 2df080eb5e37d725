import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { connectDatabase, DataFolderInUseError } from "./connect.ts";

const root = mkdtempSync(join(tmpdir(), "benteng-lock-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// PGlite only: with DATABASE_URL set (the PostgreSQL run) it would repeat the PGlite run exactly.
describe.skipIf(Boolean(process.env.DATABASE_URL))("a PGlite data folder", () => {
  it("is held by one handle at a time, private to its user, and runs with fsync on", {
    timeout: 180_000,
  }, async () => {
    const dataDir = join(root, "data");
    const first = await connectDatabase({ kind: "pglite", dataDir });
    try {
      const refused = await connectDatabase({ kind: "pglite", dataDir }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(refused).toBeInstanceOf(DataFolderInUseError);
      expect((refused as Error).message).toContain(`in use by process ${process.pid}`);
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      expect(statSync(join(dataDir, "benteng.lock")).mode & 0o777).toBe(0o600);
      const settings = await sql<{ name: string; setting: string }>`
        select name, setting from pg_settings where name in ('fsync', 'wal_sync_method') order by name`.execute(
        first.db,
      );
      expect(settings.rows).toEqual([
        { name: "fsync", setting: "on" },
        { name: "wal_sync_method", setting: "fsync" },
      ]);
    } finally {
      await first.close();
    }
    // Closed: the folder is free again.
    const second = await connectDatabase({ kind: "pglite", dataDir });
    await second.close();
  });

  it("belongs to one process even when its lock files are deleted: the second gets one line, exit 2, and changes nothing", {
    timeout: 240_000,
  }, async () => {
    const dataDir = join(root, "two-processes");
    const first = hold(dataDir);
    try {
      const pid = Number((await first.waitFor(/ready (\d+)/))[1]);
      const lockFiles = ["benteng.lock", "benteng.lock.json"];
      for (const deleteLockFiles of [false, true]) {
        if (deleteLockFiles) for (const name of lockFiles) rmSync(join(dataDir, name));
        const before = snapshot(dataDir);
        const second = hold(dataDir);
        const outcome = await Promise.race([
          second.exited(),
          second.waitFor(/ready/).then(() => "opened the folder too"),
        ]);
        second.child.stdin.end();
        expect(outcome).toBe(2);
        const lines = second.err().trim().split("\n");
        expect(lines).toHaveLength(1);
        expect(lines[0]).toContain(`in use by process ${pid}`);
        expect(lines[0]).toContain("holdDataFolder.ts");
        expect(lines[0]).toMatch(/Stop that process.*DATABASE_URL/);
        // Not even a lock file was made again.
        expect(snapshot(dataDir)).toEqual(before);
      }
    } finally {
      first.child.stdin.end();
      expect(await first.exited()).toBe(0);
    }
    // The holder is gone: the next process opens the folder.
    const next = hold(dataDir);
    await next.waitFor(/ready/);
    next.child.stdin.end();
    expect(await next.exited()).toBe(0);
  });
});

/** Names, sizes and modification times of everything in the folder. */
function snapshot(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .sort()
    .map((name) => {
      const stat = statSync(join(dir, name));
      return `${name} ${stat.size} ${stat.mtimeMs}`;
    });
}

/** A real second process that opens the folder (db/src/testing/holdDataFolder.ts). */
function hold(dataDir: string) {
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    [join(import.meta.dirname, "testing", "holdDataFolder.ts"), dataDir],
    { stdio: "pipe" },
  );
  let out = "";
  let err = "";
  child.stdout.on("data", (d) => {
    out += d;
  });
  child.stderr.on("data", (d) => {
    err += d;
  });
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    child,
    err: () => err,
    exited: () => exit,
    async waitFor(pattern: RegExp): Promise<RegExpMatchArray> {
      const until = Date.now() + 120_000;
      for (;;) {
        const match = out.match(pattern);
        if (match) return match;
        if (child.exitCode !== null || Date.now() > until)
          throw new Error(`no ${pattern} from the holder: ${out} ${err}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}
