import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createFreshDatabaseUrl } from "@benteng/db/testing/testDatabase";
import { flowTemplates } from "@benteng/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..", "..", "..");

describe("benteng flow import (the real CLI)", () => {
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

  it("imports a valid document as a draft and prints its id", () => {
    const file = join(dir, "orders.json");
    writeFileSync(file, JSON.stringify(flowTemplates.orderStatus.build()));
    const r = cli(["flow", "import", file, "--name", "Orders"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("refuses a malformed document with exit code 2 and a reason, creating nothing", () => {
    const file = join(dir, "bad.json");
    writeFileSync(file, JSON.stringify({ version: 1, nodes: [{ id: "x", type: "rocket" }], edges: [] }));
    const r = cli(["flow", "import", file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("The flow document is not valid.");
    expect(cli(["flow", "import"]).status).toBe(2);
  });
});
