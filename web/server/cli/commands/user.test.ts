import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connectDatabase, type Db } from "@benteng/db";
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

async function withDatabase<T>(dataDir: string, work: (db: Db) => Promise<T>): Promise<T> {
  const handle = await connectDatabase({ kind: "pglite", dataDir });
  try {
    return await work(handle.db);
  } finally {
    await handle.close();
  }
}

// PGlite only: with DATABASE_URL set (the PostgreSQL run) it would repeat the PGlite run exactly.
describe.skipIf(Boolean(process.env.DATABASE_URL))("benteng user reset-2fa", () => {
  it("turns off the only admin's lost second factor, ends their sessions and is audited as the CLI's", {
    timeout: 600_000,
  }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "benteng-user-"));
    const created = benteng(
      dataDir,
      ["user", "create", "--email", "Ana@Example.com", "--role", "admin", "--password-stdin"],
      "a long enough password\n",
    );
    expect(created.status, created.stderr).toBe(0);
    const { id } = JSON.parse(created.stdout) as { id: string };
    // The admin has two-factor on and is signed in somewhere (their phone is gone).
    await withDatabase(dataDir, async (db) => {
      const workspace = await db.selectFrom("workspaces").select("id").executeTakeFirstOrThrow();
      await db.updateTable("users").set({ totp_secret_enc: "enc1:stands-for-a-secret" }).execute();
      await db.insertInto("recovery_codes").values({ user_id: id, code_hash: "h", used_at: null }).execute();
      await db
        .insertInto("sessions")
        .values({
          id: randomBytes(32).toString("hex"),
          user_id: id,
          workspace_id: workspace.id,
          expires_at: new Date(Date.now() + 86_400_000),
          two_factor_verified: true,
          reauthenticated_at: null,
          user_agent: null,
        })
        .execute();
    });

    const reset = benteng(dataDir, ["user", "reset-2fa", "--email", "ana@example.com"]);
    expect(reset.status, reset.stderr).toBe(0);
    expect(JSON.parse(reset.stdout)).toEqual({ id, email: "ana@example.com", sessionsEnded: 1 });
    await withDatabase(dataDir, async (db) => {
      const user = await db.selectFrom("users").select("totp_secret_enc").executeTakeFirstOrThrow();
      expect(user.totp_secret_enc).toBeNull();
      expect(await db.selectFrom("recovery_codes").select("id").execute()).toHaveLength(0);
      expect(await db.selectFrom("sessions").select("id").execute()).toHaveLength(0);
      const audit = await db
        .selectFrom("audit_log")
        .select(["actor_user_id", "target", "details"])
        .where("action", "=", "member.two_factor_reset")
        .executeTakeFirstOrThrow();
      expect(audit).toMatchObject({
        actor_user_id: null,
        target: id,
        details: { via: "cli", sessionsEnded: 1 },
      });
    });

    const again = benteng(dataDir, ["user", "reset-2fa", "--email", "ana@example.com"]);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain("does not have two-factor authentication on");
    const stranger = benteng(dataDir, ["user", "reset-2fa", "--email", "nobody@example.com"]);
    expect(stranger.status).toBe(2);
    expect(stranger.stderr).toContain("nobody@example.com is not a member.");
    const bad = benteng(dataDir, ["user", "reset-2fa", "--email", "not an email"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("usage: benteng user create");
  });
});
