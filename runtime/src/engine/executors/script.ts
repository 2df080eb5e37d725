import { formatScriptError, type ScriptData, scriptError } from "@benteng/shared";
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
      const error = scriptError("unavailable", "no sandbox available here");
      ctx.log(`script ${node.id}: no sandbox available here; error path taken`);
      ctx.trace({ script: { ok: false, error } });
      ctx.state.variables.lastScriptError = formatScriptError(error);
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
      ctx.log(`script ${node.id} failed (${outcome.error.kind}); error path taken`);
      ctx.trace({ script: { ok: false, error: outcome.error } });
      ctx.state.variables.lastScriptError = formatScriptError(outcome.error);
      return { next: "error" };
    }
    ctx.trace({ script: { ok: true } });
    const output =
      outcome.output && typeof outcome.output === "object" ? (outcome.output as Record<string, unknown>) : {};
    for (const m of node.data.outputMapping) {
      if (m.field && m.variable && Object.hasOwn(output, m.field))
        ctx.state.variables[m.variable] = output[m.field];
    }
    return { next: "success" };
  },
};
