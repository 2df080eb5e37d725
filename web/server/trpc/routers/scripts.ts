import { declaredSecrets } from "@benteng/db/queries/secrets";
import { checkScriptSyntax } from "@benteng/runtime/sandbox/index";
import { scriptDataSchema } from "@benteng/shared";
import { z } from "zod";
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
      const secrets = await declaredSecrets(ctx.db, ctx.cipher, ctx.session.workspaceId, b.secrets);
      const missing = b.secrets.filter((name) => !(name in secrets));
      const result = await ctx.engine.sandbox.run({
        workspaceId: ctx.session.workspaceId,
        code: b.code,
        input: input.sampleInput ?? {},
        inputSchema: b.inputSchema,
        outputSchema: b.outputSchema,
        limits: { timeoutMs: b.timeoutMs, memoryMb: b.memoryMb },
        allowedHosts: b.allowedHosts,
        secrets,
        measureMemory: true,
      });
      return { ...result, missingSecrets: missing };
    }),

  /** Exact syntax errors (line and column) from compiling the code the way the sandbox does. */
  checkSyntax: permittedProcedure("flow.read")
    .input(z.object({ code: z.string().max(50_000) }))
    .query(({ input }) => checkScriptSyntax(input.code)),
});
