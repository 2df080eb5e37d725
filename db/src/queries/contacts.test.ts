import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Cipher } from "../crypto/cipher.ts";
import { jsonb } from "../json.ts";
import { createTestDatabase } from "../testing/testDatabase.ts";
import { createChannel } from "./channels.ts";
import { CONTACT_WA_ID_PURPOSE, contactIndex, reindexContacts } from "./contacts.ts";
import { storeWebhookBatches } from "./inbox.ts";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
const oldKey = randomBytes(32);
const before = new Cipher([oldKey]);
let workspaceId: string;
let channelId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  workspaceId = (
    await database.db
      .insertInto("workspaces")
      .values({ name: "W", link_allowlist: jsonb([]) })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
  channelId = await createChannel(database.db, before, {
    workspaceId,
    name: "Support",
    phoneNumberId: "2000001",
    accessToken: "t",
    appSecret: "s",
    verifyToken: "v",
    graphBaseUrl: "https://graph.facebook.com/v21.0",
    flowId: null,
  });
});
afterAll(() => database.close());

describe("contact blind indexes across a master key rotation", () => {
  it("re-indexes contacts and their queued messages under the new key, once", async () => {
    const waId = "6281300001111";
    const oldIndex = contactIndex(before, channelId, `wa:${waId}`);
    await storeWebhookBatches(database.db, [
      {
        workspaceId,
        channelId,
        contacts: [
          {
            identityIndex: oldIndex,
            waIdEnc: before.encrypt(waId, CONTACT_WA_ID_PURPOSE),
            userIdEnc: null,
            nameEnc: null,
          },
        ],
        messages: [{ channelId, waMessageIndex: "wamid.r1", contactIndex: oldIndex, payloadEnc: "x" }],
        statuses: [],
      },
    ]);
    expect(await reindexContacts(database.db, before)).toBe(0);
    const rotated = new Cipher([randomBytes(32), oldKey]);
    const fresh = contactIndex(rotated, channelId, `wa:${waId}`);
    expect(fresh).not.toBe(oldIndex);
    expect(await reindexContacts(database.db, rotated)).toBe(1);
    const contact = await database.db
      .selectFrom("contacts")
      .select("identity_index")
      .executeTakeFirstOrThrow();
    expect(contact.identity_index).toBe(fresh);
    const inbox = await database.db.selectFrom("inbox").select("contact_index").executeTakeFirstOrThrow();
    expect(inbox.contact_index).toBe(fresh);
    expect(await reindexContacts(database.db, rotated)).toBe(0);
  });
});
