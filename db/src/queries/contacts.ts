import { sql } from "kysely";
import type { Cipher } from "../crypto/cipher.ts";
import { jsonRows } from "../json.ts";
import type { Db } from "../tables/database.ts";

/** The cipher purpose of a contact's display name (bound as associated data, so it opens nowhere else). */
export const CONTACT_NAME_PURPOSE = "contact.name";
/** The cipher purposes of a contact's WhatsApp id (phone number) and business-scoped user id. */
export const CONTACT_WA_ID_PURPOSE = "contact.wa_id";
export const CONTACT_USER_ID_PURPOSE = "contact.user_id";

/**
 * The keyed blind index a contact is stored and looked up by (contacts.identity_index,
 * inbox.contact_index): its identity ("wa:<wa_id>" / "user:<id>") within its channel, HMAC'd. Equal
 * identities give equal indexes; without the master key an index says nothing about the number.
 */
export function contactIndex(cipher: Cipher, channelId: string, identity: string): string {
  return cipher.blindIndex(`${channelId}|${identity}`, "contact.identity");
}

/**
 * Who a message is from, and so whom to answer: "wa:<wa_id>" when there is a phone number, otherwise
 * "user:<business-scoped user id>"; null when neither is known.
 */
export function contactIdentity(waId: string | null, userId: string | null): string | null {
  return waId ? `wa:${waId}` : userId ? `user:${userId}` : null;
}

/**
 * After a master key rotation (a new key first, the old ones after it), recomputes the blind indexes
 * made with an older key — of contacts and of their inbox rows — so that a customer's next message
 * still finds their contact and conversation. Does nothing while only one key is held. A contact
 * whose new index is taken already (written by a process that had the new key first) keeps its old
 * one. Returns how many contacts were re-indexed.
 */
export async function reindexContacts(db: Db, cipher: Cipher): Promise<number> {
  if (!cipher.rotating) return 0;
  let done = 0;
  for (let after = "00000000-0000-0000-0000-000000000000"; ; ) {
    const rows = await db
      .selectFrom("contacts")
      .select(["id", "channel_id", "identity_index", "wa_id_enc", "user_id_enc"])
      .where("id", ">", after)
      .orderBy("id")
      .limit(500)
      .execute();
    if (rows.length === 0) return done;
    after = rows.at(-1)!.id;
    const changes = rows.flatMap((r) => {
      if (!cipher.isStaleIndex(r.identity_index)) return [];
      const identity = contactIdentity(
        r.wa_id_enc ? cipher.decrypt(r.wa_id_enc, CONTACT_WA_ID_PURPOSE) : null,
        r.user_id_enc ? cipher.decrypt(r.user_id_enc, CONTACT_USER_ID_PURPOSE) : null,
      );
      if (!identity) return [];
      const fresh = contactIndex(cipher, r.channel_id, identity);
      return [{ id: r.id, channel_id: r.channel_id, old: r.identity_index, fresh }];
    });
    if (changes.length === 0) continue;
    const v = () => jsonRows(changes, { id: "uuid", channel_id: "uuid", old: "text", fresh: "text" }, "v");
    const moved = await db.transaction().execute(async (tx) => {
      const updated = await sql`update contacts c set identity_index = v.fresh from ${v()}
        where c.id = v.id and not exists (select 1 from contacts t
          where t.channel_id = v.channel_id and t.identity_index = v.fresh)`.execute(tx);
      // The contact's queued messages follow it (only where the contact itself moved).
      await sql`update inbox i set contact_index = v.fresh from ${v()}
        where i.channel_id = v.channel_id and i.contact_index = v.old
          and exists (select 1 from contacts c where c.id = v.id and c.identity_index = v.fresh)`.execute(tx);
      return Number(updated.numAffectedRows ?? 0);
    });
    done += moved;
  }
}
