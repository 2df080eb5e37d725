import { WHATSAPP_LIMITS } from "../../whatsapp/limits.ts";
import type { Rule, RuleHit } from "./rule.ts";

interface Section {
  rows?: Array<{ id?: unknown }>;
}

/** The list-message rules WhatsApp enforces: sections, total rows, unique and short row ids. */
export const listLimits: Rule = {
  id: "listLimits",
  severity: "error",
  description: `A list has 1–${WHATSAPP_LIMITS.listSections} sections, at most ${WHATSAPP_LIMITS.listRowsTotal} rows in total, and unique row ids of at most ${WHATSAPP_LIMITS.listRowId} characters.`,
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const node of ctx.nodes) {
      if (node.type !== "list" || !Array.isArray(node.data.sections)) continue;
      const sections = node.data.sections as Section[];
      if (sections.length > WHATSAPP_LIMITS.listSections) {
        hits.push({
          blockId: node.id,
          field: "sections",
          message: `This list has ${sections.length} sections, but WhatsApp allows at most ${WHATSAPP_LIMITS.listSections}. Merge some sections.`,
        });
      }
      sections.forEach((s, si) => {
        if (sections.length > 1 && (s.rows ?? []).length === 0)
          hits.push({
            blockId: node.id,
            field: `sections.${si}`,
            message: `Section ${si + 1} has no rows. WhatsApp refuses an empty section; add a row or remove the section.`,
          });
      });
      const rows = sections.flatMap((s, si) => (s.rows ?? []).map((r, ri) => ({ id: r.id, si, ri })));
      if (rows.length === 0) {
        hits.push({
          blockId: node.id,
          field: "sections",
          message: "This list has no rows. Add at least one option for the customer to choose.",
        });
      }
      if (rows.length > WHATSAPP_LIMITS.listRowsTotal) {
        hits.push({
          blockId: node.id,
          field: "sections",
          message: `This list has ${rows.length} rows, but WhatsApp allows at most ${WHATSAPP_LIMITS.listRowsTotal} across all sections. Remove ${rows.length - WHATSAPP_LIMITS.listRowsTotal}, or split the choice into two steps.`,
        });
      }
      const seen = new Set<string>();
      for (const r of rows) {
        if (typeof r.id !== "string") continue;
        const field = `sections.${r.si}.rows.${r.ri}.id`;
        if (seen.has(r.id)) {
          hits.push({
            blockId: node.id,
            field,
            message: `Row ${r.ri + 1} of section ${r.si + 1} reuses the id "${r.id}". Each row needs its own id so its path can be told apart.`,
          });
        }
        seen.add(r.id);
        if (r.id.length > WHATSAPP_LIMITS.listRowId) {
          hits.push({
            blockId: node.id,
            field,
            message: `Row ${r.ri + 1} of section ${r.si + 1} has an id longer than ${WHATSAPP_LIMITS.listRowId} characters; use a shorter id.`,
          });
        }
      }
    }
    return hits;
  },
};
