import { z } from "zod";
import { checkSyntax, testRunInput, testRunScript } from "../../services/scripts.ts";
import { permittedProcedure, router } from "../init.ts";
import { memberOf } from "../requestActor.ts";

export const scriptsRouter = router({
  /**
   * Runs a script block's code against sample input in exactly the production sandbox (same limits,
   * hosts, declared secrets, schemas) and reports result or error, logs, time and memory.
   */
  testRun: permittedProcedure("script.edit")
    .input(testRunInput)
    .mutation(({ ctx, input }) => testRunScript(ctx, memberOf(ctx), input)),

  /** Exact syntax errors (line and column) from compiling the code the way the sandbox does. */
  checkSyntax: permittedProcedure("flow.read")
    .input(z.object({ code: z.string().max(50_000) }))
    .query(({ input }) => checkSyntax(input.code)),
});
