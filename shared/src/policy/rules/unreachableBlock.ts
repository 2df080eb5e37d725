import type { Rule } from "./rule.ts";

/** A block no path leads to is usually a forgotten connection; customers will never see it. */
export const unreachableBlock: Rule = {
  id: "unreachableBlock",
  severity: "warning",
  description: "Every block can be reached from the Start block.",
  check(ctx) {
    const starts = ctx.nodes.filter((n) => n.type === "start");
    // Without a start block everything would be "unreachable"; startBlock already reports that.
    if (starts.length === 0) return [];
    const reached = new Set(starts.map((n) => n.id));
    const queue = [...reached];
    for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
      for (const e of ctx.outgoing.get(id) ?? []) {
        if (reached.has(e.target)) continue;
        reached.add(e.target);
        queue.push(e.target);
      }
    }
    return ctx.nodes
      .filter((n) => !reached.has(n.id))
      .map((n) => ({
        blockId: n.id,
        message: "No path leads to this block, so customers will never reach it. Connect it, or delete it.",
      }));
  },
};
