import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { redactIdentifiers } from "@benteng/shared";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { connectDatabase, type DatabaseHandle } from "../connect.ts";
import { Cipher } from "../crypto/cipher.ts";
import { jsonb } from "../json.ts";
import { migrateToLatest } from "../migrate.ts";
import { createTestDatabase } from "../testing/testDatabase.ts";
import { createChannel, markChannelNeedsToken, recordChannelError } from "./channels.ts";
import { storeWebhookBatches } from "./inbox.ts";
import { raiseNotice } from "./notices.ts";
import { markOutboxFailed, markOutboxRetry, wamidIndex } from "./outbox.ts";

// Issue 12, finding 3: a customer's phone number (or e-mail) quoted by a script error or the Graph
// API's error text was stored in clear in notices.detail, outbox.last_error, channels.last_error and
// early_statuses.error_title. One rule (redactIdentifiers) masks them where these texts are written.

const PHONE = "+6281298765432";
const DIGITS = "6281298765432";
const EMAIL = "budi.santoso@example.co.id";

/** Every file under `dir` whose bytes contain `needle`. */
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

/** Writes every kind of error text that quoted the customer's number, as the runtime does. */
async function storeErrorsQuotingTheCustomer(handle: DatabaseHandle, cipher: Cipher): Promise<void> {
  const db = handle.db;
  const workspaceId = (
    await db
      .insertInto("workspaces")
      .values({ name: "W", link_allowlist: jsonb([]) })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
  const channelId = await createChannel(db, cipher, {
    workspaceId,
    name: "Support",
    phoneNumberId: "2000001",
    accessToken: "t",
    appSecret: "s",
    verifyToken: "v",
    graphBaseUrl: "https://graph.facebook.com/v21.0",
    flowId: null,
  });
  // A script's error, as runtimeNotices.scriptFailed raises it.
  await raiseNotice(db, {
    workspaceId,
    kind: "script_failed",
    subject: "block:script_1",
    label: "Script block script_1 failed for a customer",
    detail: `Error: no account for phone ${PHONE} (${EMAIL})`,
    link: "/flows",
  });
  // The Graph API's error texts, which can echo the recipient.
  const graphText = `(#131030) Recipient phone number ${DIGITS} not in allowed list`;
  await recordChannelError(db, channelId, graphText);
  const channel = await db
    .selectFrom("channels")
    .select(["id", "access_token_enc as accessTokenEnc"])
    .where("id", "=", channelId)
    .executeTakeFirstOrThrow();
  await markChannelNeedsToken(db, channel, `190 Session expired for ${PHONE}`);
  const contactId = (
    await db
      .insertInto("contacts")
      .values({ workspace_id: workspaceId, channel_id: channelId, identity_index: "i".repeat(64) })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
  const outbox = async () =>
    (
      await db
        .insertInto("outbox")
        .values({
          channel_id: channelId,
          conversation_id: null,
          contact_id: contactId,
          payload_enc: "x",
          lease_owner: OWNER,
        })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
  await markOutboxRetry(db, { id: await outbox(), owner: OWNER }, new Date(), 131030, graphText);
  await markOutboxFailed(
    db,
    { id: await outbox(), owner: OWNER },
    131026,
    `Message undeliverable to ${PHONE}`,
  );
  // A failed status for a message not yet recorded: kept in early_statuses with its title.
  await storeWebhookBatches(db, [
    {
      workspaceId,
      channelId,
      contacts: [],
      messages: [],
      statuses: [
        {
          waMessageIndex: wamidIndex(cipher, "wamid.unknown"),
          status: "failed",
          errorCode: 131026,
          errorTitle: `Message undeliverable: ${DIGITS}`,
        },
      ],
    },
  ]);
}
const OWNER = "00000000-0000-4000-8000-000000000001";

async function storedTexts(handle: DatabaseHandle): Promise<string> {
  const rows = await Promise.all([
    handle.db.selectFrom("notices").select("detail").execute(),
    handle.db.selectFrom("channels").select("last_error").execute(),
    handle.db.selectFrom("outbox").select("last_error").execute(),
    handle.db.selectFrom("early_statuses").select("error_title").execute(),
  ]);
  return JSON.stringify(rows);
}

describe("error texts are stored without the customer's phone number or e-mail", () => {
  it("masks phone-number-like digit runs, e-mails and cards, keeps error codes and short numbers", () => {
    expect(redactIdentifiers(`no account for phone ${PHONE}`)).toBe("no account for phone +•••••••••••32");
    expect(redactIdentifiers("call +62 812-9876-5432 now")).toBe("call +•• •••-••••-••32 now");
    expect(redactIdentifiers(`write to ${EMAIL}`)).toBe("write to [email]");
    expect(redactIdentifiers("(#131047) Re-engagement message, 24 hours, order 12345")).toBe(
      "(#131047) Re-engagement message, 24 hours, order 12345",
    );
    expect(redactIdentifiers("card 4111 1111 1111 1111")).toBe("card •••• •••• •••• 1111");
    // Linear on hostile input.
    expect(redactIdentifiers("1".repeat(100_000)).length).toBe(100_000);
    expect(redactIdentifiers(`${"a".repeat(50_000)}@`).length).toBe(50_001);
    expect(redactIdentifiers("a@b.co ".repeat(20_000))).toBe("[email] ".repeat(20_000));
    expect(redactIdentifiers("@".repeat(100_000)).length).toBe(100_000);
    expect(redactIdentifiers("mail ops@example.com, or x@y (not one)")).toBe(
      "mail [email], or x@y (not one)",
    );
  });

  it("nowhere in the PGlite files", async () => {
    const dir = mkdtempSync(join(tmpdir(), "benteng-errors-"));
    try {
      const cipher = new Cipher([randomBytes(32)]);
      const handle = await connectDatabase({ kind: "pglite", dataDir: dir });
      await migrateToLatest(handle.db, { cipher });
      await storeErrorsQuotingTheCustomer(handle, cipher);
      const texts = await storedTexts(handle);
      expect(texts).toContain("+•••••••••••32");
      expect(texts).toContain("131030");
      await sql`checkpoint`.execute(handle.db);
      await handle.close();
      for (const needle of [DIGITS, EMAIL]) expect(filesContaining(dir, needle)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it("nor in the tables on the configured database (PostgreSQL with DATABASE_URL)", async () => {
    const database = await createTestDatabase();
    try {
      const cipher = new Cipher([randomBytes(32)]);
      await storeErrorsQuotingTheCustomer(database, cipher);
      const texts = await storedTexts(database);
      expect(texts).not.toContain(DIGITS);
      expect(texts).not.toContain(EMAIL);
      expect(texts).toContain("[email]");
    } finally {
      await database.close();
    }
  }, 60_000);
});
