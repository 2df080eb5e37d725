import type { SecretKind } from "./secretKind.ts";
import { SECRET_TERMS, type SecretTerm } from "./secretTerms.ts";

/** A secret named or described in the normalised text. Positions index the normalised text. */
export interface SecretMention {
  kind: SecretKind;
  start: number;
  end: number;
  /** Set when the words only point back at a secret named earlier ("reply with it"). */
  pointsBack?: boolean;
}

const LEET: Record<string, string> = {
  a: "a4@",
  b: "b8",
  e: "e3",
  g: "g9",
  i: "i1!|",
  l: "l1|",
  o: "o0",
  s: "s5$",
  t: "t7",
  z: "z2",
};

// Letters spelled out one by one ("p.i.n") were already joined by normaliseText, so letters of a word
// follow each other directly. Between two words of a term: joined, spaced, hyphenated or dotted
// ("pass-word", "kata  sandi").
const WORD_GAP = "[^a-z0-9\\n]{0,3}";
// Plurals and the Indonesian/Malay possessive suffixes of informal writing ("OTP-nya", "pinmu").
const SUFFIX = "(?:s|es|-?nya|-?mu|-?ku|-?lah)?";

function letterClass(ch: string): string {
  const leet = LEET[ch];
  if (leet) return `[${leet.replace(/[|$]/g, "\\$&")}]`;
  if (ch === "w") return "(?:w|vv)";
  if (/[a-z0-9]/.test(ch)) return ch;
  return `\\${ch}`;
}

function namePattern(phrase: string): string {
  return phrase
    .split(/[\s-]+/)
    .map((word) => [...word].map(letterClass).join(""))
    .join(WORD_GAP);
}

interface CompiledTerm {
  term: SecretTerm;
  /** The names, without word-boundary checks (done in code: lookbehinds made every position slow). */
  names?: RegExp;
  /** Descriptions ("3 digits on the back"), full regular expressions. */
  descriptions?: RegExp;
}

const byLengthDesc = (a: string, b: string) => b.length - a.length;

const compiled: CompiledTerm[] = SECRET_TERMS.map((term) => {
  // Longest phrases first so "one time password" is preferred to "password" at the same place.
  const names = term.words.filter((w) => !w.startsWith("~")).sort(byLengthDesc);
  const descriptions = term.words.filter((w) => w.startsWith("~")).map((w) => w.slice(1));
  return {
    term,
    names: names.length ? new RegExp(`(?:${names.map(namePattern).join("|")})${SUFFIX}`, "g") : undefined,
    descriptions: descriptions.length
      ? // ASCII boundary: the folded text is lowercase Latin wherever a secret could be named.
        new RegExp(descriptions.map((d) => `(?<![a-z0-9])(?:${d})`).join("|"), "g")
      : undefined,
  };
});

const ASCII_WORD = /[a-z0-9]/;
const UNICODE_WORD = /[\p{L}\p{N}]/u;

function isWordChar(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  return ch.charCodeAt(0) < 128 ? ASCII_WORD.test(ch) : UNICODE_WORD.test(ch);
}

const SENTENCE_AROUND = /[.!?\n]/;

/**
 * Finds every place a secret is named ("PIN", "kata sandi", "p.a.s.s.w.0.r.d") or described ("the
 * 3 digits on the back"), skipping homonyms such as "pin your location" or a postal "PIN code".
 */
export function findSecretTerms(text: string, joinedRuns: Array<[number, number]> = []): SecretMention[] {
  // Inside a run joined from spelled-out letters ("k o d e O T P" → "kodeotp") words have lost their
  // spaces, so a secret may sit right against another word there.
  const sameRun = (a: number, b: number) => joinedRuns.some(([s, e]) => s <= a && b < e);
  // Homonyms stay in the list until overlaps are resolved, so that a postal "PIN code" is not
  // picked up again as a bare "PIN".
  const found: Candidate[] = [];
  for (const { term, names, descriptions } of compiled) {
    if (names) {
      names.lastIndex = 0;
      for (let m = names.exec(text); m; m = names.exec(text)) {
        const start = m.index;
        const end = start + m[0].length;
        if (
          (isWordChar(text[start - 1]) && !sameRun(start - 1, start)) ||
          (isWordChar(text[end]) && !sameRun(end - 1, end))
        ) {
          names.lastIndex = start + 1;
          continue;
        }
        found.push({ kind: term.kind, start, end, homonym: isHomonym(term, text, start, end) });
      }
    }
    if (descriptions) {
      descriptions.lastIndex = 0;
      for (let m = descriptions.exec(text); m; m = descriptions.exec(text)) {
        if (m[0].length === 0) {
          descriptions.lastIndex++;
          continue;
        }
        const start = m.index;
        const end = start + m[0].length;
        found.push({ kind: term.kind, start, end, homonym: isHomonym(term, text, start, end) });
      }
    }
  }
  return dropOverlaps(found)
    .filter((f) => !f.homonym)
    .map(({ kind, start, end }) => ({ kind, start, end }));
}

interface Candidate extends SecretMention {
  homonym: boolean;
}

function isHomonym(term: SecretTerm, text: string, start: number, end: number): boolean {
  if (term.notAfter?.test(text.slice(Math.max(0, start - 40), start))) return true;
  if (term.notBefore?.test(text.slice(end, end + 40))) return true;
  if (term.notInSentenceWith) {
    let a = start;
    while (a > 0 && !SENTENCE_AROUND.test(text[a - 1] as string)) a--;
    let b = end;
    while (b < text.length && !SENTENCE_AROUND.test(text[b] as string)) b++;
    if (term.notInSentenceWith.test(text.slice(a, b))) return true;
  }
  return false;
}

/** Keeps the longest mention where several overlap (earlier term lists win ties). */
function dropOverlaps(found: Candidate[]): Candidate[] {
  if (found.length < 2) return found;
  const byLength = found
    .map((f, order) => ({ f, order }))
    .sort((a, b) => b.f.end - b.f.start - (a.f.end - a.f.start) || a.order - b.order);
  const kept: Candidate[] = [];
  for (const { f } of byLength) {
    if (!kept.some((k) => k.start < f.end && f.start < k.end)) kept.push(f);
  }
  return kept.sort((a, b) => a.start - b.start);
}
