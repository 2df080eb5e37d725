import { blockDefinition, type Flow, type FlowEdge, type FlowNode } from "@benteng/shared";

export type DiffStatus = "added" | "removed" | "changed" | "unchanged";

/** One text that differs between the live version and the submitted one (a message, a label, script code). */
export interface TextChange {
  blockId: string;
  blockLabel: string;
  field: string;
  before: string | null;
  after: string | null;
}

export interface FlowDiff {
  nodes: Array<{ node: FlowNode; status: DiffStatus }>;
  edges: Array<{ edge: FlowEdge; status: DiffStatus }>;
  texts: TextChange[];
  counts: Record<Exclude<DiffStatus, "unchanged">, number>;
}

/**
 * What a reviewer must look at: blocks and connections added, removed or changed between the live
 * version (null when nothing is live yet) and the submitted one, and every changed text. Moving a
 * block is not a change customers notice, so positions are ignored.
 */
export function flowDiff(base: Flow | null, next: Flow): FlowDiff {
  const before = new Map((base?.nodes ?? []).map((n) => [n.id, n]));
  const after = new Map(next.nodes.map((n) => [n.id, n]));
  const nodes: FlowDiff["nodes"] = [];
  const texts: TextChange[] = [];
  for (const node of next.nodes) {
    const old = before.get(node.id);
    const status: DiffStatus = !old
      ? "added"
      : old.type !== node.type || JSON.stringify(old.data) !== JSON.stringify(node.data)
        ? "changed"
        : "unchanged";
    nodes.push({ node, status });
    if (status !== "unchanged") texts.push(...textChanges(node, old ?? null, node));
  }
  for (const old of base?.nodes ?? []) {
    if (after.has(old.id)) continue;
    nodes.push({ node: old, status: "removed" });
    texts.push(...textChanges(old, old, null));
  }
  const edgeKey = (e: FlowEdge) => `${e.source}\u0000${e.sourceHandle}\u0000${e.target}`;
  const beforeEdges = new Set((base?.edges ?? []).map(edgeKey));
  const afterEdges = new Set(next.edges.map(edgeKey));
  const edges: FlowDiff["edges"] = [
    ...next.edges.map((edge) => ({
      edge,
      status: (beforeEdges.has(edgeKey(edge)) ? "unchanged" : "added") as DiffStatus,
    })),
    ...(base?.edges ?? [])
      .filter((e) => !afterEdges.has(edgeKey(e)))
      .map((edge) => ({ edge, status: "removed" as DiffStatus })),
  ];
  const counts = { added: 0, removed: 0, changed: 0 };
  for (const n of nodes) if (n.status !== "unchanged") counts[n.status]++;
  return { nodes, edges, texts, counts };
}

/** The text leaves of a block's data (message text, button titles, script code…) by dotted path. */
export function textFields(data: unknown, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof data === "string") {
    if (prefix) out.set(prefix, data);
  } else if (Array.isArray(data)) {
    data.forEach((v, i) => {
      for (const [k, s] of textFields(v, prefix ? `${prefix}.${i + 1}` : String(i + 1))) out.set(k, s);
    });
  } else if (data && typeof data === "object") {
    for (const [key, v] of Object.entries(data)) {
      // Ids are machinery, not something a customer reads.
      if (key === "id") continue;
      for (const [k, s] of textFields(v, prefix ? `${prefix}.${key}` : key)) out.set(k, s);
    }
  }
  return out;
}

function textChanges(node: FlowNode, old: FlowNode | null, now: FlowNode | null): TextChange[] {
  const a = old ? textFields(old.data) : new Map<string, string>();
  const b = now ? textFields(now.data) : new Map<string, string>();
  const label = blockDefinition(node.type).label;
  const changes: TextChange[] = [];
  for (const field of new Set([...a.keys(), ...b.keys()])) {
    const before = a.get(field) ?? null;
    const after = b.get(field) ?? null;
    if (before !== after && (before || after))
      changes.push({ blockId: node.id, blockLabel: label, field, before, after });
  }
  return changes;
}
