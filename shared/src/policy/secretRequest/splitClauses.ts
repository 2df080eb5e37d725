import type { SecretMention } from "./findSecretTerms.ts";
import {
  ASK_VERB_WITH_CLITIC,
  ASK_VERBS,
  CLAUSE_STARTERS,
  COMMA_CLAUSE_STARTERS,
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
    if (!insideMention && continuesList(gap, text, last)) {
      // "Reply with:\n- Card number\n- CVV": the list belongs to the sentence that introduced it.
      clause++;
    } else if (!insideMention && endsSentence(gap, text, m.index)) {
      sentence++;
      clause++;
    } else if (tokens.length > 0 && !insideMention) {
      const word = unLeet(m[0]);
      if (CLAUSE_STARTERS.has(word) || (/[,:(—–]|\s-\s/.test(gap) && startsClauseAfterComma(word))) clause++;
    }
    tokens.push({ word: unLeet(m[0]), start: m.index, end: m.index + m[0].length, clause, sentence });
    last = m.index + m[0].length;
  }
  return tokens;
}

const LEET_DIGITS: Record<string, string> = {
  "0": "o",
  "1": "i",
  "3": "e",
  "4": "a",
  "5": "s",
  "7": "t",
  "@": "a",
  $: "s",
};

/** "s3nd" → "send", so request words written in l33t still count; plain numbers stay numbers. */
function unLeet(word: string): string {
  if (!/[a-z]/.test(word) || !/[0-9@$]/.test(word)) return word;
  return word.replace(/[013457@$]/g, (c) => LEET_DIGITS[c] ?? c);
}

/** A line break that opens a list item, or follows a colon, carries on the sentence before it. */
function continuesList(gap: string, text: string, gapStart: number): boolean {
  if (!gap.includes("\n") || /[.!?;]/.test(gap)) return false;
  if (/\n\s*(?:[-*•·–]|\d+[.)])\s*/.test(gap)) return true;
  return /^\s*:/.test(gap) || text.slice(Math.max(0, gapStart - 1), gapStart) === ":";
}

function endsSentence(gap: string, text: string, next: number): boolean {
  if (/[!?;\n…]/.test(gap)) return true;
  // A full stop ends a sentence when followed by a space ("Done. Type…"), not in "bit.ly" or "p.i.n".
  return /\.\s/.test(gap) || (gap.endsWith(".") && next >= text.length);
}

function startsClauseAfterComma(word: string): boolean {
  return (
    COMMA_CLAUSE_STARTERS.has(word) ||
    ASK_VERBS.has(word) ||
    PLEASE_WORDS.has(word) ||
    NEGATORS.has(word) ||
    ASK_VERB_WITH_CLITIC.test(word)
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
