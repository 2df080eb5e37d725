import type { Db } from "@benteng/db";
import { storeWebhookBatches, type WebhookBatchInput } from "@benteng/db/queries/inbox";

export interface WebhookWriterOptions {
  /** NOTIFY channel that wakes runtime workers in other processes when messages were new. */
  notifyChannel?: string;
  /** Rows (messages + contacts + statuses) per statement; PostgreSQL allows 65,535 parameters. */
  maxRows?: number;
}

export interface WebhookWriter {
  /**
   * Stores one webhook's rows; resolves once they are committed, rejects if the statement failed (then
   * nothing of it is stored). `inserted` counts the new messages of the whole statement that carried it.
   */
  store(input: WebhookBatchInput): Promise<{ inserted: number }>;
}

interface Pending {
  input: WebhookBatchInput;
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
  let queue: Pending[] = [];
  let writing = false;

  const rowsOf = (input: WebhookBatchInput) =>
    input.messages.length + input.contacts.length + input.statuses.length;

  const drain = async () => {
    writing = true;
    while (queue.length > 0) {
      let rows = 0;
      let take = 0;
      while (take < queue.length && (take === 0 || rows + rowsOf(queue[take]!.input) <= maxRows)) {
        rows += rowsOf(queue[take]!.input);
        take++;
      }
      const batch = queue.slice(0, take);
      queue = queue.slice(take);
      try {
        const result = await storeWebhookBatches(
          db,
          batch.map((p) => p.input),
          options.notifyChannel ? { notifyChannel: options.notifyChannel } : {},
        );
        for (const p of batch) p.resolve(result);
      } catch (e) {
        for (const p of batch) p.reject(e);
      }
    }
    writing = false;
  };

  return {
    store(input) {
      return new Promise((resolve, reject) => {
        queue.push({ input, resolve, reject });
        if (!writing) void drain();
      });
    },
  };
}
