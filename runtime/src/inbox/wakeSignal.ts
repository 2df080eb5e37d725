/**
 * In-process wake-ups between the webhook, the inbox workers and the outbox sender. Across processes
 * the same role is played by LISTEN/NOTIFY (see runtimeService) and, as a fallback, by polling.
 */
export function wakeSignal() {
  const listeners = new Set<() => void>();
  return {
    wake(): void {
      for (const listener of listeners) listener();
    },
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
export type WakeSignal = ReturnType<typeof wakeSignal>;

/** New inbox rows were committed. */
export const inboxWake = wakeSignal();
/** New outbox rows were committed. */
export const outboxWake = wakeSignal();

/**
 * A conversation waiting for a person changed (it arrived, the customer wrote, an agent acted):
 * agents' open inboxes in this process refresh (server-sent events on the web server).
 */
export const conversationsWake = wakeSignal();

/** Channels of PostgreSQL NOTIFY used for the same wake-ups across processes. */
export const NOTIFY_CHANNELS = {
  inbox: "benteng_inbox",
  outbox: "benteng_outbox",
  conversations: "benteng_conversations",
} as const;
