// The thread embedded PGlite runs on (see pgliteThread.ts): it opens the folder, then answers the
// main thread's queries and transactions one message at a time.
import { parentPort, workerData } from "node:worker_threads";
import type { PGlite, Transaction } from "@electric-sql/pglite";
import { openPglite } from "./openPglite.ts";
import type { PgliteReply, PgliteRequest, PgliteWorkerData, SentError } from "./pgliteThread.ts";

if (!parentPort) throw new Error("pgliteWorker.ts runs as a worker thread (see pgliteThread.ts)");
const port = parentPort;
const { dataDir, durable } = workerData as PgliteWorkerData;

interface OpenTransaction {
  tx: Transaction;
  /** Resolving it commits, rejecting it rolls back; `done` settles when PGlite has finished either. */
  end: { resolve: () => void; reject: (e: Error) => void };
  done: Promise<void>;
}
const transactions = new Map<number, OpenTransaction>();

const reply = (message: PgliteReply) => port.postMessage(message);

async function main(): Promise<void> {
  let pglite: PGlite;
  try {
    pglite = await openPglite(dataDir, { durable });
  } catch (e) {
    reply({ id: 0, error: sendable(e) });
    return;
  }
  reply({ id: 0, ok: null });
  port.on("message", (request: PgliteRequest) => {
    handle(pglite, request).then(
      (ok) => reply({ id: request.id, ok }),
      (e: unknown) => reply({ id: request.id, error: sendable(e) }),
    );
  });
}

async function handle(pglite: PGlite, request: PgliteRequest): Promise<unknown> {
  switch (request.op) {
    case "query": {
      const target = request.tx === null ? pglite : transactions.get(request.tx)?.tx;
      if (!target) throw new Error("Transaction is closed");
      const result = await target.query(request.sql, request.params, { rowMode: request.rowMode });
      return { rows: result.rows, affectedRows: result.affectedRows, fields: result.fields };
    }
    case "begin": {
      let began!: () => void;
      const started = new Promise<void>((resolve) => {
        began = resolve;
      });
      let end!: OpenTransaction["end"];
      const ended = new Promise<void>((resolve, reject) => {
        end = { resolve, reject };
      });
      const done = pglite.transaction(async (tx) => {
        transactions.set(request.id, { tx, end, done });
        began();
        await ended;
      });
      // BEGIN itself may fail: then `done` rejects before the callback ever ran.
      await Promise.race([started, done]);
      return request.id;
    }
    case "commit":
    case "rollback": {
      const open = transactions.get(request.tx);
      if (!open) throw new Error("Transaction is closed");
      transactions.delete(request.tx);
      if (request.op === "commit") {
        open.end.resolve();
        await open.done;
      } else {
        open.end.reject(new RolledBack());
        await open.done.catch((e: unknown) => {
          if (!(e instanceof RolledBack)) throw e;
        });
      }
      return null;
    }
    case "close":
      for (const open of transactions.values()) open.end.reject(new RolledBack());
      await Promise.allSettled([...transactions.values()].map((t) => t.done));
      transactions.clear();
      await pglite.close();
      return null;
  }
}

class RolledBack extends Error {}

/**
 * An error as the main thread rebuilds it: message and the primitive fields of PostgreSQL's error
 * (code, detail, constraint…); the query's parameters stay here, they may be large or secret.
 */
function sendable(e: unknown): SentError {
  if (!(e instanceof Error)) return { message: String(e), name: "Error", fields: {} };
  const fields: SentError["fields"] = {};
  for (const [key, value] of Object.entries(e)) {
    if (key === "params" || key === "query" || key === "queryOptions") continue;
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
      fields[key] = value;
  }
  return { message: e.message, name: e.name, fields };
}

void main();
