import { join } from "node:path";
import { Kysely, PostgresDialect } from "kysely";
import { DataFolderInUseError, lockDataFolder, makePrivate } from "./dataFolderLock.ts";
import { ConnectionTurns, PgliteLaneDialect } from "./pgliteLanes.ts";
import { openPgliteThread, type PgliteOnThread } from "./pgliteThread.ts";
import { DEFAULT_DEADLINES, type Deadlines, postgresPool } from "./postgresPool.ts";
import type { Database, Db } from "./tables/database.ts";

export { DatabaseDeadlineError, type Deadlines } from "./postgresPool.ts";
export { DataFolderInUseError };

export type DatabaseTarget =
  | { kind: "postgres"; url: string; poolSize?: number; deadlines?: Partial<Deadlines> }
  /** `durable: false` skips fsync (a power loss may lose the last commits); see openPglite. */
  | { kind: "pglite"; dataDir: string | null; durable?: boolean };

export interface DatabaseHandle {
  db: Db;
  target: DatabaseTarget;
  close(): Promise<void>;
}

/**
 * Opens the database: a PostgreSQL server when a URL is given, otherwise embedded PGlite stored in
 * `<dataDir>/pgdata` (or in memory when dataDir is null), running on a thread of its own so that its
 * statements never hold the caller's event loop. Both speak the same SQL and migrations.
 * A PGlite data folder belongs to one process at a time: a second one gets DataFolderInUseError and
 * changes nothing.
 */
export async function connectDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.kind === "postgres") {
    const deadlines = { ...DEFAULT_DEADLINES, ...target.deadlines };
    const max = target.poolSize ?? 10;
    const dialect = new PostgresDialect({ pool: postgresPool(target.url, { max, deadlines }) });
    const db = new Kysely<Database>({ dialect });
    return { db, target, close: () => db.destroy() };
  }
  if (!target.dataDir) {
    const db = withLanes(await openPgliteThread(null));
    return { db, target, close: () => db.destroy() };
  }
  const lock = await lockDataFolder(target.dataDir);
  try {
    const pglite = await openPgliteThread(join(target.dataDir, "pgdata"), {
      durable: target.durable ?? true,
    });
    // PGlite creates its files with the process umask (0644 as a rule).
    makePrivate(target.dataDir);
    const db = withLanes(pglite);
    return {
      db,
      target,
      close: async () => {
        try {
          await db.destroy();
        } finally {
          await lock.release();
        }
      },
    };
  } catch (e) {
    await lock.release();
    throw e;
  }
}

// The urgent lane of each PGlite database (see urgentDb).
const urgentOf = new WeakMap<Db, Db>();

/**
 * The same database, for statements a caller outside waits on right now and that are short: a
 * webhook's insert, a channel lookup, the health probe. On embedded PGlite (one connection) they go
 * ahead of queued bulk work (claims, commits, sends); they still wait for the statement or
 * transaction in flight. On PostgreSQL (a pool) it is `db` itself.
 */
export function urgentDb(db: Db): Db {
  return urgentOf.get(db) ?? db;
}

/** One Kysely instance per lane over PGlite's thread; the normal one is returned and owns the thread. */
function withLanes(pglite: PgliteOnThread): Db {
  const turns = new ConnectionTurns();
  const db: Db = new Kysely<Database>({
    dialect: new PgliteLaneDialect({ pglite, turns, lane: "normal", owner: true }),
  });
  const urgent: Db = new Kysely<Database>({
    dialect: new PgliteLaneDialect({ pglite, turns, lane: "urgent", owner: false }),
  });
  urgentOf.set(db, urgent);
  return db;
}
