import { type Kysely, sql } from "kysely";
import { type MigrationResultSet, Migrator } from "kysely/migration";
import { checkpoint } from "./checkpoint.ts";
import type { Cipher } from "./crypto/cipher.ts";
import { keyedMigrations, migrations, REWRITTEN_BY } from "./migrations/index.ts";
import type { Db } from "./tables/database.ts";

/**
 * Brings the schema up to date; throws with the failing migration's name. `cipher` (the master key)
 * is needed by migrations that encrypt stored values, when there are any.
 */
export async function migrateToLatest(db: Kysely<any>, options: { cipher?: Cipher } = {}): Promise<string[]> {
  const all = { ...migrations, ...keyedMigrations(options.cipher ?? null) };
  const migrator = new Migrator({ db, provider: { getMigrations: async () => all } });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  const failed = result.results?.find((r) => r.status === "Error");
  if (result.error || failed) {
    const cause = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`migration ${failed?.migrationName ?? "(unknown)"} failed: ${cause}`);
  }
  const ran = (result.results ?? []).map((r) => r.migrationName);
  // A converted row leaves its old version behind until the table is rewritten (and a dropped
  // column's values stay in every old tuple): rewrite, outside the migration's transaction.
  const rewrite = [...new Set(ran.flatMap((name) => REWRITTEN_BY[name] ?? []))];
  for (const table of rewrite) await sql`vacuum full ${sql.table(table)}`.execute(db);
  if (rewrite.length > 0) await checkpoint(db as Db);
  return ran;
}
