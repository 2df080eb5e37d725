const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * Length of a text as a person sees it: extended grapheme clusters, so "👍🏽", "🇮🇩" and "é" written as
 * e + combining accent each count as one. WhatsApp's limits are stated in characters; counting
 * graphemes never under-counts a visible character and keeps emoji from eating a whole budget.
 * @example visibleLength("Halo 👋🏽") === 6
 */
export function visibleLength(text: string): number {
  let n = 0;
  for (const _ of segmenter.segment(text)) n++;
  return n;
}
