import { fillTemplate } from "@benteng/shared";
import type { Executor } from "../executor.ts";

/** Plain `{{var}}` substitution: the value is text, never evaluated. */
export const setVariableExecutor: Executor<"setVariable"> = {
  enter(node, ctx) {
    if (node.data.variable)
      ctx.state.variables[node.data.variable] = fillTemplate(node.data.value, ctx.state.variables);
    else ctx.log(`setVariable ${node.id}: no variable chosen, skipped`);
    return { next: "next" };
  },
};
