import { type Kysely, sql } from "kysely";
import type { Migration } from "kysely/migration";
import type { Cipher } from "../crypto/cipher.ts";
import { jsonRows } from "../json.ts";
import { wamidIndex } from "../queries/outbox.ts";

// Frozen once landed. A WhatsApp message id (wamid) encodes the customer's phone number, and was
// stored in plain text in inbox, outbox and early_statuses (wa_message_id). It is only ever looked
// up (duplicate deliveries, status webhooks), never read back, so each becomes its keyed blind index
// (wamidIndex) in the same column and nothing decryptable is kept. Existing rows are converted with
// the master key; the caller (migrateToLatest) then rewrites the three tables (VACUUM FULL) so the old
// row versions leave the data files too.

const BATCH = 1_000;

export function indexWhatsappMessageIds(cipher: Cipher | null): Migration {
  const needKey = () => {
    if (!cipher)
      throw new Error(
        "stored WhatsApp message ids must be replaced by their keyed index: run the migration with the master key (BENTENG_MASTER_KEY)",
      );
    return cipher;
  };
  return {
    async up(db: Kysely<any>): Promise<void> {
      // Keyset pages by id: each row is converted exactly once. An index ("<keyId>.<tag>") never
      // equals another row's wamid, so the unique constraints hold while a table is half converted.
      for (const table of ["inbox", "outbox"] as const) {
        for (let after = "0"; ; ) {
          const rows = await sql<{ id: string; wa_message_id: string }>`
            select id::text as id, wa_message_id from ${sql.table(table)}
            where wa_message_id is not null and id > ${after}::bigint order by id limit ${BATCH}`.execute(db);
          if (rows.rows.length === 0) break;
          const c = needKey();
          const converted = rows.rows.map((r) => ({ id: r.id, wamid: wamidIndex(c, r.wa_message_id) }));
          await sql`update ${sql.table(table)} t set wa_message_id = v.wamid
            from ${jsonRows(converted, { id: "bigint", wamid: "text" }, "v")} where t.id = v.id`.execute(db);
          after = rows.rows.at(-1)!.id;
        }
      }
      // Statuses waiting for their message expire within days: few rows, read at once.
      const early = await sql<{ channel_id: string; wa_message_id: string }>`
        select channel_id, wa_message_id from early_statuses`.execute(db);
      for (let i = 0; i < early.rows.length; i += BATCH) {
        const c = needKey();
        const converted = early.rows.slice(i, i + BATCH).map((r) => ({
          channel_id: r.channel_id,
          wamid: r.wa_message_id,
          indexed: wamidIndex(c, r.wa_message_id),
        }));
        await sql`update early_statuses t set wa_message_id = v.indexed
          from ${jsonRows(converted, { channel_id: "uuid", wamid: "text", indexed: "text" }, "v")}
          where t.channel_id = v.channel_id and t.wa_message_id = v.wamid`.execute(db);
      }
    },

    async down(db: Kysely<any>): Promise<void> {
      // A wamid cannot be recomputed from its index: undoing is possible only without such rows.
      const used = await sql<{ n: number }>`select (select count(*) from inbox)::int
        + (select count(*) from outbox where wa_message_id is not null)::int
        + (select count(*) from early_statuses)::int as n`.execute(db);
      if (Number(used.rows[0]?.n ?? 0) > 0)
        throw new Error(
          "WhatsApp message ids are stored as keyed indexes; this migration cannot be undone with data",
        );
    },
  };
}
