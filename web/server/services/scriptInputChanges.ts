import { authoredParts } from "@benteng/db/queries/blockAuthors";
import { blockDefinition, type Flow } from "@benteng/shared";

/** A block new or changed in a version that writes a variable some script receives as input. */
export interface ScriptInputChange {
  blockId: string;
  blockLabel: string;
  variable: string;
  /** The script blocks that read it through their input mapping. */
  scriptBlockIds: string[];
}

/**
 * What a version changes about the data scripts receive, for the reviewer to read. A script's input
 * mapping and schema (which variables it reads, of what shape) are developer-only; what those
 * variables hold is flow content that anyone who edits flows writes — a question's answer, a
 * set-variable's value — and making every such write developer-only would stop marketers collecting
 * the answers a script needs (the hand-over pattern). So these writes stay ordinary edits under
 * four-eyes review, and review names each one explicitly: "Set variable `order_id` (block x) now
 * feeds script y".
 */
export function scriptInputChanges(document: Flow, live: Flow | null): ScriptInputChange[] {
  const readers = new Map<string, string[]>();
  for (const node of document.nodes) {
    if (node.type !== "script") continue;
    for (const m of node.data.inputMapping) {
      if (!m.variable) continue;
      readers.set(m.variable, [...new Set([...(readers.get(m.variable) ?? []), node.id])]);
    }
  }
  if (readers.size === 0) return [];
  const reviewed = new Set(live ? authoredParts(live).values() : []);
  const parts = authoredParts(document);
  const out: ScriptInputChange[] = [];
  for (const node of document.nodes) {
    if (node.type === "script") continue;
    const hash = parts.get(`block:${node.id}`);
    if (hash === undefined || reviewed.has(hash)) continue;
    const definition = blockDefinition(node.type);
    for (const variable of definition.writesVariables(node.data as never)) {
      const scripts = readers.get(variable);
      if (scripts)
        out.push({ blockId: node.id, blockLabel: definition.label, variable, scriptBlockIds: scripts });
    }
  }
  return out;
}
