import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PGliteDialect } from "kysely";
import { PostgresJSDialect } from "kysely-postgres-js";
import postgres from "postgres";
import type { Database, Db } from "./tables/database.ts";

export type DatabaseTarget =
  | { kind: "postgres"; url: string; poolSize?: number }
  | { kind: "pglite"; dataDir: string | null };

export interface DatabaseHandle {
  db: Db;
  target: DatabaseTarget;
  close(): Promise<void>;
}

/**
 * Opens the database: a PostgreSQL server when a URL is given, otherwise embedded PGlite stored in
 * `<dataDir>/pgdata` (or in memory when dataDir is null). Both speak the same SQL and migrations.
 */
export async function connectDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.kind === "postgres") {
    const client = postgres(target.url, {
      max: target.poolSize ?? 10,
      onnotice: () => {},
      // Dates and JSON as the PGlite driver returns them, so both targets behave the same.
      types: { bigint: postgres.BigInt },
    });
    const db = new Kysely<Database>({ dialect: new PostgresJSDialect({ postgres: client }) });
    return { db, target, close: () => db.destroy() };
  }
  let pglite: PGlite;
  if (target.dataDir) {
    const dir = join(target.dataDir, "pgdata");
    mkdirSync(dir, { recursive: true });
    pglite = new PGlite(dir);
  } else {
    pglite = new PGlite();
  }
  await pglite.waitReady;
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
  return { db, target, close: () => db.destroy() };
}
