import {
  type BlockType,
  type ConversationState,
  type Flow,
  type FlowNode,
  fillTemplate,
  type InboundEvent,
  newConversationState,
  type OutboundMessage,
  SAFETY_NOTICE,
  visibleLength,
  WHATSAPP_LIMITS,
} from "@benteng/shared";
import type { Executor, ExecutorContext, ExecutorOutcome } from "./executor.ts";
import { executors } from "./executors.ts";
import { DEFAULT_KEYWORDS, matchKeyword } from "./keywords.ts";
import type { StepDeps } from "./stepDeps.ts";

export interface StepResult {
  state: ConversationState;
  /** In sending order. blockId is SYSTEM_BLOCK_ID for keyword replies and the safety fallback. */
  outbound: Array<{ blockId: string; message: OutboundMessage }>;
  /** Blocks entered in this step, in order (visit counts on the canvas). */
  visited: string[];
  logs: string[];
  /** Set when the walk stopped because of the loop guard. */
  loopGuardTripped?: boolean;
}

/** blockId of messages the engine sends by itself (keyword replies). */
export const SYSTEM_BLOCK_ID = "system";
// The notice's words live beside the linter, which checks exactly what customers will read.
export { SAFETY_NOTICE } from "@benteng/shared";
export const BLOCKED_FALLBACK_TEXT =
  "Sorry, we can't send this message. A member of our team will follow up with you.";
export const DEFAULT_MAX_BLOCKS_PER_STEP = 200;

/**
 * Advances one conversation by one customer message: `(flow, state, event) → (state, outbound, logs)`.
 * Pure apart from `deps` (sandbox, outbound guard). `state` null means a new conversation. Customer
 * text only ever becomes data (variables, comparisons), never code, templates or patterns.
 */
export async function stepConversation(
  flow: Flow,
  state: ConversationState | null,
  event: InboundEvent,
  deps: StepDeps = {},
): Promise<StepResult> {
  const nodes = new Map<string, FlowNode>(flow.nodes.map((n) => [n.id, n]));
  const current: ConversationState = state ? structuredClone(state) : newConversationState();
  const outbound: StepResult["outbound"] = [];
  const visited: string[] = [];
  const logs: string[] = [];
  let sendingBlock = SYSTEM_BLOCK_ID;

  const ctx: ExecutorContext = {
    flow,
    state: current,
    deps,
    send: (message) =>
      outbound.push({ blockId: sendingBlock, message: guard(fill(message, current.variables)) }),
    log: (line) => logs.push(line),
  };
  const guard = (message: OutboundMessage): OutboundMessage => {
    const verdict = deps.guardOutbound?.(message, { workspaceId: deps.workspaceId, blockId: sendingBlock });
    if (!verdict?.blocked) return message;
    logs.push(
      `outbound message from block ${sendingBlock} blocked: ${verdict.reason ?? "policy"}; fallback sent`,
    );
    return { kind: "text", body: BLOCKED_FALLBACK_TEXT };
  };
  const reset = (): void => {
    const fresh = newConversationState();
    Object.assign(current, fresh, { noticeShown: current.noticeShown });
  };

  const walk = async (from: FlowNode, resumeWith?: InboundEvent): Promise<boolean> => {
    const max = deps.maxBlocksPerStep ?? DEFAULT_MAX_BLOCKS_PER_STEP;
    let node: FlowNode | undefined = from;
    let resuming = resumeWith;
    let executed = 0;
    while (node) {
      if (++executed > max) {
        logs.push(
          `stopped after ${max} blocks without waiting for the customer: the flow loops; conversation ended`,
        );
        current.status = "ended";
        current.waitingAt = null;
        return true;
      }
      sendingBlock = node.id;
      const executor = executors[node.type] as unknown as Executor<BlockType>;
      let outcome: ExecutorOutcome;
      try {
        if (resuming && executor.resume) {
          outcome = executor.resume(node as never, resuming, ctx);
        } else {
          visited.push(node.id);
          outcome = await executor.enter(node as never, ctx);
        }
      } catch (e) {
        // An unexpected failure is reported with the block that caused it (not the customer's fault).
        throw new Error(
          `block ${node.id} (${node.type}) failed: ${e instanceof Error ? e.message : String(e)}`,
          {
            cause: e,
          },
        );
      }
      resuming = undefined;
      if ("wait" in outcome) {
        current.status = "active";
        current.waitingAt = node.id;
        return false;
      }
      if ("finish" in outcome) {
        current.status = outcome.finish;
        current.waitingAt = outcome.finish === "handoff" ? node.id : null;
        current.attempts = 0;
        return false;
      }
      const edge = flow.edges.find((e) => e.source === node?.id && e.sourceHandle === outcome.next);
      if (!edge) {
        logs.push(`block ${node.id} has no path for "${outcome.next}": conversation ended`);
        current.status = "ended";
        current.waitingAt = null;
        return false;
      }
      node = nodes.get(edge.target);
    }
    return false;
  };

  const start = flow.nodes.find((n) => n.type === "start");
  const startOver = async (): Promise<boolean> => {
    reset();
    if (!start) {
      logs.push("the flow has no start block: nothing to do");
      current.status = "ended";
      return false;
    }
    return walk(start);
  };

  let loopGuardTripped = false;
  const keyword = matchKeyword(event.text, deps.keywords ?? DEFAULT_KEYWORDS);
  const isNew = state === null || state.status === "ended";

  if (keyword?.action === "stop") {
    reset();
    current.status = "ended";
    logs.push("customer sent a stop keyword: conversation ended");
    if (keyword.reply) ctx.send({ kind: "text", body: keyword.reply });
  } else if (keyword?.action === "restart") {
    logs.push("customer sent a restart keyword: flow started again");
    if (keyword.reply) ctx.send({ kind: "text", body: keyword.reply });
    loopGuardTripped = await startOver();
  } else if (keyword?.action === "help") {
    logs.push("customer asked for help");
    if (keyword.reply) ctx.send({ kind: "text", body: keyword.reply });
    // Help before any conversation started leaves it idle: the next message starts the flow normally.
    if (isNew) current.status = "ended";
  } else if (isNew) {
    if (state?.status === "ended") reset();
    const keywords = start?.type === "start" ? start.data.keywords : [];
    if (keywords.length > 0 && !matchesStartKeyword(event.text, keywords)) {
      current.status = "ended";
      logs.push("first message matches none of the start keywords: the bot stays idle");
    } else {
      loopGuardTripped = await startOver();
    }
  } else if (current.status === "handoff") {
    logs.push("conversation is with an agent: the bot stays silent");
  } else {
    const waiting = current.waitingAt ? nodes.get(current.waitingAt) : undefined;
    if (!waiting) {
      logs.push(
        `waiting block ${current.waitingAt ?? "(none)"} is not in this flow version: flow started again`,
      );
      loopGuardTripped = await startOver();
    } else {
      loopGuardTripped = await walk(waiting, event);
    }
  }

  if (flow.settings.safetyNotice && !current.noticeShown && outbound.length > 0) {
    addSafetyNotice(outbound);
    current.noticeShown = true;
  }
  return {
    // `current` is a copy of a state parsed when it was read (or a fresh one) that only this function
    // changed through typed code: parsing it again would only cost time on every message.
    state: current,
    outbound,
    visited,
    logs,
    ...(loopGuardTripped ? { loopGuardTripped } : {}),
  };
}

/** Start keywords match the whole message or a whole word in it, ignoring case. */
function matchesStartKeyword(text: string, keywords: string[]): boolean {
  const words = new Set(
    text
      .toLocaleLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean),
  );
  const whole = text.trim().toLocaleLowerCase();
  return keywords.some((k) => {
    const keyword = k.trim().toLocaleLowerCase();
    return (
      whole === keyword ||
      (!/\s/.test(keyword) && words.has(keyword)) ||
      (/\s/.test(keyword) && whole.includes(keyword))
    );
  });
}

/** Fills `{{var}}` in every text a customer reads; values are inserted as plain text. */
function fill(message: OutboundMessage, variables: Record<string, unknown>): OutboundMessage {
  const f = (text: string) => fillTemplate(text, variables);
  const opt = (text: string | undefined) => (text === undefined ? {} : { value: f(text) });
  switch (message.kind) {
    case "text":
      return { ...message, body: f(message.body) };
    case "buttons": {
      const header = opt(message.header);
      const footer = opt(message.footer);
      return {
        kind: "buttons",
        ...("value" in header ? { header: header.value } : {}),
        body: f(message.body),
        ...("value" in footer ? { footer: footer.value } : {}),
        buttons: message.buttons.map((b) => ({ id: b.id, title: f(b.title) })),
      };
    }
    case "list": {
      const header = opt(message.header);
      const footer = opt(message.footer);
      return {
        kind: "list",
        ...("value" in header ? { header: header.value } : {}),
        body: f(message.body),
        ...("value" in footer ? { footer: footer.value } : {}),
        button: f(message.button),
        sections: message.sections.map((s) => ({
          title: f(s.title),
          rows: s.rows.map((r) => ({
            ...r,
            title: f(r.title),
            ...(r.description ? { description: f(r.description) } : {}),
          })),
        })),
      };
    }
  }
}

/**
 * Appends the notice to the first message's body when it still fits WhatsApp's limit; otherwise sends
 * it as its own text first, so the customer always reads it before anything else.
 */
function addSafetyNotice(outbound: StepResult["outbound"]): void {
  const first = outbound[0];
  if (!first) return;
  const limit = first.message.kind === "text" ? WHATSAPP_LIMITS.textBody : WHATSAPP_LIMITS.interactiveBody;
  const body = first.message.body ? `${first.message.body}\n\n${SAFETY_NOTICE}` : SAFETY_NOTICE;
  if (visibleLength(body) <= limit) first.message = { ...first.message, body };
  else outbound.unshift({ blockId: SYSTEM_BLOCK_ID, message: { kind: "text", body: SAFETY_NOTICE } });
}
