import type { TraceDetail } from "@benteng/db/queries/conversationTrace";
import {
  blockDefinition,
  type Flow,
  maskCardNumbers,
  type OutboundMessage,
  type TraceEntry,
} from "@benteng/shared";

const SHORT_CODE = /(?<![\d])\d{3,8}(?![\d])/g;

/**
 * Words that make a prompt "sensitive": whatever digits the customer sends next may be a code.
 * Over-matching only masks a harmless number in the transcript; under-matching would store a secret.
 */
const SENSITIVE_PROMPT =
  /\b(otp|pin|cvv|cvc|cvv2|tac|passcode|password|passwords|code|codes|kode|kod|c[oó]digo|clave|senha|sandi|verification|verifikasi|verificaci[oó]n|verifica[cç][aã]o|security)\b/iu;

/**
 * Masks what must never be stored in clear, even encrypted: card numbers (13–19 digits passing Luhn,
 * all but the last four digits masked) and, right after a sensitive prompt, 3–8 digit codes.
 */
export function redactTranscript(text: string, options: { afterSensitivePrompt?: boolean } = {}): string {
  let redacted = maskCardNumbers(text);
  if (options.afterSensitivePrompt) redacted = redacted.replace(SHORT_CODE, (m) => "•".repeat(m.length));
  return redacted;
}

// Answers per flow document and block, asked once or twice per message: a flow version is immutable
// and cached as one object (flowCache), so its answers live exactly as long as that object.
const sensitiveBlocks = new WeakMap<Flow, Map<string, boolean>>();

/** Whether the block a conversation waits at asks for something a customer might answer with a code. */
export function isSensitivePrompt(flow: Flow, blockId: string | null): boolean {
  if (!blockId) return false;
  let answers = sensitiveBlocks.get(flow);
  if (!answers) {
    answers = new Map();
    sensitiveBlocks.set(flow, answers);
  }
  let sensitive = answers.get(blockId);
  if (sensitive === undefined) {
    sensitive = blockAsksForCode(flow, blockId);
    if (answers.size < 10_000) answers.set(blockId, sensitive);
  }
  return sensitive;
}

function blockAsksForCode(flow: Flow, blockId: string): boolean {
  const node = flow.nodes.find((n) => n.id === blockId);
  if (!node) return false;
  const texts = blockDefinition(node.type).customerTexts(node.data as never);
  const variable = node.type === "question" ? node.data.variable : "";
  return (
    SENSITIVE_PROMPT.test(texts.map((t) => t.text).join(" ")) ||
    SENSITIVE_PROMPT.test(variable.replace(/_/g, " "))
  );
}

/**
 * The parts of a trace entry that may hold customer data, redacted by the transcript's rules: a
 * variable's value is masked like an answer to a sensitive prompt when the block asked for one or the
 * variable's name says it holds a code ("pin", "otp_code", "verificationCode"); card numbers are
 * masked everywhere, script error messages and guard reasons included. Undefined when there is nothing.
 */
export function redactTraceDetail(flow: Flow, entry: TraceEntry): TraceDetail | undefined {
  const detail: TraceDetail = {};
  if (entry.variables) {
    const sensitiveBlock = isSensitivePrompt(flow, entry.blockId);
    const variables: Record<string, string> = {};
    for (const [name, value] of Object.entries(entry.variables)) {
      const afterSensitivePrompt = sensitiveBlock || SENSITIVE_PROMPT.test(words(name));
      variables[name] = redactTranscript(value, { afterSensitivePrompt });
    }
    detail.variables = variables;
  }
  if (entry.script) {
    const { error } = entry.script;
    detail.script = error
      ? { ok: false, error: { ...error, message: redactTranscript(error.message) } }
      : { ok: entry.script.ok };
  }
  // Messages that passed are told by the clear columns (sent, guard_blocked): only a block's
  // decisions when one was blocked are kept, so most steps store no encrypted detail at all.
  if (entry.guard?.some((g) => g.blocked)) {
    detail.guard = entry.guard.map((g) =>
      g.reason === undefined ? g : { blocked: g.blocked, reason: redactTranscript(g.reason) },
    );
  }
  if (entry.notes) detail.notes = entry.notes.map((n) => redactTranscript(n));
  return Object.keys(detail).length > 0 ? detail : undefined;
}

/** "otpCode", "otp_code" and "otp-code" read as "otp code" (names are at most 64 characters). */
function words(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/[_-]/g, " ");
}

/** The transcript line for a message the bot sent. */
export function describeOutbound(message: OutboundMessage): string {
  switch (message.kind) {
    case "text":
      return message.mediaUrl ? `${message.body}\n${message.mediaUrl}` : message.body;
    case "media":
      return [
        `[${message.mediaType}${message.filename ? `: ${message.filename}` : ""}]`,
        message.caption,
        message.link,
      ]
        .filter(Boolean)
        .join("\n");
    case "buttons":
      return `${message.body}\n${message.buttons.map((b) => `[${b.title}]`).join(" ")}`;
    case "list":
      return `${message.body}\n${message.sections.flatMap((s) => s.rows.map((r) => `- ${r.title}`)).join("\n")}`;
    case "locationRequest":
      return `${message.body}\n[Send location]`;
    case "contacts":
      return message.contacts
        .map((c) =>
          [`[contact: ${c.name}]`, ...c.phones.map((p) => p.phone), ...c.emails.map((e) => e.email)].join(
            "\n",
          ),
        )
        .join("\n");
  }
}
