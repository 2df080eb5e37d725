import type { SecretKind } from "./secretKind.ts";
import { SECRET_TERMS, type SecretTerm } from "./secretTerms.ts";

/** A secret named or described in the normalised text. Positions index the normalised text. */
export interface SecretMention {
  kind: SecretKind;
  start: number;
  end: number;
  /** Set when the words only point back at a secret named earlier ("reply with it"). */
  pointsBack?: boolean;
  /** The words as written in the original text, once the detector has mapped the mention back. */
  written?: string;
  /** The original text right after the mention (a few characters), for how the next word is written. */
  writtenAfter?: string;
  /** Described by the app or bank asking for it ("what the app asks you when you transfer"). */
  prompted?: boolean;
  /** The text hands this one's value over ("your OTP is 482910"): nothing later can ask for it. */
  givenOut?: boolean;
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
const INNER_GAP = "[-._*]?";
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
  return (
    phrase
      .split(/[\s-]+/)
      // "OT-P", "T.PIN": one symbol may break a word.
      .map((word) => [...word].map(letterClass).join(INNER_GAP))
      .join(WORD_GAP)
  );
}

/** A term's homonym words, read once: phrases as word lists, skippable words as a set. */
interface HomonymWords {
  after: string[][];
  skip: Set<string>;
  before: string[][];
  skipAfter: Set<string>;
}

const phrasesOf = (list: string | undefined): string[][] =>
  (list ?? "")
    .split("|")
    .map((p) =>
      p
        .trim()
        .split(/[\s-]+/)
        .filter(Boolean),
    )
    .filter((p) => p.length > 0);

const homonymWords = new Map<SecretTerm, HomonymWords>(
  SECRET_TERMS.map((t) => [
    t,
    {
      after: phrasesOf(t.notAfterWords),
      skip: new Set((t.skipBefore ?? "").split(/\s+/).filter(Boolean)),
      before: phrasesOf(t.notBeforeWords),
      skipAfter: new Set((t.skipAfter ?? "").split(/\s+/).filter(Boolean)),
    },
  ]),
);

// Words of the few characters around a term, and whether only spaces and hyphens separate them.
const WORD = /[a-z0-9']+/g;

/** The words that end `before`, last first, as long as only spaces or hyphens stand between them. */
function wordsEnding(before: string): string[] {
  const words: Array<{ word: string; start: number; end: number }> = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(before); m; m = WORD.exec(before))
    words.push({ word: m[0], start: m.index, end: m.index + m[0].length });
  const out: string[] = [];
  let edge = before.length;
  for (let k = words.length - 1; k >= 0; k--) {
    const w = words[k] as { word: string; start: number; end: number };
    if (!/^[\s-]*$/.test(before.slice(w.end, edge))) break;
    out.push(w.word);
    edge = w.start;
  }
  return out;
}

/** The words that start `after`, as long as only spaces, hyphens or closing brackets stand between. */
function wordsStarting(after: string): string[] {
  const out: string[] = [];
  let edge = 0;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(after); m; m = WORD.exec(after)) {
    if (!/^[\s)\]-]*$/.test(after.slice(edge, m.index))) break;
    out.push(m[0]);
    edge = m.index + m[0].length;
  }
  return out;
}

/** Whether the words before a term (last first) end with a phrase, past skippable words. */
function endsWithPhrase(lastFirst: string[], { after, skip }: HomonymWords): boolean {
  for (let skipped = 0; skipped <= lastFirst.length; skipped++) {
    for (const phrase of after) {
      let ok = phrase.length + skipped <= lastFirst.length;
      for (let k = 0; ok && k < phrase.length; k++)
        ok = lastFirst[skipped + phrase.length - 1 - k] === phrase[k];
      if (ok) return true;
    }
    if (!skip.has(lastFirst[skipped] ?? "")) return false;
  }
  return false;
}

function startsWithPhrase(words: string[], { before, skipAfter }: HomonymWords): boolean {
  for (let skipped = 0; skipped <= words.length; skipped++) {
    if (before.some((p) => p.length + skipped <= words.length && p.every((w, k) => words[skipped + k] === w)))
      return true;
    if (!skipAfter.has(words[skipped] ?? "")) return false;
  }
  return false;
}

/** One name of a term, matched on its own: small patterns, run only when the text can hold the name. */
interface CompiledName {
  term: SecretTerm;
  /** The name's letters folded like the text's (see `skeleton`), to test cheaply for it first. */
  key: string;
  /** The name with its loose letters; word boundaries are checked in code. */
  pattern: RegExp;
}

// Letters a l33t spelling may stand in for, folded to one: "p4$$w0rd" and "password" share a skeleton.
const SKELETON: Record<string, string> = {
  "4": "a",
  "@": "a",
  "3": "e",
  "1": "i",
  "!": "i",
  "|": "i",
  l: "i",
  "0": "o",
  "5": "s",
  $: "s",
  "7": "t",
  "9": "g",
  "8": "b",
  "2": "z",
};

/**
 * A text's letters and digits only, l33t folded, with where each came from: a name can only match
 * where its skeleton occurs, so each name is tried just there.
 */
function skeleton(text: string): { bones: string; at: number[] } {
  let bones = "";
  const at: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    const mapped = SKELETON[ch] ?? ((ch >= "a" && ch <= "z") || (ch >= "0" && ch <= "9") ? ch : undefined);
    if (mapped === undefined) continue;
    bones += mapped;
    at.push(i);
  }
  return { bones, at };
}

const compiled: CompiledName[] = SECRET_TERMS.flatMap((term) =>
  // Longest names first, so "one time password" is preferred to "password" at the same place.
  [...term.words]
    .sort((a, b) => b.length - a.length)
    .map((name) => ({
      term,
      key: skeleton(name).bones,
      pattern: new RegExp(`${namePattern(name)}${SUFFIX}`, "y"),
    })),
);

const ASCII_WORD = /[a-z0-9]/;
const UNICODE_WORD = /[\p{L}\p{N}]/u;

function isWordChar(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  return ch.charCodeAt(0) < 128 ? ASCII_WORD.test(ch) : UNICODE_WORD.test(ch);
}

const SENTENCE_AROUND = /[.!?\n]/;
const SENTENCE_REACH = 200;

/**
 * Most candidate names collected from one text. The detector holds back any text naming more than
 * 100 secrets, so past this many it has its answer and stops looking.
 */
export const MAX_CANDIDATES = 400;

/**
 * Finds every place a secret is named ("PIN", "kata sandi", "p.a.s.s.w.0.r.d"), skipping homonyms
 * such as "pin your location" or a postal "PIN code". Secrets described rather than named ("the 3
 * digits on the back") are composed from words in describedSecrets.ts.
 */
export function findSecretTerms(text: string, joinedRuns: Array<[number, number]> = []): SecretMention[] {
  // Inside a run joined from spelled-out letters ("k o d e O T P" → "kodeotp") words have lost their
  // spaces, so a secret may sit right against another word there.
  // Runs are sorted and disjoint: a binary search, so a text of many spelled-out runs stays linear.
  const sameRun = (a: number, b: number) => {
    let lo = 0;
    let hi = joinedRuns.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const [s, e] = joinedRuns[mid] as [number, number];
      if (e <= a) lo = mid + 1;
      else if (s > a) hi = mid - 1;
      else return b < e;
    }
    return false;
  };
  // Homonyms stay in the list until overlaps are resolved, so that a postal "PIN code" is not
  // picked up again as a bare "PIN".
  const found: Candidate[] = [];
  const { bones, at } = skeleton(text);
  for (const { term, key, pattern } of compiled) {
    for (let j = bones.indexOf(key); j >= 0; j = bones.indexOf(key, j + 1)) {
      const start = at[j] as number;
      pattern.lastIndex = start;
      const m = pattern.exec(text);
      if (!m) continue;
      const end = start + m[0].length;
      if (
        (isWordChar(text[start - 1]) && !sameRun(start - 1, start)) ||
        (isWordChar(text[end]) && !sameRun(end - 1, end))
      )
        continue;
      found.push({ kind: term.kind, start, end, homonym: isHomonym(term, text, start, end) });
      if (found.length > MAX_CANDIDATES) return visible(found);
    }
  }
  return visible(found);
}

function visible(found: Candidate[]): SecretMention[] {
  return dropOverlaps(found)
    .filter((f) => !f.homonym)
    .map(({ kind, start, end }) => ({ kind, start, end }));
}

interface Candidate extends SecretMention {
  homonym: boolean;
}

function isHomonym(term: SecretTerm, text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 40), start);
  const lists = homonymWords.get(term) as HomonymWords;
  if (lists.after.length > 0 && endsWithPhrase(wordsEnding(before), lists)) return true;
  if (lists.before.length > 0 && startsWithPhrase(wordsStarting(text.slice(end, end + 40)), lists))
    return true;
  if (term.notAfter?.test(before)) return true;
  if (term.notEarlierInSentence) {
    let cut = before.length;
    while (cut > 0 && !SENTENCE_AROUND.test(before[cut - 1] as string)) cut--;
    if (term.notEarlierInSentence.test(before.slice(cut))) return true;
  }
  if (term.notBefore?.test(text.slice(end, end + 40))) return true;
  if (term.notInSentenceWith) {
    // The sentence around, at most a few hundred characters of it: a run-on text stays linear.
    let a = start;
    while (a > 0 && start - a < SENTENCE_REACH && !SENTENCE_AROUND.test(text[a - 1] as string)) a--;
    let b = end;
    while (b < text.length && b - end < SENTENCE_REACH && !SENTENCE_AROUND.test(text[b] as string)) b++;
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
  // Which characters are taken: each candidate checks only its own span, so the cost is the total
  // length of the candidates (each at most a few dozen characters), not candidates squared.
  const taken = new Uint8Array(found.reduce((m, f) => Math.max(m, f.end), 0) + 1);
  const kept: Candidate[] = [];
  for (const { f } of byLength) {
    let free = true;
    for (let k = f.start; k < f.end && free; k++) free = taken[k] === 0;
    if (!free) continue;
    taken.fill(1, f.start, f.end);
    kept.push(f);
  }
  return kept.sort((a, b) => a.start - b.start);
}
