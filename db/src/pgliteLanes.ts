import {
  type CompiledQuery,
  createQueryId,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  IdentifierNode,
  type Kysely,
  PGliteAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryCompiler,
  type QueryResult,
  RawNode,
} from "kysely";
import type { PgliteOnThread } from "./pgliteThread.ts";

/**
 * Who waits for embedded PGlite's one connection. `urgent`: short statements a caller outside is
 * waiting on right now (a webhook's insert, a channel lookup, the health probe). `normal`: the rest
 * (inbox claims, outcome commits, sends, traces, the editor's requests).
 */
export type Lane = "urgent" | "normal";

/** Urgent turns in a row, at most, while normal work waits: a flood of webhooks never starves it. */
const URGENT_IN_A_ROW = 8;

/**
 * Turns on PGlite's single connection. Each statement outside a transaction takes one turn; a
 * transaction takes one turn from BEGIN to COMMIT. A free turn goes to the oldest urgent waiter first,
 * then to the oldest normal one — so a webhook waits for what is already on the database's thread,
 * not for every claim and commit queued before it (Kysely's own PGlite driver queues everything in
 * one line, and wakes every waiter on each release).
 *
 * `depth` turns may be out at once (default 2): the database's thread then always has the next
 * statement in hand when one ends, instead of idling until this thread — busy with other requests —
 * reads the answer and sends the next (under load that round trip, not the statement, was most of a
 * turn). It cannot interleave: PGlite runs a statement outside a transaction only when no transaction
 * is open (its own lock), so a statement sent while another caller's transaction is open waits for
 * its end, in order. An urgent statement waits for at most `depth` turns ahead of it.
 */
export class ConnectionTurns {
  #out = 0;
  #urgentInARow = 0;
  readonly #depth: number;
  readonly #waiting: Record<Lane, Queue<() => void>> = { urgent: new Queue(), normal: new Queue() };

  constructor(depth = 2) {
    this.#depth = depth;
  }

  /** Resolves with `release` once the turn is this caller's; call it exactly once. */
  take(lane: Lane): Promise<() => void> {
    if (this.#out < this.#depth && this.#waiting.urgent.length + this.#waiting.normal.length === 0) {
      this.#out++;
      return Promise.resolve(this.#releaser());
    }
    return new Promise((resolve) => this.#waiting[lane].push(() => resolve(this.#releaser())));
  }

  /** Turns out now (0: the connection is idle). */
  get out(): number {
    return this.#out;
  }

  /** Waiters per lane. */
  waiting(lane: Lane): number {
    return this.#waiting[lane].length;
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#out--;
      this.#next();
    };
  }

  #next(): void {
    const { urgent, normal } = this.#waiting;
    while (this.#out < this.#depth) {
      let grant: (() => void) | undefined;
      if (urgent.length > 0 && (normal.length === 0 || this.#urgentInARow < URGENT_IN_A_ROW)) {
        this.#urgentInARow = normal.length > 0 ? this.#urgentInARow + 1 : 0;
        grant = urgent.shift();
      } else if (normal.length > 0) {
        this.#urgentInARow = 0;
        grant = normal.shift();
      }
      if (!grant) return;
      this.#out++;
      grant();
    }
  }
}

/** A FIFO queue with O(1) push and shift. */
class Queue<T> {
  #items: (T | undefined)[] = [];
  #head = 0;
  get length(): number {
    return this.#items.length - this.#head;
  }
  push(item: T): void {
    this.#items.push(item);
  }
  shift(): T | undefined {
    if (this.#head >= this.#items.length) return undefined;
    const item = this.#items[this.#head];
    this.#items[this.#head++] = undefined;
    if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return item;
  }
}

/**
 * Kysely's dialect for embedded PGlite on its thread, taking turns in `lane`. Several dialects (one
 * Kysely instance per lane) share one thread and one ConnectionTurns; only the one built with
 * `owner` closes the thread.
 */
export class PgliteLaneDialect implements Dialect {
  readonly #options: { pglite: PgliteOnThread; turns: ConnectionTurns; lane: Lane; owner: boolean };
  constructor(options: { pglite: PgliteOnThread; turns: ConnectionTurns; lane: Lane; owner: boolean }) {
    this.#options = options;
  }
  createAdapter() {
    return new LaneAdapter();
  }
  createDriver(): Driver {
    return new LaneDriver(this.#options);
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}

/**
 * PGlite's adapter, except that Kysely does not put every connection request in one line of its own
 * (its single-connection mutex): the turns do that, by lane. Migrations still run one at a time,
 * since a transaction holds the connection and one process owns the data folder.
 */
class LaneAdapter extends PGliteAdapter {
  override get supportsMultipleConnections(): boolean {
    return true;
  }
}

class LaneDriver implements Driver {
  readonly #options: { pglite: PgliteOnThread; turns: ConnectionTurns; lane: Lane; owner: boolean };
  constructor(options: { pglite: PgliteOnThread; turns: ConnectionTurns; lane: Lane; owner: boolean }) {
    this.#options = options;
  }
  async init(): Promise<void> {
    if (this.#options.pglite.closed) throw new Error("the embedded database is already closed");
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    return new LaneConnection(this.#options.pglite, this.#options.turns, this.#options.lane);
  }
  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as LaneConnection).begin();
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as LaneConnection).end("commit");
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as LaneConnection).end("rollback");
  }
  async savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler["compileQuery"]) {
    await connection.executeQuery(compile(savepointCommand("savepoint", name), createQueryId()));
  }
  async rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler["compileQuery"],
  ) {
    await connection.executeQuery(compile(savepointCommand("rollback to", name), createQueryId()));
  }
  async releaseSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler["compileQuery"],
  ) {
    await connection.executeQuery(compile(savepointCommand("release", name), createQueryId()));
  }
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {
    if (this.#options.owner) await this.#options.pglite.close();
  }
}

function savepointCommand(command: string, name: string): RawNode {
  return RawNode.createWithChildren([RawNode.createWithSql(`${command} `), IdentifierNode.create(name)]);
}

/**
 * What Kysely holds for one query or one transaction. Outside a transaction each statement takes a
 * turn of its own (so Kysely's `db.connection()` holds nothing between statements); inside one the
 * transaction's turn covers them all.
 */
class LaneConnection implements DatabaseConnection {
  readonly #pglite: PgliteOnThread;
  readonly #turns: ConnectionTurns;
  readonly #lane: Lane;
  #tx: { id: number; release: () => void } | null = null;

  constructor(pglite: PgliteOnThread, turns: ConnectionTurns, lane: Lane) {
    this.#pglite = pglite;
    this.#turns = turns;
    this.#lane = lane;
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const run = (tx: number | null) => this.#pglite.query<R>(tx, compiled.sql, [...compiled.parameters]);
    let result: Awaited<ReturnType<typeof run>>;
    if (this.#tx) result = await run(this.#tx.id);
    else {
      const release = await this.#turns.take(this.#lane);
      try {
        result = await run(null);
      } finally {
        release();
      }
    }
    return {
      rows: result.rows ?? [],
      ...(result.affectedRows != null ? { numAffectedRows: BigInt(result.affectedRows) } : {}),
    };
  }

  // biome-ignore lint/correctness/useYield: PGlite cannot stream; Kysely's own driver says the same.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error("Streaming is not supported by PGlite.");
  }

  async begin(): Promise<void> {
    if (this.#tx) throw new Error("a transaction is already open on this connection");
    const release = await this.#turns.take(this.#lane);
    try {
      this.#tx = { id: await this.#pglite.begin(), release };
    } catch (e) {
      release();
      throw e;
    }
  }

  async end(op: "commit" | "rollback"): Promise<void> {
    const tx = this.#tx;
    if (!tx) return;
    this.#tx = null;
    try {
      await this.#pglite.end(tx.id, op);
    } finally {
      tx.release();
    }
  }
}
