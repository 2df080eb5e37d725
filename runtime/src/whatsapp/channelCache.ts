import { type Cipher, type Db, urgentDb } from "@benteng/db";
import { channelForRuntime, type RuntimeChannel } from "@benteng/db/queries/channels";

/**
 * Decrypted channel settings, reused for `ttlMs` (a replaced token, secret or status applies within
 * it). Concurrent lookups of one channel share a single query, so a burst of webhooks after a start or
 * an expiry costs one read and one decryption. Unknown ids are not remembered: a channel created a
 * moment ago works at once. A lookup waits at most `waitMs`; one that got no answer by then is given up
 * for every waiter, so the next request asks the database again instead of joining a stuck query.
 */
export function channelCache(db: Db, cipher: Cipher, ttlMs = 5_000, waitMs = 5_000) {
  const entries = new Map<string, { channel: RuntimeChannel; until: number }>();
  const loading = new Map<string, Promise<RuntimeChannel | undefined>>();
  return {
    async get(id: string): Promise<RuntimeChannel | undefined> {
      const hit = entries.get(id);
      if (hit && hit.until > Date.now()) return hit.channel;
      let pending = loading.get(id);
      if (!pending) {
        let timer: NodeJS.Timeout | undefined;
        const deadline = new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`channel lookup got no answer within ${waitMs} ms`)),
            waitMs,
          );
        });
        const query = channelForRuntime(urgentDb(db), cipher, id).then((channel) => {
          if (entries.size > 10_000) entries.clear();
          if (channel) entries.set(id, { channel, until: Date.now() + ttlMs });
          else entries.delete(id);
          return channel;
        });
        const settled: Promise<RuntimeChannel | undefined> = Promise.race([query, deadline]).finally(() => {
          clearTimeout(timer);
          if (loading.get(id) === settled) loading.delete(id);
        });
        // A query that answers after its deadline still fills the cache; its error has no one to reach.
        query.catch(() => {});
        pending = settled;
        loading.set(id, pending);
      }
      return pending;
    },
    /** Drops a channel so the next lookup reads it again (after its token was refused, say). */
    forget(id: string): void {
      entries.delete(id);
    },
  };
}
export type ChannelCache = ReturnType<typeof channelCache>;
