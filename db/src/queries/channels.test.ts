import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Cipher } from "../crypto/cipher.ts";
import { jsonb } from "../json.ts";
import { createTestDatabase } from "../testing/testDatabase.ts";
import {
  channelById,
  channelForRuntime,
  channelIdForNumber,
  createChannel,
  listChannels,
  markChannelNeedsToken,
  PhoneNumberTaken,
  setChannelFlow,
} from "./channels.ts";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
const cipher = new Cipher([randomBytes(32)]);
let workspaceId: string;
let otherWorkspaceId: string;
let channelId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const [a, b] = await database.db
    .insertInto("workspaces")
    .values([
      { name: "A", link_allowlist: jsonb([]) },
      { name: "B", link_allowlist: jsonb([]) },
    ])
    .returning("id")
    .execute();
  workspaceId = a!.id;
  otherWorkspaceId = b!.id;
  channelId = await createChannel(database.db, cipher, support(workspaceId));
});
function support(workspaceId: string) {
  return {
    workspaceId,
    name: "Support",
    phoneNumberId: "106540352242922",
    accessToken: "EAAG-token-one",
    appSecret: "app-secret-one",
    verifyToken: "verify-one",
    graphBaseUrl: "https://graph.facebook.com/v23.0",
    flowId: null,
  };
}

afterAll(async () => {
  await database.close();
});

describe("channel queries", () => {
  it("lists channels without secrets, only within their workspace", async () => {
    const listed = await listChannels(database.db, workspaceId);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ id: channelId, name: "Support", status: "active", lastError: null });
    expect(JSON.stringify(listed)).not.toMatch(/token-one|secret-one|verify-one|_enc/);
    expect(await listChannels(database.db, otherWorkspaceId)).toEqual([]);
    expect(await channelById(database.db, otherWorkspaceId, channelId)).toBeUndefined();
    expect(await setChannelFlow(database.db, otherWorkspaceId, channelId, null)).toBe(false);
  });

  it("stores secrets encrypted and bound to their purpose", async () => {
    const row = await database.db
      .selectFrom("channels")
      .selectAll()
      .where("id", "=", channelId)
      .executeTakeFirstOrThrow();
    expect(row.access_token_enc).not.toContain("token-one");
    // A ciphertext moved to another column does not open: purposes are bound as associated data.
    expect(() => cipher.decrypt(row.access_token_enc, "channel.app_secret")).toThrow();
    expect(await channelForRuntime(database.db, cipher, channelId)).toMatchObject({
      accessToken: "EAAG-token-one",
      appSecret: "app-secret-one",
      verifyToken: "verify-one",
    });
    expect(await channelForRuntime(database.db, cipher, "not-a-uuid")).toBeUndefined();
  });

  it("connects a number once, in whichever workspace asks first", async () => {
    const refused = await createChannel(database.db, cipher, support(otherWorkspaceId)).catch((e) => e);
    expect(refused).toBeInstanceOf(PhoneNumberTaken);
    expect(refused).toMatchObject({
      phoneNumberId: "106540352242922",
      channelId,
    });
    expect(await channelIdForNumber(database.db, "106540352242922")).toBe(channelId);
    expect(await listChannels(database.db, otherWorkspaceId)).toEqual([]);
  });

  it("shows needs_token after a 190, with the error, on the channel's health", async () => {
    const runtime = await channelForRuntime(database.db, cipher, channelId);
    await markChannelNeedsToken(database.db, runtime!, "(#190) Session has expired");
    expect(await channelById(database.db, workspaceId, channelId)).toMatchObject({
      status: "needs_token",
      lastError: "(#190) Session has expired",
    });
  });
});
