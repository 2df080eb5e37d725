import type { SecretMention } from "./findSecretTerms.ts";
import {
  CONJUNCTIONS,
  EXCEPTION_WORDS,
  HYPHEN_PREFIXES,
  isKnownWord,
  OBJECT_SUFFIXES,
  PLACE_PREPOSITIONS,
  RECIPIENT_SUFFIXES,
  readWord,
  splitElision,
  VERB_NEGATORS,
} from "./lexicon.ts";
import {
  ASK_VERBS,
  CLAUSE_STARTERS,
  COMMA_CLAUSE_STARTERS,
  NEED_WORDS,
  NEGATORS,
  PLEASE_WORDS,
} from "./requestWords.ts";

/** A word of the normalised text, with the sentence and clause it belongs to. */
export interface Token {
  word: string;
  start: number;
  end: number;
  clause: number;
  sentence: number;
}

const TOKEN = /[\p{L}\p{N}'@$]+/gu;

/**
 * Splits the normalised text into word tokens and numbers their sentences and clauses, so negation and
 * requests can be scoped to the clause they belong to ("we never call you, so type your PIN": two
 * clauses). Dots inside a secret ("p.i.n") do not end a sentence.
 */
export function splitClauses(text: string, mentions: SecretMention[]): Token[] {
  const tokens: Token[] = [];
  let sentence = 0;
  let clause = 0;
  let inSentence = 0;
  let last = 0;
  TOKEN.lastIndex = 0;
  let nextMention = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    const gap = text.slice(last, m.index);
    // Mentions are sorted and do not overlap, so one pointer walks them alongside the tokens.
    while (nextMention < mentions.length && (mentions[nextMention] as SecretMention).end <= m.index)
      nextMention++;
    const mention = mentions[nextMention];
    const insideMention = mention !== undefined && mention.start < m.index && m.index < mention.end;
    const raw = m[0];
    const prev = tokens[tokens.length - 1];
    // "i-type", "paki-send": a hyphenated prefix belongs to the verb after it.
    if (prev && gap === "-" && HYPHEN_PREFIXES.has(prev.word) && prev.end === m.index - 1) {
      tokens.pop();
      inSentence--;
    }
    if (!insideMention && (gap.length > MAX_GAP || inSentence >= SENTENCE_WINDOW)) {
      // A run-on "sentence" is cut into windows, and a long run of symbols ends one, so the work per
      // secret stays bounded on any text (and the patterns below only ever see short gaps).
      sentence++;
      clause++;
      inSentence = 0;
    } else if (!insideMention && continuesList(gap, text, last)) {
      // "Reply with:\n- Card number\n- CVV": the list belongs to the sentence that introduced it.
      clause++;
    } else if (!insideMention && endsSentence(gap, text, m.index)) {
      sentence++;
      clause++;
      inSentence = 0;
    } else if (tokens.length > 0 && !insideMention) {
      const word = readWord(splitElision(raw)[0] as string);
      // A dash joins two clauses like a full stop would: "we never call you – type your PIN here".
      // "…and send it here": a request verb after "and" starts its own clause.
      if (
        (CLAUSE_STARTERS.has(word) && !restrictsPlace(word, text, m.index + raw.length)) ||
        DASH_GAP.test(gap) ||
        (CLAUSE_GAP.test(gap) &&
          (startsClauseAfterComma(word) || cliticBeforeAsk(word, text, m.index + raw.length))) ||
        (prev !== undefined &&
          CONJUNCTIONS.has(prev.word) &&
          ASK_VERBS.has(readVerb(splitElision(raw)[0] as string)))
      )
        clause++;
    }
    let start = prev && tokens[tokens.length - 1] !== prev ? prev.start : m.index;
    for (const piece of splitElision(raw)) {
      tokens.push({ word: readVerb(piece), start, end: start + piece.length, clause, sentence });
      start += piece.length;
      inSentence++;
    }
    (tokens[tokens.length - 1] as Token).end = m.index + raw.length;
    last = m.index + raw.length;
  }
  // Hindi "na" before a verb is "not" ("share na karein"); elsewhere it is Portuguese "in the".
  for (let i = 0; i + 1 < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (VERB_NEGATORS.get(t.word)?.has((tokens[i + 1] as Token).word)) t.word = "not";
  }
  return tokens;
}

/**
 * A token's word, with an object pronoun glued to a request verb read off ("ektebo" → "ekteb",
 * "envíalo" → "envia"): only for request verbs, so "paso" never reads as "pas".
 */
function readVerb(raw: string): string {
  let word = verbCache.get(raw);
  if (word !== undefined) return word;
  word = readWord(raw);
  // A word some language lists is read as written ("digitale" in "clé digitale" is no "digita"+"le").
  if (!ASK_VERBS.has(word) && !isKnownWord(raw)) {
    for (const suffix of VERB_SUFFIXES) {
      if (raw.length <= suffix.length + 2 || !raw.endsWith(suffix)) continue;
      const stem = readWord(raw.slice(0, -suffix.length));
      if (ASK_VERBS.has(stem)) {
        word = stem;
        break;
      }
    }
  }
  if (verbCache.size >= 50_000) verbCache.clear();
  verbCache.set(raw, word);
  return word;
}

const verbCache = new Map<string, string>();

// Object pronouns ("envíalo", "اكتبه") and recipients ("indícame", "respóndenos") glued to a verb,
// longest first so "noslo" goes before "lo".
const VERB_SUFFIXES = [...new Set([...OBJECT_SUFFIXES, ...RECIPIENT_SUFFIXES])].sort(
  (a, b) => b.length - a.length,
);

/** Most words a sentence window holds; longer run-ons are read in windows of this many words. */
const SENTENCE_WINDOW = 60;

const MAX_GAP = 200;

// A comma, a colon, a bracket or an emoji (folded to U+2E31 by normaliseText).
const CLAUSE_GAP = /[,:(\u2e31]/;
const DASH_GAP = /[—–]|\s-|-\s/;

/** A line break that opens a list item, or follows a colon, carries on the sentence before it. */
function continuesList(gap: string, text: string, gapStart: number): boolean {
  if (!gap.includes("\n") || /[.!?;]/.test(gap)) return false;
  if (/\n[^\S\n]*(?:[-*•·–]|\d+[.)])/.test(gap)) return true;
  return /^\s*:/.test(gap) || text.slice(Math.max(0, gapStart - 1), gapStart) === ":";
}

function endsSentence(gap: string, text: string, next: number): boolean {
  if (/[!?;\n…]/.test(gap)) return true;
  // A full stop ends a sentence when followed by a space ("Done. Type…"), not in "bit.ly" or "p.i.n".
  return /\.\s/.test(gap) || (gap.endsWith(".") && next >= text.length);
}

/**
 * "أدخل الرقم السري فقط في جهاز الصراف" (enter the PIN only at the ATM): "only" before a place
 * narrows where, in the same clause; elsewhere it opens one ("فقط أرسل الرمز", just send the code).
 */
function restrictsPlace(word: string, text: string, after: number): boolean {
  if (!EXCEPTION_WORDS.has(word)) return false;
  const next = /^[^\p{L}\p{N}]{0,3}([\p{L}\p{N}']{1,30})/u.exec(text.slice(after, after + 40));
  return next !== null && PLACE_PREPOSITIONS.has(readWord(next[1] as string));
}

/** "…, me passa ela", "…, nos envías la clave": a recipient pronoun, then a request verb. */
function cliticBeforeAsk(word: string, text: string, after: number): boolean {
  if (!RECIPIENT_SUFFIXES.includes(word)) return false;
  const next = /^[^\p{L}\p{N}]{0,3}([\p{L}\p{N}']{1,30})/u.exec(text.slice(after, after + 40));
  return next !== null && ASK_VERBS.has(readVerb(next[1] as string));
}

function startsClauseAfterComma(word: string): boolean {
  // "…, only the code", "…, نحتاج فقط": "only" and a need open a clause of their own.
  return (
    COMMA_CLAUSE_STARTERS.has(word) ||
    EXCEPTION_WORDS.has(word) ||
    NEED_WORDS.has(word) ||
    ASK_VERBS.has(word) ||
    PLEASE_WORDS.has(word) ||
    NEGATORS.has(word)
  );
}

export function tokenIndexAt(tokens: Token[], pos: number): number {
  let lo = 0;
  let hi = tokens.length - 1;
  let best = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((tokens[mid] as Token).start <= pos) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}

export function clauseStartOf(tokens: Token[], i: number): number {
  let from = i;
  while (from > 0 && (tokens[from - 1] as Token).clause === (tokens[i] as Token).clause) from--;
  return from;
}
