import { sql } from "kysely";
import type { Cipher } from "../crypto/cipher.ts";
import type { Db } from "../tables/database.ts";

export const CONTACT_NAME_PURPOSE = "contact.name";

export interface ContactSighting {
  /** "wa:<wa_id>" or "user:<user_id>". */
  identity: string;
  waId: string | null;
  userId: string | null;
  profileName: string | null;
}

/**
 * Creates or refreshes the contacts who just wrote (one statement for a whole webhook batch) and
 * starts their 24-hour customer service window. Sorted by identity so that concurrent batches lock
 * rows in the same order and cannot deadlock.
 */
export async function upsertContacts(
  db: Db,
  cipher: Cipher,
  workspaceId: string,
  channelId: string,
  sightings: ContactSighting[],
): Promise<void> {
  const byIdentity = new Map<string, ContactSighting>();
  for (const s of sightings) byIdentity.set(s.identity, { ...byIdentity.get(s.identity), ...s });
  if (byIdentity.size === 0) return;
  const rows = [...byIdentity.values()]
    .sort((a, b) => (a.identity < b.identity ? -1 : 1))
    .map((s) => ({
      workspace_id: workspaceId,
      channel_id: channelId,
      identity: s.identity,
      wa_id: s.waId,
      user_id: s.userId,
      name_enc: s.profileName ? cipher.encrypt(s.profileName, CONTACT_NAME_PURPOSE) : null,
      last_inbound_at: sql<Date>`now()`,
    }));
  await db
    .insertInto("contacts")
    .values(rows)
    .onConflict((oc) =>
      oc.columns(["channel_id", "identity"]).doUpdateSet({
        last_inbound_at: sql<Date>`now()`,
        wa_id: sql<string | null>`coalesce(excluded.wa_id, contacts.wa_id)`,
        user_id: sql<string | null>`coalesce(excluded.user_id, contacts.user_id)`,
        name_enc: sql<string | null>`coalesce(excluded.name_enc, contacts.name_enc)`,
      }),
    )
    .execute();
}

/** Contacts of a channel by identity (id, identity, window start). */
export async function contactsByIdentity(db: Db, channelId: string, identities: string[]) {
  if (identities.length === 0) return [];
  return db
    .selectFrom("contacts")
    .select(["id", "workspace_id as workspaceId", "identity", "last_inbound_at as lastInboundAt"])
    .where("channel_id", "=", channelId)
    .where("identity", "in", identities)
    .execute();
}

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
