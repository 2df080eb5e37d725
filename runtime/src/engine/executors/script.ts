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
    // What a script logs or throws may carry customer data: the runtime's log records only that it
    // happened; the details stay in the (encrypted) conversation state and the developer's test runs.
    if (outcome.logs?.length) ctx.log(`script ${node.id}: wrote ${outcome.logs.length} log line(s)`);
    if (!outcome.ok) {
      ctx.log(`script ${node.id} failed (${outcome.error.split(":")[0]}); error path taken`);
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
