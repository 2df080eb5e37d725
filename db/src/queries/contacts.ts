import type { Cipher } from "../crypto/cipher.ts";
import type { Db } from "../tables/database.ts";

export const CONTACT_NAME_PURPOSE = "contact.name";

/** Contacts of a workspace for the inbox screen, names decrypted. */
export async function listContacts(db: Db, cipher: Cipher, workspaceId: string, limit = 100) {
  const rows = await db
    .selectFrom("contacts")
    .select(["id", "channel_id", "identity", "name_enc", "last_inbound_at"])
    .where("workspace_id", "=", workspaceId)
    .orderBy("last_inbound_at", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    channelId: r.channel_id,
    identity: r.identity,
    name: r.name_enc ? cipher.decrypt(r.name_enc, CONTACT_NAME_PURPOSE) : null,
    lastInboundAt: r.last_inbound_at,
  }));
}
