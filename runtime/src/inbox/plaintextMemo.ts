import type { ConversationState } from "@benteng/shared";
import type { GraphPayload } from "../whatsapp/toGraphPayload.ts";
import type { InboxPayload } from "./inboxPayload.ts";

/**
 * Values this process encrypted moments ago, by their ciphertext, so that the step that reads the row
 * back (the inbox payload the webhook stored, the conversation state the last turn stored, the reply
 * the step queued) takes the value instead of decrypting and parsing it again: that was three of the
 * eight AES-GCM operations and JSON parses per message. Authenticated encryption with a fresh IV makes
 * a ciphertext name exactly one plaintext, so a hit is what decryption would have returned; a row
 * written elsewhere (another process, a key rotation) simply misses and is decrypted. Each entry is
 * taken once (its reader owns it from then on); the oldest go first past `max`, so the memo holds at
 * most a few seconds of traffic and nothing stays that would not be in memory anyway.
 */
export class PlaintextMemo<T> {
  readonly #entries = new Map<string, T>();
  readonly #max: number;

  constructor(max: number) {
    this.#max = max;
  }

  remember(ciphertext: string, value: T): void {
    if (this.#entries.size >= this.#max) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.set(ciphertext, value);
  }

  /** The value `ciphertext` was made from, if this process made it recently; removed from the memo. */
  take(ciphertext: string): T | undefined {
    const value = this.#entries.get(ciphertext);
    if (value !== undefined) this.#entries.delete(ciphertext);
    return value;
  }

  get size(): number {
    return this.#entries.size;
  }
}

/** Stored by the webhook route, taken by the inbox step. */
export const inboxPayloadMemo = new PlaintextMemo<InboxPayload>(20_000);
/** Stored by a step, taken by the conversation's next step. */
export const conversationStateMemo = new PlaintextMemo<ConversationState>(20_000);
/** Queued by a step, taken by the sender. */
export const outboxPayloadMemo = new PlaintextMemo<GraphPayload>(20_000);
