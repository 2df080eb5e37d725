import type { Executor } from "../executor.ts";

export const messageExecutor: Executor<"message"> = {
  enter(node, ctx) {
    ctx.send({
      kind: "text",
      body: node.data.text,
      ...(node.data.mediaUrl ? { mediaUrl: node.data.mediaUrl } : {}),
    });
    return { next: "next" };
  },
};
