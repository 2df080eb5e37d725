import type {
  BlockType,
  ConversationState,
  Flow,
  FlowNodeOf,
  InboundEvent,
  OutboundMessage,
  TraceEntry,
} from "@benteng/shared";
import type { StepDeps } from "./stepDeps.ts";

/** Where the walk goes after a block. */
export type ExecutorOutcome =
  /** Follow the edge leaving this output handle. */
  | { next: string }
  /** Stop here until the customer answers (the block becomes `waitingAt`). */
  | { wait: true }
  /** The conversation stops: "ended" (next message starts over) or "handoff" (an agent takes over). */
  | { finish: "ended" | "handoff" };

/** What an executor may touch: the conversation's state, a way to send, and a log. */
export interface ExecutorContext {
  flow: Flow;
  state: ConversationState;
  deps: StepDeps;
  /** Queues a message; it is filled in, checked by the outbound guard and sent in order. */
  send(message: OutboundMessage): void;
  log(line: string): void;
  /** Adds what happened in the current block to the conversation's trace (e.g. a script's outcome). */
  trace(detail: Pick<TraceEntry, "script">): void;
}

/** How the engine runs one block type. */
export interface Executor<T extends BlockType> {
  /** The walk arrives at the block. */
  enter(node: FlowNodeOf<T>, ctx: ExecutorContext): ExecutorOutcome | Promise<ExecutorOutcome>;
  /** The customer answered while the conversation waited at this block (waiting blocks only). */
  resume?(node: FlowNodeOf<T>, event: InboundEvent, ctx: ExecutorContext): ExecutorOutcome;
}
