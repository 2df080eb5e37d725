import { createHash } from "node:crypto";
import { blockDefinition, emptyFlow, type Flow, flowTemplateIds, flowTemplates } from "@benteng/shared";
import type { Db } from "../tables/database.ts";
import { canonicalJson } from "./canonicalJson.ts";

function blockHash(node: Flow["nodes"][number]): string {
  return createHash("sha256")
    .update(canonicalJson({ type: node.type, data: node.data }))
    .digest("hex");
}

let shipped: Set<string> | null = null;
/** Blocks of the starter templates as they ship: Benteng's writing, not any member's. */
function shippedBlockHashes(): Set<string> {
  shipped ??= new Set(flowTemplateIds.flatMap((id) => flowTemplates[id].build().nodes.map(blockHash)));
  return shipped;
}

/**
 * The content hashes of a flow's blocks that someone wrote: type and settings, not id, position or
 * edges, so a copy pasted, duplicated or imported elsewhere hashes the same. A block still at its
 * type's defaults (an empty End, the Start) or exactly as a starter template ships it is nobody's
 * writing and has no hash here. Stored hashes depend on this function: changing it orphans them.
 */
export function authoredBlockHashes(flow: Flow): Set<string> {
  const out = new Set<string>();
  for (const node of flow.nodes) {
    const definition = blockDefinition(node.type);
    const defaults = definition.dataSchema.safeParse(definition.defaults());
    if (defaults.success && canonicalJson(defaults.data) === canonicalJson(node.data)) continue;
    const hash = blockHash(node);
    if (!shippedBlockHashes().has(hash)) out.add(hash);
  }
  return out;
}

/**
 * Every part of a flow somebody wrote, by where it sits in this flow ("block:<id>", "edge:<id>",
 * "settings") → its content hash. Blocks hash as authoredBlockHashes does; an edge hashes the content
 * of the blocks it joins and the output it leaves from (so a pasted block pair keeps its wiring's
 * writer); the settings part is the flow's settings and variables. Parts as an empty flow or a
 * starter template ships them are nobody's writing. Removals leave no part: draft_saves names who
 * saved them. Stored hashes depend on this function: changing it orphans them.
 */
export function authoredParts(flow: Flow): Map<string, string> {
  const out = new Map<string, string>();
  const blocks = authoredBlockHashes(flow);
  const hashById = new Map(flow.nodes.map((n) => [n.id, blockHash(n)]));
  for (const node of flow.nodes) {
    const hash = hashById.get(node.id) as string;
    if (blocks.has(hash)) out.set(`block:${node.id}`, hash);
  }
  const shipped = shippedPartHashes();
  for (const edge of flow.edges) {
    const hash = edgeHash(hashById, edge);
    if (!shipped.has(hash)) out.set(`edge:${edge.id}`, hash);
  }
  const settings = settingsHash(flow);
  if (!shipped.has(settings)) out.set("settings", settings);
  return out;
}

function edgeHash(hashById: Map<string, string>, edge: Flow["edges"][number]): string {
  return createHash("sha256")
    .update(
      canonicalJson({
        edge: {
          from: hashById.get(edge.source) ?? null,
          handle: edge.sourceHandle,
          to: hashById.get(edge.target) ?? null,
        },
      }),
    )
    .digest("hex");
}

function settingsHash(flow: Flow): string {
  return createHash("sha256")
    .update(canonicalJson({ settings: flow.settings, variables: flow.variables }))
    .digest("hex");
}

let shippedParts: Set<string> | null = null;
/** Edges and settings of an empty flow and of the starter templates as they ship. */
function shippedPartHashes(): Set<string> {
  if (shippedParts) return shippedParts;
  const flows = [emptyFlow(), ...flowTemplateIds.map((id) => flowTemplates[id].build())];
  shippedParts = new Set(
    flows.flatMap((flow) => {
      const hashById = new Map(flow.nodes.map((n) => [n.id, blockHash(n)]));
      return [settingsHash(flow), ...flow.edges.map((e) => edgeHash(hashById, e))];
    }),
  );
  return shippedParts;
}

/**
 * Records who wrote the parts of `after` that `before` did not have. A part new here whose exact
 * content someone in the workspace already wrote is a copy (duplicate, import, paste): its first
 * writers stay its authors and the copier adds nothing. A part edited in place (same block, edge or
 * settings, new content) keeps every author of what it was and adds `userId`: an edit never erases
 * the writers of what it changed. Run it in the transaction that stores `after`.
 */
export async function recordAuthors(
  db: Db,
  input: { workspaceId: string; userId: string | null; before: Flow | null; after: Flow },
): Promise<void> {
  if (!input.userId) return;
  const userId = input.userId;
  const previous = input.before ? authoredParts(input.before) : new Map<string, string>();
  const previousHashes = new Set(previous.values());
  const added = new Set<string>();
  const edited = new Map<string, Set<string>>(); // new hash → the hashes it was edited from
  for (const [key, hash] of authoredParts(input.after)) {
    if (previousHashes.has(hash)) continue;
    const was = previous.get(key);
    if (was === undefined) added.add(hash);
    else edited.set(hash, (edited.get(hash) ?? new Set()).add(was));
  }
  for (const hash of edited.keys()) added.delete(hash);
  const rows: Array<{ workspace_id: string; content_hash: string; user_id: string }> = [];
  const row = (hash: string, user: string) =>
    rows.push({ workspace_id: input.workspaceId, content_hash: hash, user_id: user });
  const fresh = await unknownHashes(db, input.workspaceId, [...added]);
  for (const hash of fresh) row(hash, userId);
  if (edited.size > 0) {
    const sources = [...new Set([...edited.values()].flatMap((s) => [...s]))];
    const writersOf = await writersByHash(db, input.workspaceId, sources);
    for (const [hash, from] of edited) {
      const writers = new Set([userId, ...[...from].flatMap((h) => writersOf.get(h) ?? [])]);
      for (const user of writers) row(hash, user);
    }
  }
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insertInto("block_authors")
      .values(rows.slice(i, i + 1000))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

async function unknownHashes(db: Db, workspaceId: string, hashes: string[]): Promise<string[]> {
  const known = new Set<string>();
  for (let i = 0; i < hashes.length; i += 1000) {
    const rows = await db
      .selectFrom("block_authors")
      .select("content_hash")
      .distinct()
      .where("workspace_id", "=", workspaceId)
      .where("content_hash", "in", hashes.slice(i, i + 1000))
      .execute();
    for (const r of rows) known.add(r.content_hash);
  }
  return hashes.filter((h) => !known.has(h));
}

async function writersByHash(db: Db, workspaceId: string, hashes: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (let i = 0; i < hashes.length; i += 1000) {
    const rows = await db
      .selectFrom("block_authors")
      .select(["content_hash", "user_id"])
      .where("workspace_id", "=", workspaceId)
      .where("content_hash", "in", hashes.slice(i, i + 1000))
      .execute();
    for (const r of rows) out.set(r.content_hash, [...(out.get(r.content_hash) ?? []), r.user_id]);
  }
  return out;
}

/**
 * Everyone who wrote a part (block, edge, settings) of `document` that is not in `live` (the
 * reviewed version it replaces): they are authors of the change wherever the part was copied from.
 */
export async function authorsOfNewParts(
  db: Db,
  workspaceId: string,
  document: Flow,
  live: Flow | null,
): Promise<string[]> {
  const reviewed = new Set(live ? authoredParts(live).values() : []);
  const hashes = [...new Set(authoredParts(document).values())].filter((h) => !reviewed.has(h));
  const out = new Set<string>();
  for (let i = 0; i < hashes.length; i += 1000) {
    const rows = await db
      .selectFrom("block_authors")
      .select("user_id")
      .distinct()
      .where("workspace_id", "=", workspaceId)
      .where("content_hash", "in", hashes.slice(i, i + 1000))
      .execute();
    for (const r of rows) out.add(r.user_id);
  }
  return [...out];
}
