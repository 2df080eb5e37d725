import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { Migrator } from "kysely/migration";
import { describe, expect, it } from "vitest";
import { connectDatabase, type DatabaseHandle } from "../connect.ts";
import { Cipher } from "../crypto/cipher.ts";
import { jsonb } from "../json.ts";
import { migrateToLatest } from "../migrate.ts";
import { CONTACT_USER_ID_PURPOSE, CONTACT_WA_ID_PURPOSE, contactIndex } from "../queries/contacts.ts";
import { createFreshDatabaseUrl } from "../testing/testDatabase.ts";
import { keyedMigrations, migrations } from "./index.ts";

// An installation that stored phone numbers in plain text (before 2026_12_05_0110) is converted in
// place: ciphertexts and blind indexes, the plain columns gone, the tables rewritten.

const NUMBER = "6281377712345";
const cipher = new Cipher([randomBytes(32)]);

/** A database at the schema just before the conversion, with one plain contact and two inbox rows. */
async function legacyInstallation(handle: DatabaseHandle) {
  const db = handle.db as unknown as import("kysely").Kysely<any>;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => ({ ...migrations, ...keyedMigrations(null) }) },
  });
  const to = await migrator.migrateTo("2026_11_28_0100_session_reauthentication");
  expect(to.error).toBeUndefined();
  const ws = await db
    .insertInto("workspaces")
    .values({ name: "W", link_allowlist: jsonb([]) })
    .returning("id")
    .executeTakeFirstOrThrow();
  // The channel as that schema stored it (today's createChannel writes columns added later).
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
  await db
    .insertInto("contacts")
    .values([
      {
        workspace_id: ws.id,
        channel_id: channelId,
        identity: `wa:${NUMBER}`,
        wa_id: NUMBER,
        user_id: "ID.77",
      },
      { workspace_id: ws.id, channel_id: channelId, identity: "user:ID.88", wa_id: null, user_id: "ID.88" },
    ])
    .execute();
  for (const wamid of ["wamid.a", "wamid.b"])
    await db
      .insertInto("inbox")
      .values({
        channel_id: channelId,
        wa_message_id: wamid,
        contact_identity: `wa:${NUMBER}`,
        payload_enc: "x",
      })
      .execute();
  return channelId;
}

async function expectConverted(handle: DatabaseHandle, channelId: string) {
  const contacts = await handle.db.selectFrom("contacts").selectAll().orderBy("identity_index").execute();
  expect(JSON.stringify(contacts)).not.toContain(NUMBER);
  const byNumber = contacts.find((c) => c.identity_index === contactIndex(cipher, channelId, `wa:${NUMBER}`));
  expect(cipher.decrypt(byNumber!.wa_id_enc!, CONTACT_WA_ID_PURPOSE)).toBe(NUMBER);
  expect(cipher.decrypt(byNumber!.user_id_enc!, CONTACT_USER_ID_PURPOSE)).toBe("ID.77");
  const byUser = contacts.find((c) => c.identity_index === contactIndex(cipher, channelId, "user:ID.88"));
  expect(byUser?.wa_id_enc).toBeNull();
  const inbox = await handle.db.selectFrom("inbox").select(["contact_index"]).execute();
  expect(inbox.map((r) => r.contact_index)).toEqual([byNumber!.identity_index, byNumber!.identity_index]);
}

function tableFilesContaining(dir: string, needle: string): string[] {
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

describe("2026_12_05_0110_encrypt_customer_ids", () => {
  it("converts plain rows on PGlite, and the tables' data files no longer hold the number", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "benteng-migrate-ids-"));
    try {
      let handle = await connectDatabase({ kind: "pglite", dataDir });
      const channelId = await legacyInstallation(handle);
      // Without the master key, the conversion refuses (and changes nothing).
      await expect(migrateToLatest(handle.db)).rejects.toThrow(/master key/);
      expect(await handle.db.selectFrom("contacts").select(sql`identity`.as("i")).execute()).toHaveLength(2);
      await migrateToLatest(handle.db, { cipher });
      await expectConverted(handle, channelId);
      await handle.close();
      // Table files (base/): the rewrite left no old row version behind. (Old WAL segments are
      // recycled by later checkpoints.)
      expect(tableFilesContaining(join(dataDir, "pgdata", "base"), NUMBER)).toEqual([]);
      handle = await connectDatabase({ kind: "pglite", dataDir });
      await expectConverted(handle, channelId);
      await handle.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  it.skipIf(!process.env.DATABASE_URL)(
    "converts plain rows on PostgreSQL",
    async () => {
      const fresh = await createFreshDatabaseUrl();
      const handle = await connectDatabase({ kind: "postgres", url: fresh.url as string, poolSize: 2 });
      try {
        const channelId = await legacyInstallation(handle);
        await expect(migrateToLatest(handle.db)).rejects.toThrow(/master key/);
        await migrateToLatest(handle.db, { cipher });
        await expectConverted(handle, channelId);
      } finally {
        await handle.close();
        await fresh.drop();
      }
    },
    120_000,
  );
});
