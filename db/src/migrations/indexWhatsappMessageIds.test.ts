import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Kysely } from "kysely";
import { Migrator } from "kysely/migration";
import { describe, expect, it } from "vitest";
import { connectDatabase, type DatabaseHandle } from "../connect.ts";
import { Cipher } from "../crypto/cipher.ts";
import { jsonb } from "../json.ts";
import { migrateToLatest } from "../migrate.ts";
import { contactIndex } from "../queries/contacts.ts";
import { wamidIndex } from "../queries/outbox.ts";
import { createFreshDatabaseUrl } from "../testing/testDatabase.ts";
import { keyedMigrations, migrations } from "./index.ts";

// An installation that stored wamids in plain text (before 2026_12_06_0220) is converted in place:
// each wamid becomes its keyed index, still found by status webhooks and duplicate deliveries.

const NUMBER = "6281377754321";
const wamid = (tag: string) =>
  `wamid.${Buffer.from(`\u0018\r${NUMBER}\u0015\u0002\u0000\u0012\u0018\u0014${tag}`).toString("base64")}`;
const INBOUND = wamid("IN");
const OUTBOUND = wamid("OUT");
const EARLY = wamid("EARLY");
const cipher = new Cipher([randomBytes(32)]);

async function legacyInstallation(handle: DatabaseHandle): Promise<void> {
  const db = handle.db as unknown as Kysely<any>;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => ({ ...migrations, ...keyedMigrations(cipher) }) },
  });
  const to = await migrator.migrateTo("2026_12_06_0210_provenance");
  expect(to.error).toBeUndefined();
  const ws = await db
    .insertInto("workspaces")
    .values({ name: "W", link_allowlist: jsonb([]) })
    .returning("id")
    .executeTakeFirstOrThrow();
  const { id: channelId } = await db
    .insertInto("channels")
    .values({
      workspace_id: ws.id,
      name: "Support",
      phone_number_id: "1000001",
      access_token_enc: cipher.encrypt("t", "channel.access_token"),
      app_secret_enc: cipher.encrypt("s", "channel.app_secret"),
      verify_token_enc: cipher.encrypt("v", "channel.verify_token"),
      graph_base_url: "https://graph.facebook.com/v21.0",
      flow_id: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const index = contactIndex(cipher, channelId, `wa:${NUMBER}`);
  const { id: contactId } = await db
    .insertInto("contacts")
    .values({ workspace_id: ws.id, channel_id: channelId, identity_index: index })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("inbox")
    .values({ channel_id: channelId, wa_message_id: INBOUND, contact_index: index, payload_enc: "x" })
    .execute();
  await db
    .insertInto("outbox")
    .values({
      channel_id: channelId,
      contact_id: contactId,
      payload_enc: "x",
      status: "sent",
      wa_message_id: OUTBOUND,
    })
    .execute();
  await db
    .insertInto("early_statuses")
    .values({ channel_id: channelId, wa_message_id: EARLY, status: "read", rank: 3 })
    .execute();
}

async function expectConverted(handle: DatabaseHandle): Promise<void> {
  const found = async (table: "inbox" | "outbox" | "early_statuses", w: string) =>
    (
      await handle.db
        .selectFrom(table)
        .select("wa_message_id")
        .where("wa_message_id", "=", wamidIndex(cipher, w))
        .execute()
    ).length;
  expect(await found("inbox", INBOUND)).toBe(1);
  expect(await found("outbox", OUTBOUND)).toBe(1);
  expect(await found("early_statuses", EARLY)).toBe(1);
}

function filesContaining(dir: string, needle: string): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (readFileSync(path).includes(Buffer.from(needle))) found.push(path);
    }
  };
  walk(dir);
  return found;
}

describe("2026_12_06_0220_index_whatsapp_message_ids", () => {
  it("replaces stored wamids by their keyed index on PGlite; no table file holds one", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "benteng-migrate-wamids-"));
    try {
      const handle = await connectDatabase({ kind: "pglite", dataDir });
      await legacyInstallation(handle);
      expect(filesContaining(join(dataDir, "pgdata"), INBOUND).length).toBeGreaterThan(0);
      await expect(migrateToLatest(handle.db)).rejects.toThrow(/master key/);
      await migrateToLatest(handle.db, { cipher });
      await expectConverted(handle);
      await handle.close();
      for (const w of [INBOUND, OUTBOUND, EARLY])
        expect(filesContaining(join(dataDir, "pgdata", "base"), w)).toEqual([]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  it.skipIf(!process.env.DATABASE_URL)(
    "replaces stored wamids on PostgreSQL; a pg_dump holds none",
    async () => {
      const fresh = await createFreshDatabaseUrl();
      const url = fresh.url as string;
      const handle = await connectDatabase({ kind: "postgres", url, poolSize: 2 });
      try {
        await legacyInstallation(handle);
        await migrateToLatest(handle.db, { cipher });
        await expectConverted(handle);
        const { stdout } = await promisify(execFile)("pg_dump", ["--no-owner", url], {
          maxBuffer: 64 * 1024 * 1024,
        });
        expect(stdout).toContain("Support");
        for (const w of [INBOUND, OUTBOUND, EARLY, NUMBER]) expect(stdout).not.toContain(w);
      } finally {
        await handle.close();
        await fresh.drop();
      }
    },
    120_000,
  );
});
