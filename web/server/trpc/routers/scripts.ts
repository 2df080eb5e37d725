import type { Db } from "@benteng/db";
import { declaredSecrets } from "@benteng/db/queries/secrets";
import { checkScriptSyntax } from "@benteng/runtime/sandbox/index";
import { flowSchema, scriptDataSchema } from "@benteng/shared";
import { z } from "zod";
import { scriptLimits } from "../../engineDeps.ts";
import { permittedProcedure, router } from "../init.ts";

export const scriptsRouter = router({
  /**
   * Runs a script block's code against sample input in exactly the production sandbox (same limits,
   * hosts, declared secrets, schemas) and reports result or error, logs, time and memory.
   */
  testRun: permittedProcedure("script.edit")
    .input(z.object({ block: scriptDataSchema, sampleInput: z.unknown() }))
    .mutation(async ({ ctx, input }) => {
      const b = input.block;
      const stored = await declaredSecrets(ctx.db, ctx.cipher, ctx.session.workspaceId, b.secrets);
      const missing = b.secrets.filter((name) => !(name in stored));
      // Secrets are write-only. A test run gets their real values only when every host the code may
      // call already passed review in a published flow; otherwise stand-ins, so unreviewed code
      // cannot carry a secret off. Whatever comes back is scrubbed of real values either way.
      const reviewed = await reviewedScriptHosts(ctx.db, ctx.session.workspaceId);
      const useReal = b.allowedHosts.every((h) => reviewed.has(h));
      const secrets = useReal
        ? stored
        : Object.fromEntries(Object.keys(stored).map((name) => [name, `test-value-of-${name}`]));
      const result = await ctx.engine.sandbox.run({
        workspaceId: ctx.session.workspaceId,
        code: b.code,
        input: input.sampleInput ?? {},
        inputSchema: b.inputSchema,
        outputSchema: b.outputSchema,
        limits: scriptLimits(ctx.env, b),
        allowedHosts: b.allowedHosts,
        secrets,
        measureMemory: true,
      });
      return { ...scrubSecrets(result, stored), missingSecrets: missing, realSecrets: useReal };
    }),

  /** Exact syntax errors (line and column) from compiling the code the way the sandbox does. */
  checkSyntax: permittedProcedure("flow.read")
    .input(z.object({ code: z.string().max(50_000) }))
    .query(({ input }) => checkScriptSyntax(input.code)),
});

/** Hosts that script blocks of the workspace's published (reviewed) versions may call. */
async function reviewedScriptHosts(db: Db, workspaceId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom("flows")
    .innerJoin("flow_versions", "flow_versions.id", "flows.published_version_id")
    .select("flow_versions.document")
    .where("flows.workspace_id", "=", workspaceId)
    .where("flows.deleted_at", "is", null)
    .execute();
  const hosts = new Set<string>();
  for (const r of rows) {
    for (const node of flowSchema.parse(r.document).nodes)
      if (node.type === "script") for (const h of node.data.allowedHosts) hosts.add(h);
  }
  return hosts;
}

/** Replaces every real secret value in a result, its logs and its error with the secret's name. */
function scrubSecrets<T>(result: T, secrets: Record<string, string>): T {
  const entries = Object.entries(secrets).filter(([, v]) => v.length >= 4);
  if (entries.length === 0) return result;
  let text = JSON.stringify(result);
  for (const [name, value] of entries) {
    const encoded = JSON.stringify(value).slice(1, -1);
    text = text.split(encoded).join(`[secret ${name}]`);
  }
  return JSON.parse(text) as T;
}
