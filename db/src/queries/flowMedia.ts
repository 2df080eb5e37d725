import type { Db } from "../tables/database.ts";

/**
 * Sets the files a flow's draft refers to (replacing what the previous draft did). Run it in the
 * transaction that saves the draft, so the references never lag behind the document.
 */
export async function setDraftMedia(
  db: Db,
  input: { workspaceId: string; flowId: string; sha256s: readonly string[] },
): Promise<void> {
  await db
    .deleteFrom("flow_media")
    .where("flow_id", "=", input.flowId)
    .where("version_id", "is", null)
    .execute();
  if (input.sha256s.length === 0) return;
  await db
    .insertInto("flow_media")
    .values(
      input.sha256s.map((sha256) => ({
        workspace_id: input.workspaceId,
        flow_id: input.flowId,
        version_id: null,
        sha256,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Records the files a new version refers to (a version never changes, so this runs once). */
export async function addVersionMedia(
  db: Db,
  input: { workspaceId: string; flowId: string; versionId: string; sha256s: readonly string[] },
): Promise<void> {
  if (input.sha256s.length === 0) return;
  await db
    .insertInto("flow_media")
    .values(
      input.sha256s.map((sha256) => ({
        workspace_id: input.workspaceId,
        flow_id: input.flowId,
        version_id: input.versionId,
        sha256,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
}
