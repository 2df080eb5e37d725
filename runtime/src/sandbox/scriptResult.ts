import { scriptErrorSchema } from "@benteng/shared";
import { z } from "zod";

// The error shape is shared: the engine's trace and the editor show it as the sandbox returns it.
export {
  formatScriptError,
  type ScriptError,
  type ScriptErrorKind,
  scriptError,
  scriptErrorKindSchema,
  scriptErrorSchema,
} from "@benteng/shared";

/** The outcome of one script run. The sandbox returns one for anything a script does; it never throws. */
export const scriptResultSchema = z.discriminatedUnion("ok", [
  z.object({
    ok: z.literal(true),
    result: z.unknown(),
    logs: z.array(z.string()),
    ms: z.number(),
    /** Heap in use by the isolate after the run, when asked for (the editor's test-run panel). */
    memoryBytes: z.number().optional(),
  }),
  z.object({
    ok: z.literal(false),
    error: scriptErrorSchema,
    logs: z.array(z.string()),
    ms: z.number(),
  }),
]);
export type ScriptResult = z.infer<typeof scriptResultSchema>;
