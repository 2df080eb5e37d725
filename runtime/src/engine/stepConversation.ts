import {
  type BlockType,
  type BuiltInValues,
  CONTACT_CARD_LIMITS,
  type ConversationState,
  type Flow,
  type FlowNode,
  fillLinkTemplate,
  fillTemplate,
  type InboundEvent,
  MEDIA_CAPTION_LIMIT,
  MEDIA_FILENAME_LIMIT,
  MEDIA_URL_LIMIT,
  newConversationState,
  type OutboundMessage,
  outboundText,
  SAFETY_NOTICE,
  SYSTEM_BLOCK_ID,
  type TraceEntry,
  traceValue,
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
  /** Blocks entered in this step, in order. */
  visited: string[];
  /**
   * Every block the step entered or resumed, in order, with what happened there (output taken,
   * variables set, script outcome, guard decisions, messages sent); engine events outside blocks
   * (keywords, a message while an agent has the conversation) are SYSTEM_BLOCK_ID entries.
   */
  trace: TraceEntry[];
  logs: string[];
  /** Set when the walk stopped because of the loop guard. */
  loopGuardTripped?: boolean;
}

// The notice's words live beside the linter, which checks exactly what customers will read;
// SYSTEM_BLOCK_ID (the blockId of messages the engine sends by itself, such as keyword replies, and
// of trace entries outside any block) beside the trace's schema.
export { SAFETY_NOTICE, SYSTEM_BLOCK_ID } from "@benteng/shared";
export const BLOCKED_FALLBACK_TEXT =
  "Sorry, we can't send this message. A member of our team will follow up with you.";
export const DEFAULT_MAX_BLOCKS_PER_STEP = 200;

/**
 * Advances one conversation by one customer message: `(flow, state, event) → (state, outbound, logs)`.
 * Pure apart from `deps` (sandbox, outbound guard). `state` null means a new conversation. Customer
 * text only ever becomes data (variables, comparisons), never code, templates or patterns.
 * `builtIns` (contactName, contactPhone, channel) are set as variables before any block runs.
 */
export async function stepConversation(
  flow: Flow,
  state: ConversationState | null,
  event: InboundEvent,
  deps: StepDeps = {},
  builtIns?: BuiltInValues,
): Promise<StepResult> {
  const nodes = new Map<string, FlowNode>(flow.nodes.map((n) => [n.id, n]));
  const current: ConversationState = state ? structuredClone(state) : newConversationState();
  // Filled in on every step, so a renamed profile shows from the customer's next message on.
  if (builtIns) Object.assign(current.variables, builtIns);
  const outbound: StepResult["outbound"] = [];
  // What the customer has read so far this turn, for the guard (one entry per message sent).
  const readThisTurn: string[] = [];
  const visited: string[] = [];
  const logs: string[] = [];
  const trace: TraceEntry[] = [];
  let sendingBlock = SYSTEM_BLOCK_ID;
  // The trace entry of the block being run; null outside blocks (a system entry is made on demand).
  let entry: TraceEntry | null = null;
  const here = (): TraceEntry => {
    if (entry) return entry;
    const last = trace.at(-1);
    if (last?.action === "system") return last;
    const system: TraceEntry = {
      blockId: SYSTEM_BLOCK_ID,
      blockType: null,
      action: "system",
      outcome: "none",
    };
    trace.push(system);
    return system;
  };
  const note = (line: string): void => {
    logs.push(line);
    addNote(here(), line);
  };

  const ctx: ExecutorContext = {
    flow,
    state: current,
    deps,
    send: (message) => {
      const filled = fill(message, current.variables);
      if (filled.kind === "media" && filled.link === "") {
        note(`block ${sendingBlock} has no media link once its variables are filled in: nothing sent`);
        return;
      }
      const e = here();
      e.sent = (e.sent ?? 0) + 1;
      const sent = guard(filled, e);
      outbound.push({ blockId: sendingBlock, message: sent });
      readThisTurn.push(outboundText(sent));
    },
    log: note,
    trace: (detail) => Object.assign(here(), detail),
  };
  const guard = (message: OutboundMessage, e: TraceEntry): OutboundMessage => {
    const verdict = deps.guardOutbound?.(message, {
      workspaceId: deps.workspaceId,
      blockId: sendingBlock,
      earlier: readThisTurn,
      linkAllowlist: deps.linkAllowlist,
    });
    if (!verdict) return message;
    e.guard = [
      ...(e.guard ?? []),
      verdict.blocked ? { blocked: true, reason: verdict.reason ?? "policy" } : { blocked: false },
    ];
    if (!verdict.blocked) return message;
    note(`outbound message from block ${sendingBlock} blocked: ${verdict.reason ?? "policy"}; fallback sent`);
    return { kind: "text", body: BLOCKED_FALLBACK_TEXT };
  };
  const reset = (): void => {
    const fresh = newConversationState();
    Object.assign(current, fresh, { noticeShown: current.noticeShown });
    if (builtIns) Object.assign(current.variables, builtIns);
  };

  const walk = async (from: FlowNode, resumeWith?: InboundEvent): Promise<boolean> => {
    const max = deps.maxBlocksPerStep ?? DEFAULT_MAX_BLOCKS_PER_STEP;
    let node: FlowNode | undefined = from;
    let resuming = resumeWith;
    let executed = 0;
    while (node) {
      if (++executed > max) {
        const last = trace.at(-1);
        if (last && last.action !== "system") last.outcome = "stopped";
        note(
          `stopped after ${max} blocks without waiting for the customer: the flow loops; conversation ended`,
        );
        current.status = "ended";
        current.waitingAt = null;
        return true;
      }
      sendingBlock = node.id;
      const executor = executors[node.type] as unknown as Executor<BlockType>;
      const resumes = !!(resuming && executor.resume);
      const visit: TraceEntry = {
        blockId: node.id,
        blockType: node.type,
        action: resumes ? "resume" : "enter",
        outcome: "none",
      };
      trace.push(visit);
      entry = visit;
      const before = { ...current.variables };
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
      } finally {
        recordVariables(visit, before, current.variables);
        entry = null;
      }
      resuming = undefined;
      if ("wait" in outcome) {
        visit.outcome = "wait";
        current.status = "active";
        current.waitingAt = node.id;
        return false;
      }
      if ("finish" in outcome) {
        visit.outcome = outcome.finish;
        current.status = outcome.finish;
        current.waitingAt = outcome.finish === "handoff" ? node.id : null;
        current.attempts = 0;
        return false;
      }
      visit.outcome = "next";
      visit.output = outcome.next;
      const edge = flow.edges.find((e) => e.source === node?.id && e.sourceHandle === outcome.next);
      if (!edge) {
        visit.outcome = "stopped";
        addNote(visit, `no path for "${outcome.next}": conversation ended`);
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
      note("the flow has no start block: nothing to do");
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
    note("customer sent a stop keyword: conversation ended");
    if (keyword.reply) ctx.send({ kind: "text", body: keyword.reply });
  } else if (keyword?.action === "restart") {
    note("customer sent a restart keyword: flow started again");
    if (keyword.reply) ctx.send({ kind: "text", body: keyword.reply });
    loopGuardTripped = await startOver();
  } else if (keyword?.action === "help") {
    note("customer asked for help");
    if (keyword.reply) ctx.send({ kind: "text", body: keyword.reply });
    // Help before any conversation started leaves it idle: the next message starts the flow normally.
    if (isNew) current.status = "ended";
  } else if (isNew) {
    if (state?.status === "ended") reset();
    const keywords = start?.type === "start" ? start.data.keywords : [];
    if (keywords.length > 0 && !matchesStartKeyword(event.text, keywords)) {
      current.status = "ended";
      note("first message matches none of the start keywords: the bot stays idle");
    } else {
      loopGuardTripped = await startOver();
    }
  } else if (current.status === "handoff") {
    note("conversation is with an agent: the bot stays silent");
  } else {
    const waiting = current.waitingAt ? nodes.get(current.waitingAt) : undefined;
    if (!waiting) {
      note(`waiting block ${current.waitingAt ?? "(none)"} is not in this flow version: flow started again`);
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
    trace,
    logs,
    ...(loopGuardTripped ? { loopGuardTripped } : {}),
  };
}

/** Adds the variables a block set (new or changed values) to its trace entry, as text. */
function recordVariables(
  entry: TraceEntry,
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
): void {
  let set: Record<string, string> | undefined;
  for (const name of Object.keys(after)) {
    const value = after[name];
    if (Object.hasOwn(before, name) && Object.is(before[name], value)) continue;
    set ??= {};
    set[name] = traceValue(value);
  }
  if (set) entry.variables = set;
}

function addNote(entry: TraceEntry, line: string): void {
  if (entry.notes) entry.notes.push(line);
  else entry.notes = [line];
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

/**
 * Fills `{{var}}` in every text a customer reads; values are inserted as plain text. Each text stops
 * at its WhatsApp limit (the API refuses longer ones), so the outbound guard after this only ever
 * checks texts of bounded length, however long the customer's answers were.
 */
function fill(message: OutboundMessage, variables: Record<string, unknown>): OutboundMessage {
  const f = (text: string, limit: number) => fillTemplate(text, variables, limit);
  const opt = (text: string | undefined, limit: number) =>
    text === undefined ? {} : { value: f(text, limit) };
  const L = WHATSAPP_LIMITS;
  switch (message.kind) {
    case "text":
      return { ...message, body: f(message.body, L.textBody) };
    case "media":
      return {
        ...message,
        link: fillLinkTemplate(message.link, variables, MEDIA_URL_LIMIT) ?? "",
        ...(message.caption === undefined ? {} : { caption: f(message.caption, MEDIA_CAPTION_LIMIT) }),
        ...(message.filename === undefined ? {} : { filename: f(message.filename, MEDIA_FILENAME_LIMIT) }),
      };
    case "buttons": {
      const header = opt(message.header, L.header);
      const footer = opt(message.footer, L.footer);
      return {
        kind: "buttons",
        ...("value" in header ? { header: header.value } : {}),
        body: f(message.body, L.interactiveBody),
        ...("value" in footer ? { footer: footer.value } : {}),
        buttons: message.buttons.map((b) => ({ id: b.id, title: f(b.title, L.buttonTitle) })),
      };
    }
    case "list": {
      const header = opt(message.header, L.header);
      const footer = opt(message.footer, L.footer);
      return {
        kind: "list",
        ...("value" in header ? { header: header.value } : {}),
        body: f(message.body, L.interactiveBody),
        ...("value" in footer ? { footer: footer.value } : {}),
        button: f(message.button, L.listButtonText),
        sections: message.sections.map((s) => ({
          title: f(s.title, L.listSectionTitle),
          rows: s.rows.map((r) => ({
            ...r,
            title: f(r.title, L.listRowTitle),
            ...(r.description ? { description: f(r.description, L.listRowDescription) } : {}),
          })),
        })),
      };
    }
    case "locationRequest":
      return { kind: "locationRequest", body: f(message.body, L.locationRequestBody) };
    case "contacts": {
      const C = CONTACT_CARD_LIMITS;
      const o = (text: string | undefined) => (text === undefined ? undefined : f(text, C.field));
      return {
        kind: "contacts",
        contacts: message.contacts.map((c) => ({
          name: f(c.name, C.name),
          firstName: o(c.firstName),
          lastName: o(c.lastName),
          company: o(c.company),
          title: o(c.title),
          phones: c.phones.map((p) => ({ ...p, phone: f(p.phone, C.phone) })),
          emails: c.emails.map((e) => ({ ...e, email: f(e.email, C.email) })),
          urls: c.urls.map((u) => ({ ...u, url: f(u.url, C.url) })),
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
  if (first.message.kind === "media" || first.message.kind === "contacts") {
    outbound.unshift({ blockId: SYSTEM_BLOCK_ID, message: { kind: "text", body: SAFETY_NOTICE } });
    return;
  }
  const limit =
    first.message.kind === "text"
      ? WHATSAPP_LIMITS.textBody
      : first.message.kind === "locationRequest"
        ? WHATSAPP_LIMITS.locationRequestBody
        : WHATSAPP_LIMITS.interactiveBody;
  const body = first.message.body ? `${first.message.body}\n\n${SAFETY_NOTICE}` : SAFETY_NOTICE;
  if (visibleLength(body) <= limit) first.message = { ...first.message, body };
  else outbound.unshift({ blockId: SYSTEM_BLOCK_ID, message: { kind: "text", body: SAFETY_NOTICE } });
}
