import type { Db } from "@benteng/db";

/**
 * A bounded map from key to what `load` read for it, kept for `ttlMs` (for ever when omitted), oldest
 * entry dropped first when full. Concurrent misses of one key share one read; a failed read is not
 * kept.
 */
export function readThroughCache<V>(
  load: (db: Db, key: string) => Promise<V>,
  options: { maxEntries: number; ttlMs?: number },
) {
  const cache = new Map<string, { value: V; at: number }>();
  const reading = new Map<string, Promise<V>>();
  const read = async (db: Db, key: string): Promise<V> => {
    const value = await load(db, key);
    if (cache.size >= options.maxEntries) cache.delete(cache.keys().next().value as string);
    cache.set(key, { value, at: Date.now() });
    return value;
  };
  return {
    async get(db: Db, key: string): Promise<V> {
      const hit = cache.get(key);
      if (hit && (options.ttlMs === undefined || Date.now() - hit.at < options.ttlMs)) return hit.value;
      let pending = reading.get(key);
      if (!pending) {
        pending = read(db, key).finally(() => reading.delete(key));
        reading.set(key, pending);
      }
      return pending;
    },
  };
}
