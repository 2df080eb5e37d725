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
const TOP_LEVEL_DOMAINS = new Set(
  "com net org info biz io co me ly gl gd at cc to id my sg in es mx ar cl pe br pt uk us app link xyz site online shop store top click live club vip icu win page tk ml ga cf gq ee be la su ws ru cn fr de it nl ch ca au nz ph eg sa ae qa kw om bh jo lb ma dz tn pk bd lk np ng ke za tr vn th tw hk jp kr gov edu tv ai cloud support help services center digital network today bond cyou sbs cfd rest mobi pro do gy pw ro pl cz gr se dk fi ie".split(
    " ",
  ),
);

// Top-level domains phishing texts favour and prose never ends a word with: "secure-bank . com"
// written with spaces is still a link when it ends in one of these.
const STRONG_TOP_LEVEL_DOMAINS = new Set(
  "com net org info biz xyz site online shop store top click live club vip icu win app link cyou sbs cfd rest bond mobi support help services center digital network".split(
    " ",
  ),
);

// Runs of characters a link can be part of; each is read by hand below, in one pass.
const CHUNK = /[^\s<>"'`]+/g;
const NAME_CHAR = /[\p{L}\p{N}]/u;
// What may follow a host without a scheme: a path, a port, closing punctuation or the end.
const AFTER_HOST = new Set(["/", "?", "#", ":", ")", "]", ">", '"', "'", ",", ".", "!", ";"]);
const TRAILING = new Set([".", ",", "!", "?", ";", ":", ")", "]"]);

// A dot between two name characters, or a link written apart or defanged: "bank . com", "bit. ly/x",
// "bank[.]com", "bank dot com", "https:// bank.com".
const MAYBE_LINK =
  /[\p{L}\p{N}]\.[\p{L}\p{N}]|\s\.\s?[a-z]|[\p{L}\p{N}]\.\s[a-z]{2,8}\/|[[({](?:\.|dot)[\])}]|\sdot\s|:\/\/\s/iu;

/**
 * Finds the links in a customer-facing text, with or without "https://".
 * @example findLinks("Pay at bit.ly/x now")[0].host === "bit.ly"
 */
export function findLinks(text: string): FoundLink[] {
  // Every link has a dot between two name characters; most texts don't, so they skip the big pattern.
  if (!MAYBE_LINK.test(text)) return [];
  // The editor lints on every keystroke: a text read a moment ago has the same links (copies are
  // handed out, so a caller may change its own).
  const known = recent.get(text);
  if (known) return known.map((l) => ({ ...l }));
  const links = scan(text);
  recent.set(text, links);
  recentChars += text.length;
  while (recent.size > 2_000 || recentChars > 2_000_000) {
    const oldest = recent.keys().next().value as string;
    recent.delete(oldest);
    recentChars -= oldest.length;
  }
  return links.map((l) => ({ ...l }));
}

const recent = new Map<string, FoundLink[]>();
let recentChars = 0;

function scan(text: string): FoundLink[] {
  const chunks: Array<{ text: string; start: number }> = [];
  CHUNK.lastIndex = 0;
  for (let m = CHUNK.exec(text); m; m = CHUNK.exec(text)) chunks.push({ text: m[0], start: m.index });
  const links: FoundLink[] = [];
  // Most texts have no link written apart or defanged: those are looked for only where they can be.
  const apart = APART.test(text);
  const defanged = DEFANGED.test(text);
  for (let i = 0; i < chunks.length; i++) {
    const chunk = chunks[i] as { text: string; start: number };
    const spaced = apart ? spacedLink(text, chunks, i) : undefined;
    if (spaced) {
      links.push(spaced.link);
      i += spaced.used - 1;
      continue;
    }
    const link =
      defanged && DEFANGED.test(chunk.text)
        ? defangedLink(chunk.text, chunk.start)
        : linkIn(chunk.text, chunk.start);
    if (link) links.push(link);
  }
  return links;
}

// Links written so that they are not clickable ("defanged"): "hxxps://", "bank[.]com", "bank(dot)com".
const DEFANGED = /h[xX]{2}ps?(?:\[:\]|:)\/\/|[[({](?:\.|dot)[\])}]/i;
const DEFANGED_DOT = /[[({](?:\.|dot)[\])}]/gi;

/** A defanged link in one run of non-space characters, read as the link it stands for. */
function defangedLink(chunk: string, offset: number): FoundLink | undefined {
  const plain = chunk.replace(/h[xX]{2}p(s?)(?:\[:\]|:)\/\//gi, "http$1://").replace(DEFANGED_DOT, ".");
  const link = linkIn(plain, 0);
  if (!link) return undefined;
  // The span covers the run as written (its trailing punctuation aside): lengths differ after reading.
  let end = chunk.length;
  while (end > 0 && TRAILING.has(chunk[end - 1] as string)) end--;
  let start = 0;
  while (start < end && !NAME_CHAR.test(chunk[start] as string)) start++;
  return { ...link, url: chunk.slice(start, end), start: offset + start, end: offset + end };
}

// Where a link may be written apart: a dot or "dot" standing alone or at a word's edge before a
// top-level domain, or a scheme followed by a space.
const APART = /\s\.|\.\s[a-z]{2,8}\/|\sdot\s|[[({](?:\.|dot)[\])}]\s|:\/\/\s/i;

const SCHEME_ALONE = /^(?:https?|h[xX]{2}ps?):\/\/$/i;
const DOT_WORD = /^(?:\.|dot|\[dot\]|\(dot\)|\[\.\]|\(\.\))$/i;
const HOST_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u;

/**
 * A link broken by spaces so that it is not clickable but still read: "https:// bank-verify.com",
 * "secure-bank . com/login", "bit .ly/x", "bit. ly/x", "bank-login dot com". The parts must look
 * like a host: a label before the dot and, after it, a top-level domain that prose does not end a
 * word with, or a path, or a label with a hyphen or digit ("Call me. Info below" is no link).
 */
function spacedLink(
  text: string,
  chunks: Array<{ text: string; start: number }>,
  i: number,
): { link: FoundLink; used: number } | undefined {
  const a = chunks[i] as { text: string; start: number };
  const b = chunks[i + 1];
  if (!b) return undefined;
  const finish = (joined: string, used: number): { link: FoundLink; used: number } | undefined => {
    const last = chunks[i + used - 1] as { text: string; start: number };
    const read = DEFANGED.test(joined) ? defangedLink(joined, 0) : linkIn(joined, 0);
    if (read?.start !== 0) return undefined;
    let end = last.start + last.text.length;
    while (end > a.start && TRAILING.has(text[end - 1] as string)) end--;
    return { link: { ...read, url: text.slice(a.start, end), start: a.start, end }, used };
  };
  // "https:// bank-verify.com"
  if (SCHEME_ALONE.test(a.text)) return finish(`${a.text}${b.text}`, 2);
  const label = a.text.endsWith(".") ? a.text.slice(0, -1) : a.text;
  const lastLabel = label.slice(label.lastIndexOf(".") + 1);
  if (!HOST_LABEL.test(lastLabel) || !HOST_LABEL.test(label.replace(/\./g, "x"))) return undefined;
  const marked = /[-\d]/.test(lastLabel);
  const tldOf = (rest: string) => {
    const m = /^([a-zA-Z]{2,8})(?=$|[/?#:)\].,!;])/.exec(rest);
    return m
      ? {
          tld: (m[1] as string).toLowerCase(),
          path: rest.length > (m[1] as string).length && rest[(m[1] as string).length] === "/",
        }
      : undefined;
  };
  const fits = (t: { tld: string; path: boolean } | undefined, loose: boolean) =>
    t !== undefined &&
    TOP_LEVEL_DOMAINS.has(t.tld) &&
    (t.path || marked || (loose && STRONG_TOP_LEVEL_DOMAINS.has(t.tld)));
  // "bit. ly/x": the common full stop of prose, so only with a path or a marked label.
  if (a.text.endsWith(".") && label !== "" && fits(tldOf(b.text), false))
    return finish(`${label}.${b.text}`, 2);
  if (a.text.endsWith(".")) return undefined;
  // "bit .ly/x", "secure-bank .com"
  if (b.text.startsWith(".") && fits(tldOf(b.text.slice(1)), true)) return finish(`${label}${b.text}`, 2);
  // "secure-bank . com", "secure-bank dot com", "secure-bank [.] com"
  const c = chunks[i + 2];
  if (c && DOT_WORD.test(b.text) && fits(tldOf(c.text), true)) return finish(`${label}.${c.text}`, 3);
  return undefined;
}

/** The link a run of non-space characters holds, if any: "https://…" anywhere in it, else a host at its start. */
function linkIn(chunk: string, offset: number): FoundLink | undefined {
  const lower = chunk.toLowerCase();
  let start = lower.indexOf("http");
  let hostStart = -1;
  while (start >= 0) {
    const scheme = lower.startsWith("https://", start) ? 8 : lower.startsWith("http://", start) ? 7 : 0;
    // "…@https://" or "x.https://" are not where a link starts.
    if (scheme > 0 && !/[@\w.-]/.test(chunk[start - 1] ?? " ")) {
      hostStart = start + scheme;
      break;
    }
    start = lower.indexOf("http", start + 4);
  }
  if (hostStart < 0) {
    // Without a scheme the host starts the run, after opening punctuation: "(bit.ly/x)".
    start = 0;
    while (start < chunk.length && !NAME_CHAR.test(chunk[start] as string)) start++;
    if (start > 0 && /[@.-]/.test(chunk[start - 1] as string)) return undefined;
    const end = bareHostEnd(chunk, start);
    if (end < 0) return undefined;
    hostStart = start;
  }
  let end = chunk.length;
  while (end > hostStart && TRAILING.has(chunk[end - 1] as string)) end--;
  const url = chunk.slice(start, end);
  let hostEnd = hostStart;
  while (hostEnd < end && !"/?#".includes(chunk[hostEnd] as string)) hostEnd++;
  const rawHost = chunk.slice(hostStart, hostEnd).replace(/:\d+$/, "").replace(/\.$/, "");
  const at = rawHost.lastIndexOf("@");
  const host = rawHost
    .slice(at + 1)
    .toLowerCase()
    .replace(/^www\./, "");
  if (!host) return undefined;
  const link: FoundLink = { url, host, start: offset + start, end: offset + end };
  if (at >= 0) link.disguisedBy = rawHost.slice(0, at);
  return link;
}

/**
 * Where a host without a scheme ends ("bit.ly", "www.example.co.id", "sfr-fidelite.club:8080"), or
 * -1: labels of letters, digits and inner hyphens joined by dots, a known top-level domain last.
 */
function bareHostEnd(chunk: string, start: number): number {
  let i = start;
  let lastLabel = "";
  let labels = 0;
  for (;;) {
    const labelStart = i;
    while (i < chunk.length && (NAME_CHAR.test(chunk[i] as string) || chunk[i] === "-")) i++;
    if (i === labelStart || chunk[labelStart] === "-" || chunk[i - 1] === "-") return -1;
    lastLabel = chunk.slice(labelStart, i).toLowerCase();
    labels++;
    if (chunk[i] === "." && i + 1 < chunk.length && NAME_CHAR.test(chunk[i + 1] as string)) {
      i++;
      continue;
    }
    break;
  }
  if (labels < 2 || !TOP_LEVEL_DOMAINS.has(lastLabel)) return -1;
  if (chunk[i] === ":" && /^:\d{1,5}(?!\d)/.test(chunk.slice(i, i + 7))) {
    i++;
    while (i < chunk.length && /\d/.test(chunk[i] as string)) i++;
  }
  if (i < chunk.length && !AFTER_HOST.has(chunk[i] as string)) return -1;
  return i;
}
