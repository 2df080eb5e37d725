import { type Kysely, sql } from "kysely";
import type { Migration } from "kysely/migration";
import type { Cipher } from "../crypto/cipher.ts";
import { jsonRows } from "../json.ts";
import { CONTACT_USER_ID_PURPOSE, CONTACT_WA_ID_PURPOSE, contactIndex } from "../queries/contacts.ts";

// Frozen once landed. Customer identifiers (phone numbers / WhatsApp ids, business-scoped user ids)
// were stored in plain text in contacts (identity, wa_id, user_id) and inbox (contact_identity).
// They become AES-256-GCM ciphertexts (wa_id_enc, user_id_enc) and a keyed blind index for lookups
// (contacts.identity_index, inbox.contact_index); existing rows are converted with the master key,
// and the plain columns are dropped. The caller (migrateToLatest) then rewrites both tables
// (VACUUM FULL) so the old row versions leave the data files too.

const BATCH = 1_000;

export function encryptCustomerIds(cipher: Cipher | null): Migration {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await sql`alter table contacts add column identity_index text, add column wa_id_enc text,
        add column user_id_enc text`.execute(db);
      await sql`alter table inbox add column contact_index text`.execute(db);

      const needKey = () => {
        if (!cipher)
          throw new Error(
            "stored phone numbers must be encrypted: run the migration with the master key (BENTENG_MASTER_KEY)",
          );
        return cipher;
      };
      for (let after = "00000000-0000-0000-0000-000000000000"; ; ) {
        const rows = await sql<{
          id: string;
          channel_id: string;
          identity: string;
          wa_id: string | null;
          user_id: string | null;
        }>`select id, channel_id, identity, wa_id, user_id from contacts where id > ${after}::uuid
          order by id limit ${BATCH}`.execute(db);
        if (rows.rows.length === 0) break;
        const c = needKey();
        const converted = rows.rows.map((r) => ({
          id: r.id,
          identity_index: contactIndex(c, r.channel_id, r.identity),
          wa_id_enc: r.wa_id === null ? null : c.encrypt(r.wa_id, CONTACT_WA_ID_PURPOSE),
          user_id_enc: r.user_id === null ? null : c.encrypt(r.user_id, CONTACT_USER_ID_PURPOSE),
        }));
        await sql`update contacts t set identity_index = v.identity_index, wa_id_enc = v.wa_id_enc,
          user_id_enc = v.user_id_enc
          from ${jsonRows(converted, { id: "uuid", identity_index: "text", wa_id_enc: "text", user_id_enc: "text" }, "v")}
          where t.id = v.id`.execute(db);
        after = rows.rows.at(-1)!.id;
      }
      // One HMAC per contact, not per message: the inbox is updated by (channel, identity).
      const pairs = await sql<{ channel_id: string; contact_identity: string }>`
        select distinct channel_id, contact_identity from inbox`.execute(db);
      for (let i = 0; i < pairs.rows.length; i += BATCH) {
        const c = needKey();
        const chunk = pairs.rows.slice(i, i + BATCH).map((p) => ({
          channel_id: p.channel_id,
          contact_identity: p.contact_identity,
          contact_index: contactIndex(c, p.channel_id, p.contact_identity),
        }));
        await sql`update inbox t set contact_index = v.contact_index
          from ${jsonRows(chunk, { channel_id: "uuid", contact_identity: "text", contact_index: "text" }, "v")}
          where t.channel_id = v.channel_id and t.contact_identity = v.contact_identity`.execute(db);
      }

      await sql`drop index if exists inbox_contact_pending_idx`.execute(db);
      await sql`alter table inbox drop column contact_identity`.execute(db);
      await sql`alter table inbox alter column contact_index set not null`.execute(db);
      await sql`create index inbox_contact_pending_idx on inbox (channel_id, contact_index, id)
        where status = 'pending'`.execute(db);
      await sql`alter table contacts drop constraint contacts_identity_uq`.execute(db);
      await sql`alter table contacts drop column identity, drop column wa_id, drop column user_id`.execute(
        db,
      );
      await sql`alter table contacts alter column identity_index set not null`.execute(db);
      await sql`alter table contacts add constraint contacts_identity_index_uq unique (channel_id, identity_index)`.execute(
        db,
      );
    },

    async down(db: Kysely<any>): Promise<void> {
      // The plain identifiers cannot be recomputed from an index: down keeps the encrypted columns
      // and restores the old shape only for an empty database.
      const used = await sql<{ n: number }>`select
        (select count(*) from contacts)::int + (select count(*) from inbox)::int as n`.execute(db);
      if (Number(used.rows[0]?.n ?? 0) > 0)
        throw new Error("customer identifiers are encrypted; this migration cannot be undone with data");
      await sql`drop index if exists inbox_contact_pending_idx`.execute(db);
      await sql`alter table inbox drop column contact_index, add column contact_identity text not null`.execute(
        db,
      );
      await sql`create index inbox_contact_pending_idx on inbox (channel_id, contact_identity, id)
        where status = 'pending'`.execute(db);
      await sql`alter table contacts drop constraint contacts_identity_index_uq`.execute(db);
      await sql`alter table contacts drop column identity_index, drop column wa_id_enc, drop column user_id_enc,
        add column identity text not null, add column wa_id text, add column user_id text`.execute(db);
      await sql`alter table contacts add constraint contacts_identity_uq unique (channel_id, identity)`.execute(
        db,
      );
    },
  };
}
