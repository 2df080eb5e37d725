import { createHash } from "node:crypto";
import { listSecretNames } from "@benteng/db/queries/secrets";
import {
  checkScriptSyntax,
  type Engine,
  type SyntaxCheck,
  scriptLimits,
  standInSecrets,
} from "@benteng/runtime";
import { scriptDataSchema, scriptSecretNameSchema } from "@benteng/shared";
import { z } from "zod";
import type { Env } from "../env.ts";
import type { Member, ServiceDeps } from "./actor.ts";
import { auditTarget, recordAudit } from "./audit.ts";
import { inTransaction } from "./inTransaction.ts";

/** What running code needs besides the database: the sandbox and the workspace ceilings. */
export interface EngineDeps extends ServiceDeps {
  env: Env;
  engine: Engine;
}

export const testRunInput = z.object({
  block: scriptDataSchema,
  sampleInput: z.unknown(),
  /** Values the developer typed for this test, per declared secret; others get a stand-in. */
  testSecrets: z
    .record(scriptSecretNameSchema, z.string().max(4096))
    .refine((r) => Object.keys(r).length <= 20, { message: "at most 20 test secrets" })
    .default({}),
});

/**
 * Runs a script block's code against sample input in exactly the production sandbox (same limits,
 * hosts, declared schemas) and reports result or error, logs, time and memory.
 *
 * Secrets are write-only: a test run is unreviewed code, so it never gets a stored value, whatever
 * its hosts — only what the developer typed for the test or a `test-value-of-NAME` stand-in. (Masking
 * output could not protect them: code can hand a value back reversed, as character codes or to a
 * host; not having it is what does.)
 */
export async function testRunScript(
  { db, env, engine }: EngineDeps,
  member: Member,
  input: z.infer<typeof testRunInput>,
) {
  const b = input.block;
  const stored = new Set((await listSecretNames(db, member.workspaceId)).map((s) => s.name));
  // Recorded before the code runs (a run that never returns is still on record), in a transaction
  // of its own: the run itself is no database change, and nothing slow may run inside a transaction.
  const codeHash = createHash("sha256").update(b.code).digest("hex");
  await inTransaction(db, (tx) =>
    recordAudit(tx, member, "script.test_run", auditTarget.script(codeHash), {
      codeHash,
      allowedHosts: b.allowedHosts,
      secrets: b.secrets,
      // Names only: what the developer typed for the test is never recorded.
      testSecretsTyped: Object.keys(input.testSecrets),
    }),
  );
  const result = await engine.sandbox.run({
    workspaceId: member.workspaceId,
    code: b.code,
    input: input.sampleInput ?? {},
    inputSchema: b.inputSchema,
    outputSchema: b.outputSchema,
    limits: scriptLimits(env, b),
    allowedHosts: b.allowedHosts,
    secrets: standInSecrets(b.secrets, input.testSecrets),
    measureMemory: true,
  });
  return {
    ...result,
    missingSecrets: b.secrets.filter((name) => !stored.has(name)),
    standInSecrets: b.secrets.filter((name) => !Object.hasOwn(input.testSecrets, name)),
  };
}

/** Exact syntax errors (line and column) from compiling the code the way the sandbox does. */
export function checkSyntax(code: string): Promise<SyntaxCheck> {
  return checkScriptSyntax(code);
}
