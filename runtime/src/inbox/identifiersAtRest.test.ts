import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Cipher } from "@benteng/db";
import { checkpoint, connectDatabase, type DatabaseHandle, migrateToLatest } from "@benteng/db";
import { CONTACT_WA_ID_PURPOSE, contactIndex } from "@benteng/db/queries/contacts";
import { wamidIndex } from "@benteng/db/queries/outbox";
import { createFreshDatabaseUrl } from "@benteng/db/testing/testDatabase";
import { describe, expect, it } from "vitest";
import { startRuntimeHarness } from "../testing/runtimeHarness.ts";
import { textMessage, webhookEnvelope } from "../testing/webhookPayloads.ts";

// A customer's phone number arrives through a signed webhook and goes through the whole path
// (contacts, inbox, conversation, transcript, outbox, the reply sent): nowhere at rest is it readable.

const NUMBER = "6281398765432";
/** Meta's wamids are base64 of a record that starts with the customer's number, as these are. */
const WAMIDS = ["hi", "12345"].map(
  (_, i) =>
    `wamid.${Buffer.from(`\u0018\r${NUMBER}\u0015\u0002\u0000\u0012\u0018\u0014MSG${i}`).toString("base64")}`,
);

/** Two messages from NUMBER through webhook, inbox worker and sender; checks the reply reached them. */
async function customerWrites(database: DatabaseHandle & { url: string | null }) {
  const h = await startRuntimeHarness({ database });
  await h.startRuntime();
  const repliesTo = () => h.graph.messages.filter((m) => m.body.to === NUMBER);
  for (const [i, text] of ["hi", "12345"].entries()) {
    const res = await h.post(
      webhookEnvelope(h.phoneNumberId, {
        messages: [textMessage({ waId: NUMBER, name: "Budi" }, text, WAMIDS[i])],
      }),
    );
    expect(res.statusCode).toBe(200);
    await h.graph.waitFor(() => repliesTo().length >= i + 1, 30_000);
  }
  // The wamids the replies went out with (the Graph API's answers) are customer identifiers too.
  const sent = repliesTo().flatMap((m) => (m.waMessageId ? [m.waMessageId] : []));
  expect(sent.length).toBeGreaterThan(0);
  // Found by their keyed index: a status webhook for a reply and a retried delivery still match.
  const inbox = await h.db
    .selectFrom("inbox")
    .select("id")
    .where(
      "wa_message_id",
      "in",
      WAMIDS.map((w) => wamidIndex(h.cipher, w)),
    )
    .execute();
  expect(inbox).toHaveLength(2);
  await waitForSentRecorded(h, sent);
  wamidsOf.set(h, [...WAMIDS, ...sent]);
  // Found by its keyed index, and the number opens with the key.
  const contact = await h.db
    .selectFrom("contacts")
    .select(["wa_id_enc"])
    .where("identity_index", "=", contactIndex(h.cipher, h.channelId, `wa:${NUMBER}`))
    .executeTakeFirstOrThrow();
  expect(h.cipher.decrypt(contact.wa_id_enc!, CONTACT_WA_ID_PURPOSE)).toBe(NUMBER);
  return h;
}

const wamidsOf = new Map<unknown, string[]>();

async function waitForSentRecorded(h: { db: DatabaseHandle["db"]; cipher: Cipher }, sent: string[]) {
  const indexes = sent.map((w) => wamidIndex(h.cipher, w));
  for (let i = 0; i < 300; i++) {
    const rows = await h.db.selectFrom("outbox").select("id").where("wa_message_id", "in", indexes).execute();
    if (rows.length === sent.length) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the sender did not record the sent wamids");
}

/** Every file under `dir` whose bytes contain `needle`. */
function filesContaining(dir: string, needle: string): string[] {
  const found: string[] = [];
  const bytes = Buffer.from(needle);
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      const st = statSync(path);
      if (st.isDirectory()) walk(path);
      else if (readFileSync(path).includes(bytes)) found.push(path);
    }
  };
  walk(dir);
  return found;
}

describe("customer phone numbers at rest", () => {
  it("are in no PGlite data or WAL file after a checkpoint", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "benteng-at-rest-"));
    try {
      const handle = await connectDatabase({ kind: "pglite", dataDir });
      await migrateToLatest(handle.db);
      const h = await customerWrites({ ...handle, url: null });
      expect(await checkpoint(h.db)).toBe(true);
      await h.close();
      const files = filesContaining(dataDir, NUMBER);
      expect(files).toEqual([]);
      const wamids = wamidsOf.get(h) ?? [];
      expect(wamids.length).toBeGreaterThan(2);
      for (const wamid of wamids) expect(filesContaining(dataDir, wamid)).toEqual([]);
      // The check can see a number: the same walk finds a value that is stored in plain text.
      expect(filesContaining(dataDir, "Test number").length).toBeGreaterThan(0);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);

  it.skipIf(!process.env.DATABASE_URL)(
    "are in no pg_dump of a fresh PostgreSQL database",
    async () => {
      const fresh = await createFreshDatabaseUrl();
      const url = fresh.url as string;
      try {
        const handle = await connectDatabase({ kind: "postgres", url, poolSize: 5 });
        await migrateToLatest(handle.db);
        const h = await customerWrites({ ...handle, url });
        await h.close();
        const { stdout } = await promisify(execFile)("pg_dump", ["--no-owner", url], {
          maxBuffer: 256 * 1024 * 1024,
        });
        expect(stdout).toContain("Test number");
        expect(stdout).toContain("enc1:");
        expect(stdout).not.toContain(NUMBER);
        const wamids = wamidsOf.get(h) ?? [];
        expect(wamids.length).toBeGreaterThan(2);
        for (const wamid of wamids) expect(stdout).not.toContain(wamid);
      } finally {
        await fresh.drop();
      }
    },
    180_000,
  );
});
