import type { OutboundMessage } from "../conversation/outboundMessage.ts";
import type { Finding } from "./finding.ts";
import { secretRequestInText } from "./rules/secretRequestInText.ts";
import { detectSecretRequest } from "./secretRequest/detectSecretRequest.ts";

/**
 * The runtime guard's check: runs the secret-request detector on every text of a message after
 * variables and script results are filled in, so a request that only appears at runtime
 * ("Send us your {{what}}" with what = "PIN") is still caught. Never throws.
 * @example checkOutboundMessage({ kind: "text", body: "Reply with your OTP" }).length === 1
 */
export function checkOutboundMessage(message: OutboundMessage): Finding[] {
  const findings: Finding[] = [];
  for (const { field, text } of outboundTexts(message)) {
    for (const f of detectSecretRequest(text).findings) {
      findings.push({
        ruleId: secretRequestInText.id,
        severity: secretRequestInText.severity,
        field,
        message: f.explanation,
        span: f.span,
      });
    }
  }
  return findings;
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
