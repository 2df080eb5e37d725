import type { Db } from "@benteng/db";
import { type Flow, readStoredFlow } from "@benteng/shared";
import { readThroughCache } from "./readThroughCache.ts";

/**
 * Flow versions are immutable, so a parsed document can be kept for as long as the process lives.
 * Concurrent steps that miss the same version share one read.
 */
export function flowCache(maxEntries = 500) {
  return readThroughCache(readFlowVersion, { maxEntries });
}

async function readFlowVersion(db: Db, flowVersionId: string): Promise<Flow> {
  const row = await db
    .selectFrom("flow_versions")
    .select("document")
    .where("id", "=", flowVersionId)
    .executeTakeFirst();
  if (!row) throw new UnreadableFlowError(`flow version ${flowVersionId} does not exist`);
  // The one read path for stored documents (migrate, then parse), as the editor and review use.
  try {
    return readStoredFlow(row.document, `flow version ${flowVersionId}`);
  } catch (e) {
    throw new UnreadableFlowError((e as Error).message);
  }
}
export type FlowCache = ReturnType<typeof flowCache>;

/** A flow version that is missing or no longer parses: retrying cannot help (unlike a failed read). */
export class UnreadableFlowError extends Error {}
