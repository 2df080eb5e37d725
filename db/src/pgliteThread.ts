import { Worker } from "node:worker_threads";

/** What the worker gets at start. */
export interface PgliteWorkerData {
  dataDir: string | null;
  durable: boolean;
}

export type PgliteRequest =
  | {
      id: number;
      op: "query";
      tx: number | null;
      sql: string;
      params: unknown[];
      rowMode: "object" | "array";
    }
  | { id: number; op: "begin" }
  | { id: number; op: "commit" | "rollback"; tx: number }
  | { id: number; op: "close" };

export interface SentError {
  message: string;
  name: string;
  fields: Record<string, string | number | boolean>;
}

/** Id 0 answers the start (the folder opened, or why not). */
export type PgliteReply = { id: number; ok: unknown } | { id: number; error: SentError };

export interface QueryResults<T> {
  rows: T[];
  affectedRows?: number;
  fields: { name: string; dataTypeID: number }[];
}

/**
 * Embedded PGlite, answered by the database's own thread. It has ONE session: a statement sent while
 * a transaction is open would run inside it, so whoever drives this handle sends nothing else
 * between `begin` and its `commit` or `rollback` (see pgliteLanes.ts, which takes turns on it).
 */
export interface PgliteOnThread {
  readonly closed: boolean;
  /** Runs one statement, in transaction `tx` when given (then in that transaction's turn). */
  query<T>(tx: number | null, sql: string, params?: unknown[]): Promise<QueryResults<T>>;
  /** Opens a transaction; resolves with its id. */
  begin(): Promise<number>;
  end(tx: number, op: "commit" | "rollback"): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens embedded PGlite (see openPglite) on a worker thread of its own and returns a handle to it.
 *
 * PGlite is PostgreSQL compiled to WebAssembly: every statement runs synchronously, from parsing to
 * the WAL's fsync, on the thread that called it. On the server's thread a 3 MB webhook's insert or a
 * commit's fsync on a slow disk held every request — `/healthz` p99 ~300 ms while hostile messages
 * arrived. Here the server's thread only posts the statement and its parameters and receives the
 * rows.
 *
 * The thread keeps the process alive only while a call or a transaction is open, as PGlite itself
 * would.
 */
export async function openPgliteThread(
  dataDir: string | null,
  options: { durable?: boolean } = {},
): Promise<PgliteOnThread> {
  const worker = new Worker(new URL("./pgliteWorker.ts", import.meta.url), {
    workerData: { dataDir, durable: options.durable ?? true } satisfies PgliteWorkerData,
  });
  const calls = new Map<number, { resolve: (value: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let openTransactions = 0;
  let closed = false;
  let stopped: Error | null = null;
  const keepAlive = () => {
    if (calls.size > 0 || openTransactions > 0) worker.ref();
    else worker.unref();
  };

  let started!: { resolve: () => void; reject: (e: Error) => void };
  const waitReady = new Promise<void>((resolve, reject) => {
    started = { resolve, reject };
  });
  worker.on("message", (message: PgliteReply) => {
    if (message.id === 0) {
      if ("error" in message) started.reject(rebuild(message.error));
      else started.resolve();
      return;
    }
    const call = calls.get(message.id);
    if (!call) return;
    calls.delete(message.id);
    if ("error" in message) call.reject(rebuild(message.error));
    else call.resolve(message.ok);
    keepAlive();
  });
  const fail = (e: Error) => {
    stopped ??= e;
    closed = true;
    started.reject(e);
    for (const call of calls.values()) call.reject(e);
    calls.clear();
  };
  worker.on("error", (e) => fail(new Error(`the embedded database's thread failed: ${e.message}`)));
  worker.on("exit", (code) => fail(new Error(`the embedded database's thread ended (exit code ${code})`)));

  const call = <T>(request: DistributiveOmit<PgliteRequest, "id">): Promise<T> => {
    if (stopped) return Promise.reject(stopped);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      calls.set(id, { resolve: resolve as (value: unknown) => void, reject });
      keepAlive();
      worker.postMessage({ ...request, id });
    });
  };

  const handle: PgliteOnThread = {
    get closed() {
      return closed;
    },
    query: <T>(tx: number | null, sql: string, params: unknown[] = []) =>
      call<QueryResults<T>>({ op: "query", tx, sql, params, rowMode: "object" }),
    async begin() {
      const tx = await call<number>({ op: "begin" });
      openTransactions++;
      return tx;
    },
    async end(tx, op) {
      try {
        await call({ op, tx });
      } finally {
        openTransactions--;
        keepAlive();
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        if (!stopped) await call({ op: "close" });
      } finally {
        await worker.terminate();
      }
    },
  };
  try {
    await waitReady;
  } catch (e) {
    await worker.terminate();
    throw e;
  }
  keepAlive();
  return handle;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** PostgreSQL's error as PGlite threw it on the database's thread: same message, code and fields. */
function rebuild(sent: SentError): Error {
  const error = new Error(sent.message);
  Object.assign(error, sent.fields);
  error.name = sent.name;
  return error;
}
