import type { Executor } from "../executor.ts";

/** Tells the customer a person is coming; the bot stays silent until an agent hands back. */
export const handoffExecutor: Executor<"handoff"> = {
  enter(node, ctx) {
    if (node.data.message) ctx.send({ kind: "text", body: node.data.message });
    ctx.log(`handoff ${node.id}: conversation handed to ${node.data.team || "the next free agent"}`);
    return { finish: "handoff" };
  },
};
