import type { Rule, RuleHit } from "./rule.ts";

/** The engine needs exactly one entry point; with none or several it can't know where to begin. */
export const startBlock: Rule = {
  id: "startBlock",
  severity: "error",
  description: "A flow has exactly one Start block.",
  check(ctx) {
    const starts = ctx.nodes.filter((n) => n.type === "start");
    if (starts.length === 0)
      return [{ message: "This flow has no Start block, so no conversation can begin. Add a Start block." }];
    return starts.slice(1).map(
      (n): RuleHit => ({
        blockId: n.id,
        message: `This flow has ${starts.length} Start blocks, but a conversation can only begin in one. Delete this one and connect its path to the first Start block.`,
      }),
    );
  },
};
