import { z } from "zod";

export const severitySchema = z.enum(["error", "warning"]);
export type Severity = z.infer<typeof severitySchema>;

/** Where in a text a finding points, as UTF-16 offsets into the text the marketer wrote. */
export const textSpanSchema = z.object({
  start: z.number().int().min(0),
  end: z.number().int().min(0),
});
export type TextSpan = z.infer<typeof textSpanSchema>;

/**
 * One problem the policy linter found. Errors block submission and publishing and cannot be
 * waived; warnings need a reviewer's acknowledgement.
 */
export const findingSchema = z.object({
  ruleId: z.string().min(1),
  severity: severitySchema,
  /** The block the problem is on; absent for flow-wide problems such as a missing start block. */
  blockId: z.string().optional(),
  /** The connection the problem is on (a connection from an output that does not exist). */
  edgeId: z.string().optional(),
  /** Dotted path inside the block's data, e.g. "buttons.1.title". */
  field: z.string().optional(),
  /** Plain language with a suggested fix, written for a marketer. */
  message: z.string().min(1),
  /** The offending characters inside `field`'s text, when the problem is a part of a text. */
  span: textSpanSchema.optional(),
});
export type Finding = z.infer<typeof findingSchema>;
