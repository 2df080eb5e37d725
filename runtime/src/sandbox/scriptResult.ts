import { z } from "zod";

/** Why a script run ended without a result; each kind takes the block's error path. */
export const scriptErrorKindSchema = z.enum([
  "timeout",
  "memory",
  "output-limit",
  "runtime",
  "syntax",
  "input-schema",
  "output-schema",
]);
export type ScriptErrorKind = z.infer<typeof scriptErrorKindSchema>;

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
    error: z.object({ kind: scriptErrorKindSchema, message: z.string() }),
    logs: z.array(z.string()),
    ms: z.number(),
  }),
]);
export type ScriptResult = z.infer<typeof scriptResultSchema>;
