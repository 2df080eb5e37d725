import { blockName, outputsOf, type Rule, type RuleHit } from "./rule.ts";

/**
 * A connection from an output its block does not have (an imported or hand-edited document, a
 * button that was renamed elsewhere) is never drawn and never taken; a second connection from the
 * same output is never taken either. Both are errors the editor offers to remove.
 */
export const danglingEdge: Rule = {
  id: "danglingEdge",
  severity: "error",
  description:
    "Every connection leaves from an output its block has, and each output leads to one block only.",
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const [source, edges] of ctx.outgoing) {
      const node = ctx.nodeById.get(source);
      // An unknown block type (a newer build's) has outputs this build cannot know.
      if (!node?.definition) continue;
      const outputs = new Map(outputsOf(node).map((o) => [o.id, o.label]));
      const taken = new Set<string>();
      for (const edge of edges) {
        const label = outputs.get(edge.sourceHandle);
        const target = ctx.nodeById.get(edge.target);
        const to = target ? blockName(target) : `block "${edge.target}"`;
        if (label === undefined) {
          hits.push({
            blockId: source,
            edgeId: edge.id,
            message: `The ${blockName(node)} has a connection to the ${to} from an output it does not have ("${edge.sourceHandle}"). It is never taken; remove it and connect the right output.`,
          });
        } else if (taken.has(edge.sourceHandle)) {
          hits.push({
            blockId: source,
            edgeId: edge.id,
            message: `The "${label}" output of the ${blockName(node)} is connected twice; only the first connection is taken. Remove the one to the ${to}.`,
          });
        }
        taken.add(edge.sourceHandle);
      }
    }
    return hits;
  },
};
