import type { ColumnType, Generated, Selectable } from "kysely";

/** One step of a conversation's trace (see the migration 2026_12_05_0140_conversation_trace). */
export interface ConversationTraceTable {
  id: Generated<string>;
  conversation_id: string;
  block_id: string;
  block_type: string | null;
  action: "enter" | "resume" | "system";
  outcome: "next" | "wait" | "ended" | "handoff" | "stopped" | "none";
  output: string | null;
  error_kind: string | null;
  sent: Generated<number>;
  guard_blocked: Generated<boolean>;
  /** Variables set, script error, guard reasons and notes: redacted, encrypted JSON. */
  detail_enc: string | null;
  created_at: ColumnType<Date, never, never>;
}
export type ConversationTraceRow = Selectable<ConversationTraceTable>;
