import type { Db } from "@benteng/db";
import { authorsOfNewParts, recordAuthors } from "@benteng/db/queries/blockAuthors";
import { versionDocument } from "@benteng/db/queries/flowVersions";
import { draftAuthorsSinceLive, recordCopiedAuthors } from "@benteng/db/queries/reviews";
import type { Flow } from "@benteng/shared";

/**
 * The one rule of authorship ("whoever wrote any part of a version can never approve it"), in two
 * halves that run in the caller's transaction:
 *
 * - recordDraftProvenance, with every write of a draft (create, import, duplicate, save): the saver
 *   is recorded by draft_saves; each part (block, edge, settings) new in the draft is attributed to
 *   its writer, or keeps its first writers when it is a copy; an edited part keeps every writer of
 *   what it was and adds the saver; a duplicate carries everyone who wrote its source.
 * - versionAuthors, when a draft is frozen into a version: everyone who saved the flow since the
 *   live version (whatever the save changed: blocks, edges, settings, removals), everyone its copies
 *   carried in, and every writer of a part that the live version does not have, wherever it came from.
 */
export async function recordDraftProvenance(
  tx: Db,
  input: {
    workspaceId: string;
    userId: string | null;
    flowId: string;
    revision: number;
    before: Flow | null;
    after: Flow;
    /** The flow this draft was copied from as a whole (duplicate, "keep mine as a copy"). */
    copiedFrom?: string | null;
  },
): Promise<void> {
  await recordAuthors(tx, input);
  if (input.copiedFrom) {
    await recordCopiedAuthors(tx, {
      fromFlowId: input.copiedFrom,
      toFlowId: input.flowId,
      revision: input.revision,
    });
  }
}

/** Everyone who wrote any part of `flow.draft` since the flow's live version (see above). */
export async function versionAuthors(
  tx: Db,
  workspaceId: string,
  flow: { id: string; revision: number; draft: Flow; publishedVersionId: string | null },
): Promise<Set<string>> {
  const authors = new Set(await draftAuthorsSinceLive(tx, flow.id, flow.revision));
  const live = flow.publishedVersionId
    ? await versionDocument(tx, workspaceId, flow.publishedVersionId)
    : null;
  for (const writer of await authorsOfNewParts(tx, workspaceId, flow.draft, live)) authors.add(writer);
  return authors;
}
