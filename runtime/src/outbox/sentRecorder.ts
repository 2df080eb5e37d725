import type { Cipher, Db } from "@benteng/db";
import { markOutboxSent, wamidIndex } from "@benteng/db/queries/outbox";

export interface SentRecorder {
  /**
   * Records that the Graph API accepted a message. Resolves true once that is committed, false if the
   * write kept failing (the message will then be sent again when its lease runs out).
   */
  record(sent: { id: string; waMessageId: string | null }): Promise<boolean>;
}

/** Waits between attempts at a "sent" write that failed; after the last, the write is given up. */
const RETRY_MS = [50, 200, 500, 1_000, 2_000];

/**
 * Records each send as soon as the Graph API answers it, not when the whole batch is done: the Graph
 * API has no idempotency key, so a message accepted by Meta but not yet recorded is sent again by
 * whoever takes over after a crash, and this keeps that to the messages in flight at the moment of
 * the crash. Sends answered while a write is in flight go together in the next one (group commit),
 * so a busy sender still writes a handful of statements a second, not one per message.
 */
export function sentRecorder(
  db: Db,
  cipher: Cipher,
  log: (level: "info" | "warn" | "error", fields: Record<string, unknown>, message: string) => void,
): SentRecorder {
  let queue: Array<{ id: string; waMessageId: string | null; resolve: (ok: boolean) => void }> = [];
  let writing = false;

  const write = async () => {
    writing = true;
    while (queue.length > 0) {
      let batch = queue;
      queue = [];
      for (let attempt = 0; ; attempt++) {
        try {
          await markOutboxSent(
            db,
            batch.map((s) => ({
              id: s.id,
              waMessageIndex: s.waMessageId && wamidIndex(cipher, s.waMessageId),
            })),
          );
          for (const s of batch) s.resolve(true);
          break;
        } catch (e) {
          const wait = RETRY_MS[attempt];
          if (wait === undefined) {
            log(
              "error",
              { outboxIds: batch.map((s) => s.id), err: (e as Error).message },
              "could not record sent messages: they will be sent again when their lease runs out",
            );
            for (const s of batch) s.resolve(false);
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, wait));
          // Sends answered meanwhile go with the retry.
          batch = batch.concat(queue);
          queue = [];
        }
      }
    }
    writing = false;
  };

  return {
    record(sent) {
      return new Promise((resolve) => {
        queue.push({ id: sent.id, waMessageId: sent.waMessageId, resolve });
        if (!writing) {
          writing = true;
          // After this turn of the event loop, so the answers that arrived together go together.
          setImmediate(() => void write());
        }
      });
    },
  };
}
