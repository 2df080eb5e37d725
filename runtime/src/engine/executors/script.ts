import type { ScriptData } from "@benteng/shared";
import type { Executor } from "../executor.ts";

/** The script's `input`: declared fields filled from flow variables (copies; the sandbox re-validates). */
export function buildScriptInput(
  data: Pick<ScriptData, "inputMapping">,
  variables: Readonly<Record<string, unknown>>,
) {
  const input: Record<string, unknown> = {};
  for (const m of data.inputMapping) if (m.field && m.variable) input[m.field] = variables[m.variable];
  return input;
}

/**
 * Runs the block's code in the sandbox (never here) and maps its output back to variables. A script
 * that fails — syntax, limits, schema, a thrown error — is an outcome: the error path, with a log line.
 */
export const scriptExecutor: Executor<"script"> = {
  async enter(node, ctx) {
    if (!ctx.deps.runScript) {
      ctx.log(`script ${node.id}: no sandbox available here; error path taken`);
      return { next: "error" };
    }
    const outcome = await ctx.deps.runScript({
      workspaceId: ctx.deps.workspaceId,
      blockId: node.id,
      data: node.data,
      variables: ctx.state.variables,
    });
    for (const line of outcome.logs ?? []) ctx.log(`script ${node.id}: ${line}`);
    if (!outcome.ok) {
      ctx.log(`script ${node.id} failed: ${outcome.error}`);
      ctx.state.variables.lastScriptError = outcome.error;
      return { next: "error" };
    }
    const output =
      outcome.output && typeof outcome.output === "object" ? (outcome.output as Record<string, unknown>) : {};
    for (const m of node.data.outputMapping) {
      if (m.field && m.variable && Object.hasOwn(output, m.field))
        ctx.state.variables[m.variable] = output[m.field];
    }
    return { next: "success" };
  },
};
