import { z } from "zod";
import { type BlockType, blockTypes } from "../blocks/registry.ts";
import { scriptErrorSchema } from "./scriptError.ts";

/**
 * How a block's turn ended: `next` followed the output named in `output`; `wait` stopped for the
 * customer's answer; `ended` / `handoff` finished the conversation here; `stopped` means the walk
 * could not go on (no path from the output taken, the loop guard, no start block); `none` is an
 * engine event outside any block (keywords, a message while an agent has the conversation).
 */
export const traceOutcomeSchema = z.enum(["next", "wait", "ended", "handoff", "stopped", "none"]);
export type TraceOutcome = z.infer<typeof traceOutcomeSchema>;

/** blockId of trace entries (and messages) the engine makes by itself, outside any block. */
export const SYSTEM_BLOCK_ID = "system";

/**
 * One step the engine took in a conversation: a block it entered (or resumed with the customer's
 * answer) and everything that happened there. Values are display text; the runtime stores them
 * redacted by the transcript's rules and encrypted.
 */
export const traceEntrySchema = z.object({
  blockId: z.string(),
  /** Null for engine events outside any block (blockId SYSTEM_BLOCK_ID). */
  blockType: z.enum(blockTypes as [BlockType, ...BlockType[]]).nullable(),
  /** enter: the walk arrived; resume: the customer answered while it waited here; system: see blockType. */
  action: z.enum(["enter", "resume", "system"]),
  outcome: traceOutcomeSchema,
  /** The output handle followed, when outcome is `next`. */
  output: z.string().optional(),
  /** Variables this block set, as text (name → value). */
  variables: z.record(z.string(), z.string()).optional(),
  /** A script block's run: its structured error when it failed. */
  script: z.object({ ok: z.boolean(), error: scriptErrorSchema.optional() }).optional(),
  /** The outbound guard's decision on each message this block sent, in order. */
  guard: z.array(z.object({ blocked: z.boolean(), reason: z.string().optional() })).optional(),
  /** How many messages the block queued for the customer. */
  sent: z.number().int().nonnegative().optional(),
  /** What the engine noted here (no customer data of its own). */
  notes: z.array(z.string()).optional(),
});
export type TraceEntry = z.infer<typeof traceEntrySchema>;

/** Longest variable value a trace keeps (longer ones end with "…"). */
export const TRACE_VALUE_LIMIT = 300;

/** A variable's value as a trace shows it: text as is, anything else as JSON, capped first. */
export function traceValue(value: unknown): string {
  let text: string;
  if (typeof value === "string")
    text = value.length > TRACE_VALUE_LIMIT * 4 ? value.slice(0, TRACE_VALUE_LIMIT * 4) : value;
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > TRACE_VALUE_LIMIT ? `${text.slice(0, TRACE_VALUE_LIMIT)}…` : text;
}

/** The ranges insights are shown over: since midnight UTC, or the last 7 or 30 days. */
export const insightRangeSchema = z.enum(["today", "7d", "30d"]);
export type InsightRange = z.infer<typeof insightRangeSchema>;

/** Where a range starts, seen at `now`. */
export function insightRangeStart(range: InsightRange, now: Date = new Date()): Date {
  if (range === "today") return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  return new Date(now.getTime() - (range === "7d" ? 7 : 30) * 24 * 60 * 60 * 1000);
}
