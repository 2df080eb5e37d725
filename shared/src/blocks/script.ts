import { z } from "zod";
import { defineBlock } from "./blockDefinition.ts";
import { scriptFieldListSchema } from "./scriptSchemaFields.ts";

/**
 * Limits of one script run. A block may lower the defaults; a workspace ceiling (applied by the
 * engine) may lower the maxima further but never raise them.
 */
export const SCRIPT_LIMITS = {
  timeoutMs: { default: 1_000, min: 10, max: 10_000 },
  // isolated-vm refuses isolates under 8 MB and its limit is soft (2–3× overshoot), so the maximum stays low.
  memoryMb: { default: 32, min: 8, max: 128 },
  maxOutputBytes: 64 * 1024,
  maxLogBytes: 16 * 1024,
  codeChars: 50_000,
} as const;

/** Moves a value between a flow variable and a field of the script's input or output. */
export const scriptMappingSchema = z.object({
  field: z.string().max(64),
  variable: z.string().max(64),
});
export type ScriptMapping = z.infer<typeof scriptMappingSchema>;

/** A host a script may fetch from: a DNS name, optionally with an explicitly allowed port. */
export const scriptHostSchema = z
  .string()
  .max(253)
  .regex(
    /^(?=.{1,253}(?::\d{1,5})?$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*(:\d{1,5})?$/,
    "a lowercase host name such as api.example.com, optionally with :port",
  );

/** The name of a workspace secret a script declares it reads through `secrets.get(name)`. */
export const scriptSecretNameSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/, "start with a letter; use letters, digits and _ only");

export const scriptDataSchema = z.object({
  /** The body of `async function (input) { … }`; its return value is the output. */
  code: z.string().max(SCRIPT_LIMITS.codeChars).default(""),
  inputMapping: z.array(scriptMappingSchema).max(50).default([]),
  inputSchema: scriptFieldListSchema.default([]),
  outputSchema: scriptFieldListSchema.default([]),
  outputMapping: z.array(scriptMappingSchema).max(50).default([]),
  allowedHosts: z.array(scriptHostSchema).max(20).default([]),
  secrets: z.array(scriptSecretNameSchema).max(20).default([]),
  timeoutMs: z
    .number()
    .int()
    .min(SCRIPT_LIMITS.timeoutMs.min)
    .max(SCRIPT_LIMITS.timeoutMs.max)
    .default(SCRIPT_LIMITS.timeoutMs.default),
  memoryMb: z
    .number()
    .int()
    .min(SCRIPT_LIMITS.memoryMb.min)
    .max(SCRIPT_LIMITS.memoryMb.max)
    .default(SCRIPT_LIMITS.memoryMb.default),
});
export type ScriptData = z.infer<typeof scriptDataSchema>;

export const scriptBlock = defineBlock({
  type: "script",
  label: "Script",
  description: "Runs JavaScript in a sandbox with declared inputs, outputs, hosts and secrets.",
  icon: "code",
  category: "action",
  dataSchema: scriptDataSchema,
  defaults: (): ScriptData => ({
    code: "return {};",
    inputMapping: [],
    inputSchema: [],
    outputSchema: [],
    outputMapping: [],
    allowedHosts: [],
    secrets: [],
    timeoutMs: SCRIPT_LIMITS.timeoutMs.default,
    memoryMb: SCRIPT_LIMITS.memoryMb.default,
  }),
  outputs: () => [
    { id: "success", label: "Success" },
    { id: "error", label: "Error" },
  ],
  waitsForCustomer: false,
  // A script's result reaches the customer only through variables used in later blocks, which the
  // runtime re-checks before sending; nothing here is customer-facing text.
  customerTexts: () => [],
  writesVariables: (d) => [...new Set(d.outputMapping.map((m) => m.variable).filter((v) => v !== ""))],
  summary: (d) => {
    const firstLine = d.code.split("\n").find((l) => l.trim() !== "") ?? "";
    return firstLine.trim() || "Empty script";
  },
});
