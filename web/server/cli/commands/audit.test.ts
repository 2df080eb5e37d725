import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connectDatabase } from "@benteng/db";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..", "..", "..");

/** Runs the real CLI the way an operator does, against a PGlite data folder of its own. */
function benteng(dataDir: string, args: string[], stdin = "") {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    BENTENG_DATA_DIR: dataDir,
    NODE_OPTIONS: "--no-node-snapshot",
  };
  delete env.DATABASE_URL;
  return spawnSync(process.execPath, ["web/server/cli/main.ts", ...args], {
    cwd: ROOT,
    env,
    input: stdin,
    encoding: "utf8",
    timeout: 300_000,
  });
}

// PGlite only: with DATABASE_URL set (the PostgreSQL run) it would repeat the PGlite run exactly.
describe.skipIf(Boolean(process.env.DATABASE_URL))("benteng audit verify", () => {
  it("passes an intact log and names the first row when one was edited or deleted", {
    timeout: 600_000,
  }, () => {
    const dataDir = mkdtempSync(join(tmpdir(), "benteng-audit-"));
    for (const email of ["rina@example.com", "dewi@example.com", "budi@example.com"]) {
      const created = benteng(
        dataDir,
        ["user", "create", "--email", email, "--role", "reviewer", "--password-stdin"],
        "a long enough password\n",
      );
      expect(created.status, created.stderr).toBe(0);
      expect(JSON.parse(created.stdout)).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        email,
        roles: ["reviewer"],
      });
    }
    const intact = benteng(dataDir, ["audit", "verify"]);
    expect(intact.status, intact.stderr).toBe(0);
    expect(intact.stdout).toMatch(/intact: 3 rows/);
    return tamper(dataDir).then(({ editedId }) => {
      const caught = benteng(dataDir, ["audit", "verify"]);
      expect(caught.status).toBe(1);
      expect(caught.stdout).toContain(`first bad row is id ${editedId} (its contents were edited)`);
    });
  });
});

/** An insider with database access quietly changes the roles recorded for the second account. */
async function tamper(dataDir: string): Promise<{ editedId: string }> {
  const handle = await connectDatabase({ kind: "pglite", dataDir });
  try {
    const rows = await handle.db.selectFrom("audit_log").select("id").orderBy("id").execute();
    const editedId = String(rows[1]?.id);
    await sql`update audit_log set details = '{"via":"cli","roles":["admin"]}'::jsonb where id = ${editedId}`.execute(
      handle.db,
    );
    return { editedId };
  } finally {
    await handle.close();
  }
}
