import { outputsOf, type Rule, type RuleHit } from "./rule.ts";

/** An unconnected output silently ends the conversation there, which a customer experiences as the bot going quiet. */
export const deadEnd: Rule = {
  id: "deadEnd",
  severity: "warning",
  description: "Every output of a block is connected to a next block.",
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const node of ctx.nodes) {
      const outputs = outputsOf(node);
      if (outputs.length === 0) continue;
      const connected = new Set((ctx.outgoing.get(node.id) ?? []).map((e) => e.sourceHandle));
      for (const out of outputs) {
        if (connected.has(out.id)) continue;
        hits.push({
          blockId: node.id,
          message:
            out.id === "giveUp"
              ? `The "${out.label}" path is not connected: after too many invalid answers the conversation just stops. Connect it to a message or a handoff to a person.`
              : `The "${out.label}" path is a dead end: the conversation stops there without saying goodbye. Connect it to a next block or an End block.`,
        });
      }
    }
    return hits;
  },
};
