import { type Db, urgentDb } from "@benteng/db";
import { storeWebhookBatches, type WebhookBatchInput } from "@benteng/db/queries/inbox";

export interface WebhookWriterOptions {
  /** NOTIFY channel that wakes runtime workers in other processes when messages were new. */
  notifyChannel?: string;
  /** Rows (messages + contacts + statuses) per statement; PostgreSQL allows 65,535 parameters. */
  maxRows?: number;
  /**
   * Encrypted bytes per statement (default 512 KiB); a webhook with more is stored in several, in
   * order. On embedded PGlite every statement holds the one connection that every request needs
   * (`/healthz`, logins, the inbox): a 3 MB webhook in one statement held it for 100-400 ms.
   */
  maxBytes?: number;
  /**
   * How long one webhook waits for its commit (default 10 s) before it is answered with an error (a
   * 503, which Meta retries): a database that stopped answering must not hold webhooks forever.
   */
  waitMs?: number;
}

/** A webhook's rows were not committed within the writer's deadline (they may still be, later). */
export class WriterTimeoutError extends Error {}

export interface WebhookWriter {
  /**
   * Stores one webhook's rows; resolves once they are committed, rejects if a statement failed (then
   * its part is not stored; the parts before it may be, and Meta's retry stores the rest: messages
   * are stored once per wamid). `inserted` > 0 when a statement that carried it stored new messages.
   */
  store(input: WebhookBatchInput): Promise<{ inserted: number }>;
  /** How long the statement in flight has been running (0 when idle): a wedged writer shows here. */
  busyMs(): number;
}

// Every writer of a database, for /healthz, which lives outside the webhook plugin that owns them.
const writersByDb = new WeakMap<Db, Set<WebhookWriter>>();

/** The longest time any webhook writer of `db` has been waiting on one statement (0: none busy). */
export function webhookWritersBusyMs(db: Db): number {
  let worst = 0;
  for (const writer of writersByDb.get(db) ?? []) worst = Math.max(worst, writer.busyMs());
  return worst;
}

interface Pending {
  input: WebhookBatchInput;
  bytes: number;
  resolve: (result: { inserted: number }) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for webhooks. A webhook that arrives while the database is idle is written at once;
 * those that arrive while a statement is in flight wait for it and then go together, in arrival order,
 * in the next one. Under load that is one statement, one round trip and one WAL flush for many
 * webhooks instead of one each, and a contact's messages get inbox ids in the order they arrived.
 */
export function webhookWriter(db: Db, options: WebhookWriterOptions = {}): WebhookWriter {
  const maxRows = options.maxRows ?? 2_000;
  const maxBytes = options.maxBytes ?? 512 * 1024;
  const waitMs = options.waitMs ?? 10_000;
  let queue: Pending[] = [];
  let writing = false;
  let statementSince = 0;

  const rowsOf = (input: WebhookBatchInput) =>
    input.messages.length + input.contacts.length + input.statuses.length;

  const drain = async () => {
    writing = true;
    while (queue.length > 0) {
      let rows = 0;
      let bytes = 0;
      let take = 0;
      while (
        take < queue.length &&
        (take === 0 ||
          (rows + rowsOf(queue[take]!.input) <= maxRows && bytes + queue[take]!.bytes <= maxBytes))
      ) {
        rows += rowsOf(queue[take]!.input);
        bytes += queue[take]!.bytes;
        take++;
      }
      const batch = queue.slice(0, take);
      queue = queue.slice(take);
      statementSince = Date.now();
      try {
        // A webhook's sender waits for this statement: it goes ahead of queued claims and commits.
        const result = await storeWebhookBatches(
          urgentDb(db),
          batch.map((p) => p.input),
          options.notifyChannel ? { notifyChannel: options.notifyChannel } : {},
        );
        for (const p of batch) p.resolve(result);
      } catch (e) {
        for (const p of batch) p.reject(e);
      } finally {
        statementSince = 0;
      }
    }
    writing = false;
  };

  /** One part of a webhook, in the queue until a statement carries it. */
  const enqueue = (input: WebhookBatchInput, bytes: number, timedOut: Promise<never>) =>
    new Promise<{ inserted: number }>((resolve, reject) => {
      const pending: Pending = { input, bytes, resolve, reject };
      timedOut.catch((e: unknown) => {
        // Not yet in a statement: it never will be. In one: that statement may still commit it,
        // which is harmless (Meta's retry is then a duplicate, and duplicates are no-ops).
        queue = queue.filter((p) => p !== pending);
        reject(e);
      });
      queue.push(pending);
      if (!writing) void drain();
    });

  const writer: WebhookWriter = {
    async store(input) {
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new WriterTimeoutError(`webhook not stored within ${waitMs} ms`)),
          waitMs,
        );
      });
      timedOut.catch(() => {});
      try {
        // All parts are queued at once and in order: they go in consecutive statements (shared with
        // other webhooks), and the webhook is answered when the last one committed.
        const results = await Promise.all(
          splitByBytes(input, maxBytes).map((part) => enqueue(part.input, part.bytes, timedOut)),
        );
        return { inserted: Math.max(...results.map((r) => r.inserted)) };
      } finally {
        clearTimeout(timer);
      }
    },
    busyMs: () => (statementSince ? Date.now() - statementSince : 0),
  };
  let writers = writersByDb.get(db);
  if (!writers) {
    writers = new Set();
    writersByDb.set(db, writers);
  }
  writers.add(writer);
  return writer;
}

const bytesOf = (text: string | null) => text?.length ?? 0;

/**
 * A webhook's rows in parts of at most `maxBytes` of encrypted text each (a message larger than that
 * is a part of its own). Contacts and statuses go in the first part, so a message is never stored
 * before its sender.
 */
export function splitByBytes(
  input: WebhookBatchInput,
  maxBytes: number,
): Array<{ input: WebhookBatchInput; bytes: number }> {
  let bytes = 0;
  for (const c of input.contacts) bytes += bytesOf(c.waIdEnc) + bytesOf(c.userIdEnc) + bytesOf(c.nameEnc);
  const parts: Array<{ input: WebhookBatchInput; bytes: number }> = [];
  let current: WebhookBatchInput = { ...input, messages: [] };
  for (const m of input.messages) {
    const size = bytesOf(m.payloadEnc);
    if (current.messages.length > 0 && bytes + size > maxBytes) {
      parts.push({ input: current, bytes });
      current = { ...input, contacts: [], statuses: [], messages: [] };
      bytes = 0;
    }
    current.messages.push(m);
    bytes += size;
  }
  parts.push({ input: current, bytes });
  return parts;
}
