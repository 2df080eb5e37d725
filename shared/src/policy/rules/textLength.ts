import { visibleLength } from "../../text/visibleLength.ts";
import { customerTextsOf, type Rule, type RuleHit } from "./rule.ts";

/** WhatsApp rejects over-long texts (and other builders truncate them silently); we refuse them early. */
export const textLength: Rule = {
  id: "textLength",
  severity: "error",
  description: "Customer-facing texts must fit WhatsApp's length limits (counted as visible characters).",
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const node of ctx.nodes) {
      for (const t of customerTextsOf(node)) {
        if (t.limit === undefined) continue;
        // Cheap pre-check: a text can't have more visible characters than UTF-16 units.
        if (t.text.length <= t.limit) continue;
        const length = visibleLength(t.text);
        if (length <= t.limit) continue;
        hits.push({
          blockId: node.id,
          field: t.field,
          message: `${t.label} is ${length} characters long, but WhatsApp allows at most ${t.limit}. Shorten it by ${length - t.limit} characters.`,
          span: { start: offsetOfGrapheme(t.text, t.limit), end: t.text.length },
        });
      }
    }
    return hits;
  },
};

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** UTF-16 offset where the n-th visible character starts, so the editor can highlight the overflow. */
function offsetOfGrapheme(text: string, n: number): number {
  let i = 0;
  for (const s of segmenter.segment(text)) {
    if (i === n) return s.index;
    i++;
  }
  return text.length;
}
