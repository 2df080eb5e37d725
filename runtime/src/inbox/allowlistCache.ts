import { linkAllowlist } from "@benteng/db/queries/workspaces";
import { readThroughCache } from "./readThroughCache.ts";

/**
 * Each workspace's allow-listed hosts, for the outbound guard's link check, read at most once per
 * `ttlMs` (an admin's change reaches the runtime within that time).
 */
export function allowlistCache(ttlMs = 30_000, maxEntries = 1_000) {
  return readThroughCache(linkAllowlist, { maxEntries, ttlMs });
}
export type AllowlistCache = ReturnType<typeof allowlistCache>;
