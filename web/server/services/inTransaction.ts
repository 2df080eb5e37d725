import type { Db } from "@benteng/db";

/**
 * Runs a service's writes as one unit of work: in a new transaction, or in the caller's when `db`
 * already is one (a service used inside another, a test holding a transaction open). Queries never
 * open transactions themselves; only services do, here. Compute what is slow (password hashing,
 * sandbox runs, HTTP) before calling this: a transaction holds a connection, and embedded PGlite
 * has only one.
 */
export function inTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
