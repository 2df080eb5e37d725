import type { PostgresPool, PostgresPoolClient } from "kysely";
import pg from "pg";

/** How long any database call may wait; a call past either fails (the caller answers 503 or retries). */
export interface Deadlines {
  /** Waiting for a pooled connection, including opening one. */
  acquireMs: number;
  /** One statement; PostgreSQL cancels it at this point, the client gives up shortly after. */
  statementMs: number;
}

export const DEFAULT_DEADLINES: Deadlines = { acquireMs: 5_000, statementMs: 30_000 };

/** A statement got no answer by its deadline: the connection is dropped, not reused. */
export class DatabaseDeadlineError extends Error {
  readonly code = "BENTENG_DB_DEADLINE";
}

/**
 * node-postgres's pool, shaped for Kysely's PostgresDialect, with a deadline on every acquire and every
 * statement. A connection the server closed, or one that stopped answering (a restart, a network
 * partition), is discarded instead of being handed out again; an error it raises between statements
 * is caught instead of crashing the process, and the next call opens a fresh connection.
 */
export function postgresPool(url: string, options: { max: number; deadlines: Deadlines }): PostgresPool {
  const { acquireMs, statementMs } = options.deadlines;
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max,
    connectionTimeoutMillis: acquireMs,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    statement_timeout: statementMs,
    // A process that stops mid-transaction must not hold its row locks for long.
    idle_in_transaction_session_timeout: Math.max(60_000, statementMs * 2),
    application_name: "benteng",
    types: { getTypeParser },
  });
  // An idle connection the server closed: the pool drops it; nothing waits on it.
  pool.on("error", () => {});
  // pg emits 'error' on a client whenever its connection fails outside a query, and an 'error'
  // without a listener ends the process. The pool listens only while a client is idle and we only
  // while one is checked out; a connection that fails between the two (being released, ended after a
  // failure) still must not take the process down. Queries on it fail, and it is discarded.
  pool.on("connect", (client) => client.on("error", () => {}));
  // The server-side timeout answers first when the server is alive; this one covers a server that
  // no longer answers at all.
  const clientDeadlineMs = statementMs + 2_000;

  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      let broken: Error | undefined;
      const onError = (e: Error) => {
        broken ??= e;
      };
      client.on("error", onError);
      return {
        query(text: string, parameters: ReadonlyArray<unknown>) {
          if (broken) return Promise.reject(broken);
          return new Promise((resolve, reject) => {
            const timer = setTimeout(() => {
              broken = new DatabaseDeadlineError(
                `database statement got no answer within ${clientDeadlineMs} ms`,
              );
              reject(broken);
            }, clientDeadlineMs);
            client.query(text, parameters as unknown[]).then(
              (result) => {
                clearTimeout(timer);
                resolve(result as never);
              },
              (e: Error & { code?: string }) => {
                clearTimeout(timer);
                if (!isStatementError(e)) broken ??= e;
                reject(e);
              },
            );
          });
        },
        release() {
          client.removeListener("error", onError);
          client.release(broken ?? false);
        },
        get processID() {
          return (client as unknown as { processID?: number }).processID;
        },
      } as unknown as PostgresPoolClient;
    },
    end: () => pool.end(),
    options: pool.options,
    Client: pg.Client,
  };
}

/**
 * An error the server raised for this statement (it has an SQLSTATE code and the connection is fine),
 * as opposed to a lost or failed connection. Class 08 (connection exception) and 57P0x (shutdown,
 * terminated) mean the connection is gone.
 */
function isStatementError(e: { code?: string }): boolean {
  return typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code) && !/^08|^57P0/.test(e.code);
}

// Values as the PGlite and previous postgres.js setups returned them, so both targets behave the same:
// int8 as bigint, intervals as PostgreSQL prints them.
const INT8 = 20;
const INT8_ARRAY = 1016;
const INTERVAL = 1186;
function getTypeParser(oid: number, format?: "text" | "binary") {
  if (oid === INT8) return (value: string) => BigInt(value);
  if (oid === INT8_ARRAY) {
    const parseArray = pg.types.getTypeParser(INT8_ARRAY as never, "text") as (
      v: string,
    ) => Array<string | null>;
    return (value: string) => parseArray(value).map((v) => (v === null ? null : BigInt(v)));
  }
  if (oid === INTERVAL) return (value: string) => value;
  return pg.types.getTypeParser(oid as never, format ?? "text");
}
