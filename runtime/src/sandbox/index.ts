// The script sandbox's public surface; everything else in this folder is an implementation detail.
export { refuseAddress } from "./addressPolicy.ts";
export { checkScriptSyntax, type SyntaxCheck } from "./checkScriptSyntax.ts";
export {
  createSandbox,
  type RunLimits,
  runLimitsSchema,
  type Sandbox,
  type SandboxOptions,
  type SchemaLike,
  type ScriptRun,
} from "./createSandbox.ts";
export {
  type ScriptErrorKind,
  type ScriptResult,
  scriptErrorKindSchema,
  scriptResultSchema,
} from "./scriptResult.ts";
