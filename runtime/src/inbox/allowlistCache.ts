import type { Db } from "@benteng/db";
import { linkAllowlist } from "@benteng/db/queries/workspaces";

/**
 * Each workspace's allow-listed hosts, for the outbound guard's link check, read at most once per
 * `ttlMs` (an admin's change reaches the runtime within that time). Concurrent steps that miss the
 * same workspace share one read; a failed read is not kept.
 */
export function allowlistCache(ttlMs = 30_000, maxEntries = 1_000) {
  const cache = new Map<string, { hosts: string[]; at: number }>();
  const reading = new Map<string, Promise<string[]>>();
  const read = async (db: Db, workspaceId: string): Promise<string[]> => {
    const hosts = await linkAllowlist(db, workspaceId);
    if (cache.size >= maxEntries) cache.delete(cache.keys().next().value as string);
    cache.set(workspaceId, { hosts, at: Date.now() });
    return hosts;
  };
  return {
    async get(db: Db, workspaceId: string): Promise<string[]> {
      const hit = cache.get(workspaceId);
      if (hit && Date.now() - hit.at < ttlMs) return hit.hosts;
      let pending = reading.get(workspaceId);
      if (!pending) {
        pending = read(db, workspaceId).finally(() => reading.delete(workspaceId));
        reading.set(workspaceId, pending);
      }
      return pending;
    },
  };
}
export type AllowlistCache = ReturnType<typeof allowlistCache>;
