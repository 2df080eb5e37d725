import { randomBytes } from "node:crypto";
import { Cipher } from "@benteng/db";
import { channelForRuntime } from "@benteng/db/queries/channels";
import { ensureInstallationWorkspace } from "@benteng/db/queries/workspaces";
import { createTestDatabase } from "@benteng/db/testing/testDatabase";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { UsageError } from "../command.ts";
import { runChannelCommand } from "./channel.ts";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let open: () => Promise<{
  db: typeof database.db;
  cipher: Cipher;
  workspaceId: string;
  close: () => Promise<void>;
}>;
const cipher = new Cipher([randomBytes(32)]);

beforeAll(async () => {
  database = await createTestDatabase();
  const workspaceId = await ensureInstallationWorkspace(database.db);
  // The command closes what it opens; the test database stays open for the next command.
  open = async () => ({ db: database.db, cipher, workspaceId, close: async () => {} });
});
afterAll(async () => {
  await database.close();
});

/** Runs the command and returns its exit code and the JSON lines it printed. */
async function run(args: string[]) {
  const out: string[] = [];
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    out.push(String(chunk));
    return true;
  });
  const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  try {
    const code = await runChannelCommand(args, open);
    return {
      code,
      lines: out
        .join("")
        .trim()
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l)),
    };
  } finally {
    spy.mockRestore();
    err.mockRestore();
  }
}

const add = [
  "add",
  "--phone-number-id",
  "106540352242922",
  "--access-token",
  "EAAG-secret-access-token",
  "--app-secret",
  "app-secret-123",
  "--verify-token",
  "verify-token-123",
  "--graph-url",
  "http://127.0.0.1:9/v23.0",
];

describe("benteng channel", () => {
  it("adds a channel, prints its id and webhook path, and stores the secrets encrypted", async () => {
    const { code, lines } = await run(add);
    expect(code).toBe(0);
    const { id, webhookPath } = lines[0];
    expect(webhookPath).toBe(`/webhooks/whatsapp/${id}`);
    const row = await database.db
      .selectFrom("channels")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain("EAAG-secret-access-token");
    expect(JSON.stringify(row)).not.toContain("app-secret-123");
    const channel = await channelForRuntime(database.db, cipher, id);
    expect(channel).toMatchObject({
      accessToken: "EAAG-secret-access-token",
      appSecret: "app-secret-123",
      graphBaseUrl: "http://127.0.0.1:9/v23.0",
    });
  });

  it("lists channels without any secret", async () => {
    const { code, lines } = await run(["list"]);
    expect(code).toBe(0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ phoneNumberId: "106540352242922", status: "active" });
    expect(JSON.stringify(lines)).not.toMatch(/secret-access-token|app-secret-123|verify-token-123|_enc/);
  });

  it("refuses a second channel for the same number and missing or bad arguments", async () => {
    await expect(run(add)).rejects.toThrow(/Phone number ID 106540352242922 is already connected \(channel /);
    await expect(run(["add", "--phone-number-id", "123456"])).rejects.toThrow(UsageError);
    await expect(run([...add.slice(0, -2), "--graph-url", "ftp://x"])).rejects.toThrow(/graph-url/);
    await expect(run(["move"])).rejects.toThrow(
      'unknown subcommand "move" (one of: add, list, update, remove)',
    );
    await expect(run([])).rejects.toThrow("missing subcommand (one of: add, list, update, remove)");
  });

  it("rotates the access token of a channel that needs one, renames and pauses it, audited via cli", async () => {
    const { lines } = await run(["list"]);
    const id = lines[0].id as string;
    await database.db.updateTable("channels").set({ status: "needs_token" }).where("id", "=", id).execute();
    const rotated = await run([
      "update",
      "--channel",
      id,
      "--access-token",
      "EAAG-new-token",
      "--name",
      "Care",
    ]);
    expect(rotated).toEqual({
      code: 0,
      lines: [{ id, status: "active", changed: ["name", "accessToken"] }],
    });
    expect(await channelForRuntime(database.db, cipher, id)).toMatchObject({
      accessToken: "EAAG-new-token",
      appSecret: "app-secret-123",
      status: "active",
    });
    expect((await run(["update", "--channel", id, "--pause"])).lines).toEqual([
      { id, status: "paused", changed: ["paused"] },
    ]);
    const audit = await database.db
      .selectFrom("audit_log")
      .select(["action", "details"])
      .where("action", "in", ["channel.secrets_rotated", "channel.renamed", "channel.paused"])
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      "channel.renamed",
      "channel.secrets_rotated",
      "channel.paused",
    ]);
    expect(audit.every((a) => (a.details as { via?: string }).via === "cli")).toBe(true);
    expect(JSON.stringify(audit)).not.toContain("EAAG-new-token");
  });

  it("refuses an update that changes nothing, contradictory flags and an unknown channel", async () => {
    const { lines } = await run(["list"]);
    const id = lines[0].id as string;
    await expect(run(["update", "--channel", id])).rejects.toThrow(/say what to change/);
    await expect(run(["update", "--channel", id, "--pause", "--resume"])).rejects.toThrow(UsageError);
    await expect(run(["update", "--channel", "nope", "--pause"])).rejects.toThrow(/--channel/);
    await expect(run(["update", "--channel", id, "--access-token", " "])).rejects.toThrow(/--access-token/);
    await expect(
      run(["update", "--channel", "00000000-0000-4000-8000-000000000000", "--pause"]),
    ).rejects.toThrow(/not found|No channel/i);
  });

  it("removes a channel only with --yes, and prints what went with it", async () => {
    const { lines } = await run(["list"]);
    const id = lines[0].id as string;
    await expect(run(["remove", "--channel", id])).rejects.toThrow(/--yes/);
    expect(await run(["remove", "--channel", id, "--yes"])).toEqual({
      code: 0,
      lines: [{ id, conversations: 0, queuedMessages: 0 }],
    });
    expect((await run(["list"])).lines).toEqual([]);
    await expect(run(["remove", "--channel", id, "--yes"])).rejects.toThrow(/not found|No channel/i);
  });
});
