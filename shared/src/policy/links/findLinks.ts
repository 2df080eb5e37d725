/** A link written in a text: what it points to and where it is. */
export interface FoundLink {
  /** The link as written. */
  url: string;
  /** Lowercase host without "www." and without a port. */
  host: string;
  start: number;
  end: number;
  /** "https://bank.com@evil.example": text before "@" that makes a link look like it goes elsewhere. */
  disguisedBy?: string;
}

// With a scheme anything host-like counts; without one only "www." or a top-level domain people
// actually see in messages, so "statement.pdf" or "v1.2" are not taken for links.
const LINK =
  /(?<![@\w.-])(?:(https?:\/\/)([^\s/?#<>"'`]+)|((?:www\.)?(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+(?:com|net|org|info|biz|io|co|me|ly|gl|gd|at|cc|to|id|my|sg|in|es|mx|ar|cl|pe|br|pt|uk|us|app|link|xyz|site|online|shop|store|top|click|live|club|vip|icu|win|page|tk|ml|ga|cf|gq|ee|be|la|su|ws|ru|cn)(?::\d{1,5})?))(?=[/?#:\s)\]>"',.!;]|$)[^\s<>"']*/giu;

const MAYBE_LINK = /[\p{L}\p{N}]\.[\p{L}\p{N}]/u;

/**
 * Finds the links in a customer-facing text, with or without "https://".
 * @example findLinks("Pay at bit.ly/x now")[0].host === "bit.ly"
 */
export function findLinks(text: string): FoundLink[] {
  const links: FoundLink[] = [];
  // Every link has a dot between two name characters; most texts don't, so they skip the big pattern.
  if (!MAYBE_LINK.test(text)) return links;
  LINK.lastIndex = 0;
  for (let m = LINK.exec(text); m; m = LINK.exec(text)) {
    // Sentence punctuation right after a link belongs to the sentence.
    const url = m[0].replace(/[.,!?;:)\]]+$/, "");
    const rawHost = (m[2] ?? m[3] ?? "").replace(/:\d+$/, "").replace(/\.$/, "");
    const at = rawHost.lastIndexOf("@");
    const host = rawHost
      .slice(at + 1)
      .toLowerCase()
      .replace(/^www\./, "");
    if (!host) continue;
    const link: FoundLink = { url, host, start: m.index, end: m.index + url.length };
    if (at >= 0) link.disguisedBy = rawHost.slice(0, at);
    links.push(link);
  }
  return links;
}
