import { WHATSAPP_LIMITS } from "../../whatsapp/limits.ts";
import type { Rule, RuleHit } from "./rule.ts";

interface Button {
  id?: unknown;
  title?: unknown;
}

/** The reply-button rules WhatsApp enforces on a message: count, unique titles, unique and short ids. */
export const buttonLimits: Rule = {
  id: "buttonLimits",
  severity: "error",
  description: `A reply-button message has at most ${WHATSAPP_LIMITS.buttonsPerMessage} buttons with unique titles and ids of at most ${WHATSAPP_LIMITS.buttonId} characters.`,
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const node of ctx.nodes) {
      if (node.type !== "buttons" || !Array.isArray(node.data.buttons)) continue;
      const buttons = node.data.buttons as Button[];
      if (buttons.length > WHATSAPP_LIMITS.buttonsPerMessage) {
        hits.push({
          blockId: node.id,
          field: "buttons",
          message: `This block has ${buttons.length} buttons, but WhatsApp shows at most ${WHATSAPP_LIMITS.buttonsPerMessage}. Remove some, or use a List block for more options.`,
        });
      }
      const seen = new Map<string, number>();
      const ids = new Set<unknown>();
      buttons.forEach((b, i) => {
        if (ids.has(b.id)) {
          hits.push({
            blockId: node.id,
            field: `buttons.${i}.id`,
            message: `Button ${i + 1} has the same id as an earlier button. WhatsApp needs a different id for each; remove the button and add it again.`,
          });
        }
        ids.add(b.id);
        const title = typeof b.title === "string" ? b.title.trim().toLocaleLowerCase() : "";
        const first = seen.get(title);
        if (title !== "" && first !== undefined) {
          hits.push({
            blockId: node.id,
            field: `buttons.${i}.title`,
            message: `Button ${i + 1} has the same title as button ${first + 1} ("${String(b.title)}"). WhatsApp needs different titles; rename one.`,
          });
        } else if (title !== "") seen.set(title, i);
        if (typeof b.id === "string" && b.id.length > WHATSAPP_LIMITS.buttonId) {
          hits.push({
            blockId: node.id,
            field: `buttons.${i}.id`,
            message: `Button ${i + 1}'s id is longer than ${WHATSAPP_LIMITS.buttonId} characters; use a shorter id.`,
          });
        }
      });
    }
    return hits;
  },
};
