import { randomBytes } from "node:crypto";
import { Migrator } from "kysely/migration";
import pg from "pg";
import { connectDatabase, type DatabaseHandle } from "../connect.ts";
import { migrateToLatest } from "../migrate.ts";
import { migrations } from "../migrations/index.ts";

/**
 * A fresh, migrated database for one test file: a new database on the server named by DATABASE_URL
 * (dropped on close), or an in-memory PGlite when it is not set.
 */
export async function createTestDatabase(): Promise<DatabaseHandle & { url: string | null }> {
  const handle = await createEmptyTestDatabase(5);
  await migrateToLatest(handle.db);
  return handle;
}

/**
 * The same database with no migration run, for tests of one migration: its migrator runs them up to
 * a given one (`migrateTo(name)`) and then the rest (`migrateToLatest()`).
 */
export async function createUnmigratedTestDatabase(): Promise<
  DatabaseHandle & { url: string | null; migrator: Migrator }
> {
  const handle = await createEmptyTestDatabase(2);
  const migrator = new Migrator({ db: handle.db, provider: { getMigrations: async () => migrations } });
  return { ...handle, migrator };
}

async function createEmptyTestDatabase(poolSize: number): Promise<DatabaseHandle & { url: string | null }> {
  const fresh = await createFreshDatabaseUrl();
  const handle = await connectDatabase(
    fresh.url ? { kind: "postgres", url: fresh.url, poolSize } : { kind: "pglite", dataDir: null },
  );
  return {
    ...handle,
    url: fresh.url,
    close: async () => {
      await handle.close();
      await fresh.drop();
    },
  };
}

/** Creates an empty database on the DATABASE_URL server; url is null when DATABASE_URL is unset. */
export async function createFreshDatabaseUrl(): Promise<{ url: string | null; drop: () => Promise<void> }> {
  const base = process.env.DATABASE_URL;
  if (!base) return { url: null, drop: async () => {} };
  const name = `benteng_test_${randomBytes(6).toString("hex")}`;
  await adminQuery(base, `create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await adminQuery(base, `drop database if exists ${name} with (force)`);
    },
  };
}

async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
