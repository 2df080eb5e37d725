import {
  CONTACT_CARD_LIMITS,
  contactEmailProblem,
  contactPhoneProblem,
  contactUrlProblem,
} from "../../whatsapp/contactCard.ts";
import type { Rule, RuleHit } from "./rule.ts";

/**
 * A contact card holds what WhatsApp can show and the customer can use: at most 5 phones, e-mail
 * addresses and links each, phones as international numbers, e-mail addresses and http(s) links
 * that work when tapped, and at least one way to reach the contact. A value with {{variables}} is
 * checked once it is filled in, when the message is sent.
 */
export const contactCardFields: Rule = {
  id: "contactCardFields",
  severity: "error",
  description:
    "A contact card has at most 5 phones, e-mail addresses and links each; phones are international numbers (+62 …), e-mail addresses and https links work, and there is at least one of them.",
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const node of ctx.nodes) {
      if (node.type !== "contactCard") continue;
      const lists = [
        {
          key: "phones",
          value: "phone",
          label: "Phone",
          what: "phone numbers",
          problem: contactPhoneProblem,
        },
        {
          key: "emails",
          value: "email",
          label: "E-mail",
          what: "e-mail addresses",
          problem: contactEmailProblem,
        },
        { key: "urls", value: "url", label: "Link", what: "links", problem: contactUrlProblem },
      ] as const;
      let reachable = 0;
      for (const list of lists) {
        const entries = Array.isArray(node.data[list.key]) ? (node.data[list.key] as unknown[]) : [];
        if (entries.length > CONTACT_CARD_LIMITS.entries)
          hits.push({
            blockId: node.id,
            field: list.key,
            message: `The card has ${entries.length} ${list.what}; keep at most ${CONTACT_CARD_LIMITS.entries}.`,
          });
        entries.forEach((entry, i) => {
          const raw = (entry as Record<string, unknown> | null)?.[list.value];
          const text = typeof raw === "string" ? raw : "";
          if (text.trim() === "") {
            hits.push({
              blockId: node.id,
              field: `${list.key}.${i}.${list.value}`,
              message: `${list.label} ${i + 1} is empty. Fill it in or remove it.`,
            });
            return;
          }
          reachable++;
          if (text.includes("{{")) return;
          const problem = list.problem(text);
          if (problem)
            hits.push({
              blockId: node.id,
              field: `${list.key}.${i}.${list.value}`,
              message: `${list.label} ${i + 1} ${problem}.`,
            });
        });
      }
      if (reachable === 0)
        hits.push({
          blockId: node.id,
          field: "phones",
          message:
            "The card has no phone number, e-mail address or link: add one so the customer can reach the contact.",
        });
    }
    return hits;
  },
};
