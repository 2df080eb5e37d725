import type { Db } from "@benteng/db";
import { type Flow, readStoredFlow } from "@benteng/shared";

/**
 * Flow versions are immutable, so a parsed document can be kept for as long as the process lives.
 * Concurrent steps that miss the same version share one read.
 */
export function flowCache(maxEntries = 500) {
  const cache = new Map<string, Flow>();
  const reading = new Map<string, Promise<Flow>>();
  const read = async (db: Db, flowVersionId: string): Promise<Flow> => {
    const row = await db
      .selectFrom("flow_versions")
      .select("document")
      .where("id", "=", flowVersionId)
      .executeTakeFirst();
    if (!row) throw new UnreadableFlowError(`flow version ${flowVersionId} does not exist`);
    // The one read path for stored documents (migrate, then parse), as the editor and review use.
    let flow: Flow;
    try {
      flow = readStoredFlow(row.document, `flow version ${flowVersionId}`);
    } catch (e) {
      throw new UnreadableFlowError((e as Error).message);
    }
    if (cache.size >= maxEntries) cache.delete(cache.keys().next().value as string);
    cache.set(flowVersionId, flow);
    return flow;
  };
  return {
    async get(db: Db, flowVersionId: string): Promise<Flow> {
      const hit = cache.get(flowVersionId);
      if (hit) return hit;
      let pending = reading.get(flowVersionId);
      if (!pending) {
        pending = read(db, flowVersionId).finally(() => reading.delete(flowVersionId));
        reading.set(flowVersionId, pending);
      }
      return pending;
    },
  };
}
export type FlowCache = ReturnType<typeof flowCache>;

/** A flow version that is missing or no longer parses: retrying cannot help (unlike a failed read). */
export class UnreadableFlowError extends Error {}
