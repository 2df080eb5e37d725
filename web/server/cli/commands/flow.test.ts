import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connectDatabase } from "@benteng/db";
import { createFreshDatabaseUrl } from "@benteng/db/testing/testDatabase";
import { flowTemplates } from "@benteng/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..", "..", "..");

describe("benteng flow import (the real CLI)", { timeout: 600_000 }, () => {
  let dir: string;
  let database: Awaited<ReturnType<typeof createFreshDatabaseUrl>>;
  const cli = (args: string[]) =>
    spawnSync(process.execPath, ["web/server/cli/main.ts", ...args], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, BENTENG_DATA_DIR: dir, DATABASE_URL: database.url ?? "" },
    });
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "benteng-cli-flow-"));
    database = await createFreshDatabaseUrl();
  });
  afterAll(async () => {
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("imports a valid document as a draft, audited, and prints it as one JSON line", async () => {
    const file = join(dir, "orders.json");
    writeFileSync(file, JSON.stringify(flowTemplates.orderStatus.build()));
    const r = cli(["flow", "import", file, "--name", "Orders"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const flow = JSON.parse(r.stdout);
    expect(flow).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), name: "Orders", revision: 1 });
    // The same audit entry as an import from the Flows page, by the operator instead of a member.
    const handle = await connectDatabase(
      database.url ? { kind: "postgres", url: database.url } : { kind: "pglite", dataDir: dir },
    );
    try {
      const audit = await handle.db.selectFrom("audit_log").selectAll().execute();
      expect(audit).toMatchObject([
        {
          action: "flow.imported",
          actor_user_id: null,
          target: flow.id,
          target_type: "flow",
          target_label: "Orders",
          details: { via: "cli" },
        },
      ]);
    } finally {
      await handle.close();
    }
  });

  it("refuses a malformed document with exit code 2 and a reason, creating nothing", () => {
    const file = join(dir, "bad.json");
    writeFileSync(file, JSON.stringify({ version: 1, nodes: [{ id: "x", type: "rocket" }], edges: [] }));
    const r = cli(["flow", "import", file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^error: The flow document is not valid\./);
    expect(r.stdout).toBe("");
    const missing = cli(["flow", "import"]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^error: give exactly one flow file\nusage: benteng flow import/);
  });

  it("deletes, lists recently deleted and restores a flow as the Flows page does; refuses a flow a channel uses", () => {
    const file = join(dir, "faq.json");
    writeFileSync(file, JSON.stringify(flowTemplates.faq.build()));
    const { id } = JSON.parse(cli(["flow", "import", file, "--name", "FAQ"]).stdout);
    const listed = cli(["flow", "list"])
      .stdout.trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(listed.map((f: { id: string }) => f.id)).toContain(id);

    const deleted = cli(["flow", "delete", id]);
    expect(deleted.status).toBe(0);
    expect(JSON.parse(deleted.stdout)).toEqual({ id, deleted: true });
    expect(deleted.stderr).toMatch(/benteng flow restore/);
    const recently = cli(["flow", "deleted"])
      .stdout.trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(recently).toMatchObject([{ id, name: "FAQ", published: false }]);

    const restored = cli(["flow", "restore", id]);
    expect(JSON.parse(restored.stdout)).toEqual({ id, name: "FAQ", restored: true });
    expect(cli(["flow", "deleted"]).stdout).toBe("");

    // A number answered by this flow (nothing published yet: the CLI warns) keeps it from being deleted.
    const added = cli([
      "channel",
      "add",
      "--phone-number-id",
      "5550001111",
      "--access-token",
      "t",
      "--app-secret",
      "s",
      "--verify-token",
      "v",
      "--name",
      "Support line",
      "--flow",
      id,
    ]);
    expect(added.status).toBe(0);
    expect(added.stderr).toMatch(/Warning: “FAQ” has no published version yet/);
    const channel = JSON.parse(cli(["channel", "list"]).stdout.trim());
    expect(channel.flow).toEqual({ id, name: "FAQ", published: false, deleted: false });
    const refused = cli(["flow", "delete", id]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/answers the WhatsApp channel “Support line” \(5550001111\)/);
    expect(cli(["flow", "restore", "not-a-uuid"]).status).toBe(2);
  }, 900_000); // twelve CLI processes, each opening the database
});
