const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * Length of a text as a person sees it: extended grapheme clusters, so "👍🏽", "🇮🇩" and "é" written as
 * e + combining accent each count as one. WhatsApp's limits are stated in characters; counting
 * graphemes never under-counts a visible character and keeps emoji from eating a whole budget.
 * With `atMost`, counting stops past that many (the result is then atMost + 1): a limit check on a
 * 64 Ki customer message segments only as far as the limit, not the whole text.
 * @example visibleLength("Halo 👋🏽") === 6; visibleLength("abcdef", 3) === 4
 */
export function visibleLength(text: string, atMost = Number.POSITIVE_INFINITY): number {
  let n = 0;
  for (const _ of segmenter.segment(text)) if (++n > atMost) break;
  return n;
}
