import { blockDefinition, type Flow, type OutboundMessage } from "@benteng/shared";

// Digits with optional single spaces or dashes between them, 13–19 digits long.
const CARD_CANDIDATE = /(?<![\d])\d(?:[ -]?\d){12,18}(?![\d])/g;
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
  let redacted = text.replace(CARD_CANDIDATE, (match) => {
    const digits = match.replace(/\D/g, "");
    if (!passesLuhn(digits)) return match;
    let keep = 4;
    return match
      .split("")
      .reverse()
      .map((c) => (/\d/.test(c) ? (keep-- > 0 ? c : "•") : c))
      .reverse()
      .join("");
  });
  if (options.afterSensitivePrompt) redacted = redacted.replace(SHORT_CODE, (m) => "•".repeat(m.length));
  return redacted;
}

/** Whether the block a conversation waits at asks for something a customer might answer with a code. */
export function isSensitivePrompt(flow: Flow, blockId: string | null): boolean {
  if (!blockId) return false;
  const node = flow.nodes.find((n) => n.id === blockId);
  if (!node) return false;
  const texts = blockDefinition(node.type).customerTexts(node.data as never);
  const variable = node.type === "question" ? node.data.variable : "";
  return (
    SENSITIVE_PROMPT.test(texts.map((t) => t.text).join(" ")) ||
    SENSITIVE_PROMPT.test(variable.replace(/_/g, " "))
  );
}

/** The transcript line for a message the bot sent. */
export function describeOutbound(message: OutboundMessage): string {
  switch (message.kind) {
    case "text":
      return message.mediaUrl ? `${message.body}\n${message.mediaUrl}` : message.body;
    case "buttons":
      return `${message.body}\n${message.buttons.map((b) => `[${b.title}]`).join(" ")}`;
    case "list":
      return `${message.body}\n${message.sections.flatMap((s) => s.rows.map((r) => `- ${r.title}`)).join("\n")}`;
  }
}

function passesLuhn(digits: string): boolean {
  if (digits.length < 13 || digits.length > 19) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}
