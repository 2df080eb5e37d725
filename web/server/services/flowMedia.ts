import type { Db } from "@benteng/db";
import { addVersionMedia, setDraftMedia } from "@benteng/db/queries/flowMedia";
import { type Flow, uploadedMediaOf } from "@benteng/shared";

/**
 * Keeps the record of which uploaded files a flow's draft sends (GET /media serves only those, and
 * the cleanup keeps them). Every write of a draft calls it in its own transaction: create, import,
 * duplicate, save.
 */
export function recordDraftMedia(tx: Db, workspaceId: string, flowId: string, draft: Flow): Promise<void> {
  return setDraftMedia(tx, { workspaceId, flowId, sha256s: uploadedMediaOf(draft) });
}

/** The same for a version, when it is created (in the transaction that freezes it). */
export function recordVersionMedia(
  tx: Db,
  version: { workspaceId: string; flowId: string; versionId: string; document: Flow },
): Promise<void> {
  return addVersionMedia(tx, { ...version, sha256s: uploadedMediaOf(version.document) });
}
