import type { OutboundMessage } from "../conversation/outboundMessage.ts";
import type { Finding } from "./finding.ts";
import { secretRequestInText } from "./rules/secretRequestInText.ts";
import { detectSecretRequest, MAX_CHECKED_LENGTH } from "./secretRequest/detectSecretRequest.ts";

export interface OutboundCheckOptions {
  /**
   * What the customer has read since they last wrote (earlier messages of this turn, an agent's
   * earlier replies): a request split over messages ("reply in the next message with your" … "ATM
   * PIN") is judged as one text with them.
   */
  earlier?: readonly string[];
  /** The workspace's allow-listed hosts: a log-in or verify link elsewhere is a request (see detectSecretRequest). */
  linkAllowlist?: string[];
}

/**
 * The runtime guard's check: runs the secret-request detector on every text of a message after
 * variables and script results are filled in, so a request that only appears at runtime
 * ("Send us your {{what}}" with what = "PIN") is still caught; then on the message read after what
 * the customer read just before it. Never throws.
 * @example checkOutboundMessage({ kind: "text", body: "Reply with your OTP" }).length === 1
 */
export function checkOutboundMessage(
  message: OutboundMessage,
  options: OutboundCheckOptions = {},
): Finding[] {
  const detectOptions = options.linkAllowlist ? { linkAllowlist: options.linkAllowlist } : {};
  const findings: Finding[] = [];
  const texts = outboundTexts(message);
  for (const { field, text } of texts) {
    for (const f of detectSecretRequest(text, detectOptions).findings) {
      findings.push({
        ruleId: secretRequestInText.id,
        severity: secretRequestInText.severity,
        field,
        message: f.explanation,
        span: f.span,
      });
    }
  }
  if (findings.length > 0 || !options.earlier?.length) return findings;
  const own = texts.map((t) => t.text).join(" ");
  // The context is cut from its start so that context and message together stay within what the
  // detector reads (a message over that length was already held back above).
  const room = MAX_CHECKED_LENGTH - own.length - 1;
  if (room <= 0) return findings;
  const context = options.earlier.join(" ").slice(-room);
  for (const f of detectSecretRequest(`${context} ${own}`, detectOptions).findings) {
    // What was read before was judged when it was sent: only a request reaching into this one counts.
    if (f.span.end <= context.length + 1) continue;
    findings.push({
      ruleId: secretRequestInText.id,
      severity: secretRequestInText.severity,
      field: "body",
      message: `Read together with the messages just before it: ${f.explanation}`,
    });
  }
  return findings;
}

/** Every text of a message the customer reads, in order, as one string (for the guard's context). */
export function outboundText(message: OutboundMessage): string {
  return outboundTexts(message)
    .map((t) => t.text)
    .join(" ");
}

/** Every text of a message the customer will read, with its path in the message. */
function outboundTexts(message: OutboundMessage): Array<{ field: string; text: string }> {
  const texts: Array<{ field: string; text: string }> = [];
  const add = (field: string, text: string | undefined) => {
    if (typeof text === "string" && text !== "") texts.push({ field, text });
  };
  switch (message.kind) {
    case "text":
      add("body", message.body);
      break;
    case "media":
      add("caption", message.caption);
      add("filename", message.filename);
      add("link", message.link);
      break;
    case "buttons":
      add("header", message.header);
      add("body", message.body);
      add("footer", message.footer);
      for (const [i, b] of message.buttons.entries()) add(`buttons.${i}.title`, b.title);
      break;
    case "list":
      add("header", message.header);
      add("body", message.body);
      add("footer", message.footer);
      add("button", message.button);
      message.sections.forEach((s, si) => {
        add(`sections.${si}.title`, s.title);
        s.rows.forEach((r, ri) => {
          add(`sections.${si}.rows.${ri}.title`, r.title);
          add(`sections.${si}.rows.${ri}.description`, r.description);
        });
      });
      break;
    case "locationRequest":
      add("body", message.body);
      break;
    case "contacts":
      message.contacts.forEach((c, ci) => {
        const at = `contacts.${ci}`;
        for (const key of ["name", "firstName", "lastName", "company", "title"] as const)
          add(`${at}.${key}`, c[key]);
        for (const [i, p] of c.phones.entries()) add(`${at}.phones.${i}.phone`, p.phone);
        for (const [i, e] of c.emails.entries()) add(`${at}.emails.${i}.email`, e.email);
        for (const [i, u] of c.urls.entries()) add(`${at}.urls.${i}.url`, u.url);
      });
      break;
  }
  return texts;
}
