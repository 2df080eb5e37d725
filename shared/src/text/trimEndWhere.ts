/**
 * `text` without the characters at its end for which `drop` holds (per UTF-16 unit). An index scan,
 * linear: the anchored-pattern way, `/[…]+$/`, backtracks quadratically on a long run of such
 * characters followed by anything else.
 * @example trimEndWhere("https://graph.example/v23.0//", (c) => c === "/") === "https://graph.example/v23.0"
 */
export function trimEndWhere(text: string, drop: (ch: string) => boolean): string {
  let end = text.length;
  while (end > 0 && drop(text[end - 1] as string)) end--;
  return end === text.length ? text : text.slice(0, end);
}
