import { LANGUAGES } from "./languages/index.ts";
import type { ParsedLanguageData } from "./languages/languageData.ts";
import { normaliseText } from "./normaliseText.ts";
import type { SecretKind } from "./secretKind.ts";

type WordRole = {
  [K in keyof ParsedLanguageData]: ParsedLanguageData[K] extends string ? K : never;
}[keyof ParsedLanguageData] &
  string;

// The folded word characters of the detector's tokens: letters, digits, apostrophes (elisions,
// "don't") and the l33t stand-ins "@" and "$".
const TOKEN = /[\p{L}\p{N}'@$]+/gu;

/** The words of a phrase as the detector's tokens read them: folded, elisions split. */
export function wordsOf(phrase: string): string[] {
  const out: string[] = [];
  // Word by word: folding a whole list would join single letters ("و ف ب") as if spelled out.
  for (const word of phrase.split(/\s+/)) {
    if (word === "") continue;
    for (const m of normaliseText(word, false).text.matchAll(TOKEN)) {
      for (const piece of splitElision(m[0])) out.push(piece);
    }
  }
  return out;
}

// French elision: "n'envoyez" is "n'" + "envoyez", "d'acces" is "d'" + "acces". English contractions
// ("don't", "i'll") do not start with one of these letters and an apostrophe.
const ELISION = /^(?:qu|[cdjlmnst])'(?=\p{L})/u;

/** The words of a phrase, folded but not read (no affix stripped): what the text may contain. */
export function rawWordsOf(phrase: string): string[] {
  const out: string[] = [];
  for (const m of normaliseText(phrase, false).text.matchAll(TOKEN))
    for (const piece of splitElision(m[0])) out.push(piece);
  return out;
}

/** Splits a token into its elided article or pronoun and the word, when it has one. */
export function splitElision(word: string): string[] {
  const m = ELISION.exec(word);
  return m ? [m[0], word.slice(m[0].length)] : [word];
}

/** One word role of every language, merged: a text may mix languages. */
export function roleWords(role: WordRole): Set<string> {
  const set = new Set<string>();
  for (const language of LANGUAGES) for (const w of wordsOf(language[role] as string)) set.add(w);
  return set;
}

/** A phrase list matched word by word: the first word leads to the phrases that start with it. */
export class PhraseSet<T = true> {
  private readonly raw: Array<{ words: string[]; value: T }> = [];
  private byFirstBuilt: Map<string, Array<{ words: string[]; value: T }>> | undefined;
  /** The longest phrase, so a match never looks further than this many tokens. */
  maxLength = 0;

  add(phrase: string, value: T): void {
    const words = wordsOf(phrase);
    if (words.length > 0) this.raw.push({ words, value });
  }

  /** Phrases are read like the text's tokens (affixes stripped), once every language is loaded. */
  private get byFirst() {
    if (this.byFirstBuilt) return this.byFirstBuilt;
    this.byFirstBuilt = new Map();
    for (const { words: rawWords, value } of this.raw) this.index(rawWords.map(readWord), value);
    return this.byFirstBuilt;
  }

  private index(words: string[], value: T): void {
    const first = words[0] as string;
    const byFirst = this.byFirstBuilt as Map<string, Array<{ words: string[]; value: T }>>;
    const list = byFirst.get(first) ?? [];
    list.push({ words, value });
    // Longest first, so "mot de passe a usage unique" wins over "mot de passe".
    list.sort((a, b) => b.words.length - a.words.length);
    byFirst.set(first, list);
    this.maxLength = Math.max(this.maxLength, words.length);
  }

  /** The longest phrase starting at `words[i]`, as its length and value. */
  matchAt(words: readonly string[], i: number, end = words.length): { length: number; value: T } | undefined {
    const list = this.byFirst.get(words[i] as string);
    if (!list) return undefined;
    for (const p of list) {
      if (i + p.words.length > end) continue;
      let ok = true;
      for (let k = 1; k < p.words.length && ok; k++) ok = words[i + k] === p.words[k];
      if (ok) return { length: p.words.length, value: p.value };
    }
    return undefined;
  }

  /** The first word of every phrase, as the text's tokens read it. */
  firstWords(): IterableIterator<string> {
    return this.byFirst.keys();
  }

  /** Every word of every phrase. */
  allWords(): string[] {
    return this.raw.flatMap((p) => p.words);
  }

  hasFirst(word: string): boolean {
    return this.byFirst.has(word);
  }

  /** Whether any phrase occurs in words[from, to). */
  occursIn(words: readonly string[], from: number, to: number): boolean {
    for (let i = from; i < to; i++) if (this.matchAt(words, i, to)) return true;
    return false;
  }
}

function phraseRole(role: WordRole): PhraseSet {
  const set = new PhraseSet();
  for (const language of LANGUAGES)
    for (const p of (language[role] as string).split("|")) if (p.trim()) set.add(p, true);
  return set;
}

/** Secrets named in the language files, by kind. */
export const SECRET_PHRASES = new PhraseSet<SecretKind>();
for (const language of LANGUAGES)
  for (const { kind, phrases } of language.secrets)
    for (const p of phrases.split("|")) if (p.trim()) SECRET_PHRASES.add(p, kind);

/** Per kind, the words that make a named secret a homonym when they share its sentence. */
export const HOMONYM_CONTEXTS = new Map<SecretKind, Set<string>>();
for (const language of LANGUAGES)
  for (const { kind, words } of language.homonymContexts) {
    const set = HOMONYM_CONTEXTS.get(kind) ?? new Set<string>();
    for (const w of wordsOf(words)) set.add(w);
    HOMONYM_CONTEXTS.set(kind, set);
  }

export const NOBODY_PHRASES = phraseRole("nobodyTargets");
export const SAFE_PLACE_PHRASES = phraseRole("safePlaces");
export const DEFINITION_PHRASES = phraseRole("definitions");
export const LINK_REQUEST_PHRASES = phraseRole("linkRequests");
export const LOGIN_PHRASES = phraseRole("loginWords");
export const RECEIVED_QUESTION_PHRASES = phraseRole("receivedQuestions");
export const STATUS_WORDS = phraseRole("statusWords");

export const CODE_NOUNS = roleWords("codeNouns");
export const DELIVERED_WORDS = roleWords("deliveredWords");
export const GIVEN_CODE_WORDS = roleWords("givenCodeWords");
export const EXCEPTION_WORDS = roleWords("exceptionWords");
export const DIGIT_WORDS = roleWords("digitWords");
/** Number words by value: each language lists "three four five six eight" in countWords, in that order. */
export const COUNT_VALUES = new Map<string, number>();
for (const language of LANGUAGES) {
  const values = [3, 4, 5, 6, 8];
  wordsOf(language.countWords).forEach((w, k) => {
    if (k < values.length) COUNT_VALUES.set(w, values[k] as number);
  });
}
export const NUMBER_NOUNS = roleWords("numberNouns");
export const POSTAL_WORDS = roleWords("postalWords");
export const PIN_USE_WORDS = roleWords("pinUseWords");
export const OPEN_WORDS = roleWords("openWords");
export const BACK_WORDS = roleWords("backWords");
export const FRONT_WORDS = roleWords("frontWords");
export const CARD_WORDS = roleWords("cardWords");
export const NOT_PAYMENT_CARD_WORDS = roleWords("notPaymentCardWords");
export const LAST_WORDS = roleWords("lastWords");
export const PHOTO_WORDS = roleWords("photoWords");
export const FORWARD_VERBS = roleWords("forwardVerbs");
export const COPY_VERBS = roleWords("copyVerbs");
export const COPY_TO_US_VERBS = roleWords("copyToUsVerbs");
export const ALOUD_WORDS = roleWords("aloudWords");
export const ATTEMPT_WORDS = roleWords("attemptWords");
export const CONTENT_NOUNS = roleWords("contentNouns");
export const SECRET_ADJECTIVES = roleWords("secretAdjectives");
export const MESSAGE_NOUNS = roleWords("messageNouns");
export const SOURCE_OWNERS = roleWords("sourceOwners");
/** Glued articles, longest first, as the folded text writes them (not read as words). */
export const DEFINITE_PREFIXES = [
  ...new Set(
    LANGUAGES.flatMap((l) =>
      l.definitePrefixes
        .split(/\s+/)
        .filter(Boolean)
        .map((p) => normaliseText(p, false).text),
    ),
  ),
].sort((a, b) => b.length - a.length);
export const LOCATIVES = roleWords("locatives");
export const PLACE_NOUNS = roleWords("placeNouns");
export const PLACE_PREPOSITIONS = roleWords("placePrepositions");
export const WHAT_PRONOUNS = roleWords("whatPronouns");
export const THING_WORDS = roleWords("thingWords");
export const ARTICLE_PRONOUNS = roleWords("articlePronouns");
export const READ_OUT_WORDS = roleWords("readOutWords");
export const HABIT_WORDS = roleWords("habitWords");
export const USE_VERBS = roleWords("useVerbs");
export const CREDENTIAL_MOMENTS = roleWords("credentialMoments");
export const PROMPT_VERBS = roleWords("promptVerbs");
export const MONEY_WORDS = roleWords("moneyWords");
export const COPULAS = roleWords("copulas");
export const CONJUNCTIONS = roleWords("conjunctions");
export const CODE_DEVICES = roleWords("codeDevices");
export const FRESH_WORDS = roleWords("freshWords");
export const SENT_WORDS = roleWords("sentWords");
export const DESTINATION_WORDS = roleWords("destinationWords");
export const TOPIC_NOUNS = roleWords("topicNouns");
export const CARRIERS = roleWords("carriers");
export const CARRIER_LINKS = roleWords("carrierLinks");
export const PREVENT_WORDS = roleWords("preventWords");
export const SCAM_LABELS = roleWords("scamLabels");
export const LIST_INTROS = roleWords("listIntros");
export const RECIPIENTS = roleWords("recipients");
export const NOUN_ANAPHORS = roleWords("nounAnaphors");
export const DETERMINERS = roleWords("determiners");
export const POST_DETERMINERS = roleWords("postDeterminers");
export const HANDED_OVER_WORDS = roleWords("handedOverWords");
export const PASSIVE_ASKS = roleWords("passiveAsks");
export const PASSIVE_NEEDS = roleWords("passiveNeeds");
export const PARTICIPLES = roleWords("participles");
export const PREVERB_ANAPHORS = roleWords("preverbAnaphors");
export const OR_WORDS = roleWords("orWords");
export const OF_WORDS = roleWords("ofWords");
export const SHARED_WITH_OTHERS = roleWords("sharedWithOthers");
export const BORN_WORDS = roleWords("bornWords");
export const PARENT_WORDS = roleWords("parentWords");
export const CHILDHOOD_WORDS = roleWords("childhoodWords");
export const FIRST_WORDS = roleWords("firstWords");
export const FIRST_NOUNS = roleWords("firstNouns");
/** Definite endings glued to a noun ("kodenya"), as written, longest first. */
export const DEFINITE_SUFFIXES = [
  ...new Set(
    LANGUAGES.flatMap((l) =>
      l.definiteSuffixes
        .split(/\s+/)
        .filter(Boolean)
        .map((s) => normaliseText(s, false).text),
    ),
  ),
].sort((a, b) => b.length - a.length);
export const HISTORY_NOUNS = roleWords("historyNouns");
export const VERIFY_VERBS = roleWords("verifyVerbs");
export const DATA_NOUNS = roleWords("dataNouns");
export const YES_NO_PARTICLES = roleWords("yesNoParticles");
export const SHOWING_WORDS = roleWords("showingWords");
export const LIGHT_WORDS = roleWords("lightWords");
export const HYPHEN_OBJECTS = roleWords("hyphenObjects");
/** Recipients glued to a verb ("indícame", "respóndenos"), as written. */
export const RECIPIENT_SUFFIXES = [
  ...new Set(
    LANGUAGES.flatMap((l) =>
      l.recipientSuffixes
        .split(/\s+/)
        .filter(Boolean)
        .map((w) => normaliseText(w, false).text),
    ),
  ),
];
/** Object pronouns glued to a verb ("اكتبه", "ektebo"), as written (they are suffixes, not words). */
export const OBJECT_SUFFIXES = [
  ...new Set(
    LANGUAGES.flatMap((l) =>
      l.objectSuffixes
        .split(/\s+/)
        .filter(Boolean)
        .map((w) => normaliseText(w, false).text),
    ),
  ),
];
export const HERE_WORDS = roleWords("hereWords");
export const ARRIVAL_WORDS = roleWords("arrivalWords");
export const MENU_OUTCOMES = roleWords("menuOutcomes");
export const MENU_VERBS = roleWords("menuVerbs");
export const KEYWORD_NOUNS = roleWords("keywordNouns");

/** Words that negate only right before one of their verbs ("na karein", "ما يطلب"), by negator. */
export const VERB_NEGATORS = new Map<string, Set<string>>();
for (const language of LANGUAGES)
  for (const { negator, verbs } of language.verbNegators)
    for (const n of wordsOf(negator)) {
      const set = VERB_NEGATORS.get(n) ?? new Set<string>();
      for (const v of wordsOf(verbs)) set.add(v);
      VERB_NEGATORS.set(n, set);
    }

// Shortest first: "بالرقم" reads "ب" + "الرقم" when "الرقم" is listed, else "بال" + "رقم".
// A prefix written with a hyphen in the language file ("i-", "na-") is read only when hyphenated.
const PREFIXES = [
  ...new Set(
    LANGUAGES.flatMap((l) =>
      l.prefixes
        .split(/\s+/)
        .filter((p) => p !== "" && !p.endsWith("-"))
        .flatMap((p) => wordsOf(p)),
    ),
  ),
].sort((a, b) => a.length - b.length);
const SUFFIXES = [...roleWords("suffixes")].sort((a, b) => b.length - a.length);
/** Prefixes written with a hyphen ("i-type", "paki-send"): the word after the hyphen is the verb. */
export const HYPHEN_PREFIXES = new Set(
  LANGUAGES.flatMap((l) =>
    l.prefixes
      .split(/\s+/)
      .filter((p) => p.endsWith("-"))
      .map((p) => p.slice(0, -1)),
  ),
);

let known: Set<string> | undefined;
let lexiconSource: (() => Set<string>) | undefined;

/** requestWords.ts hands over every known word here (it builds its sets from this module). */
export function registerLexicon(source: () => Set<string>): void {
  lexiconSource = source;
}

function lexicon(): Set<string> {
  // Built once every role is registered; asked earlier (while modules load), nothing is known yet.
  if (!lexiconSource) return EMPTY;
  known ??= lexiconSource();
  return known;
}

const EMPTY = new Set<string>();

/** Whether some language file or role lists this word (as folded). */
export function isKnownWord(word: string): boolean {
  return lexicon().has(word);
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

/**
 * A token's word as the roles know it: l33t undone unless the word is known as written (Arabizi
 * "3tini"), then glued affixes stripped.
 */
export function readWord(raw: string): string {
  let word = readCache.get(raw);
  if (word === undefined) {
    word = lexicon().has(raw) ? raw : (spelledWithNumerals(raw) ?? stripAffixes(unLeet(raw)));
    // Bounded: a text of random words must not grow the cache without end.
    if (readCache.size >= 50_000) readCache.clear();
    readCache.set(raw, word);
  }
  return word;
}

const readCache = new Map<string, string>();

/** A spelling key: vowels made one, doubled letters single; consonants and digits kept. */
function spellingKey(word: string): string {
  return word.replace(/(.)\1+/g, "$1").replace(/[aeiou]+/g, "V");
}

/**
 * A looser key for words written with vowels dropped ("b3atli" for "ba3atli", "m7tgeen"): the
 * consonant skeleton, final "y" read as "i". Only skeletons of three letters or more are compared,
 * so short words ("7ot", "2ol") must be spelled as listed.
 */
function skeletonKey(word: string): string {
  return word
    .replace(/y$/, "i")
    .replace(/[aeiou]+/g, "")
    .replace(/(.)\1+/g, "$1");
}

/** Per language that writes letters as digits: those digits, and its Latin words by spelling key. */
let numeralSpellings:
  | Array<{ digits: Set<string>; byKey: Map<string, string>; bySkeleton: Map<string, string> }>
  | undefined;

/**
 * "7ottelna", "m7tageen", "b3atli": a word with a letter written as a digit that no file lists, read
 * as the listed word of that language it differs from only in vowels (changed, doubled or dropped) or
 * doubled letters. "mehtageen", "khalli": "h" and "kh" written for the digits 7 and 5 are read as
 * those digits when the word is otherwise unknown.
 */
function spelledWithNumerals(raw: string): string | undefined {
  if (!lexiconSource || !/[a-z]/.test(raw)) return undefined;
  const hasDigit = /[0-9]/.test(raw);
  if (!hasDigit && !/h/.test(raw)) return undefined;
  numeralSpellings ??= LANGUAGES.filter((l) => /\d/.test(l.numeralLetters)).map((l) => {
    const byKey = new Map<string, string>();
    const bySkeleton = new Map<string, string>();
    for (const [key, value] of Object.entries(l)) {
      if (typeof value !== "string" || key === "code" || key === "name") continue;
      // Spellings of one word share a key: the first listed stands for all.
      for (const phrase of value.split("|"))
        for (const w of rawWordsOf(phrase))
          if (/^[a-z0-9]+$/.test(w) && /[0-9]/.test(w)) {
            if (!byKey.has(spellingKey(w))) byKey.set(spellingKey(w), w);
            const skeleton = skeletonKey(w);
            if (skeleton.length >= 3 && !bySkeleton.has(skeleton)) bySkeleton.set(skeleton, w);
          }
    }
    return { digits: new Set(l.numeralLetters.replace(/\D/g, "")), byKey, bySkeleton };
  });
  // "h" for 7 is compared with its vowels in place: dropped vowels as well would read "hotel" as "7otli".
  const withH = /h/.test(raw) && raw.length >= 5 ? raw.replace(/kh/g, "5").replace(/h/g, "7") : undefined;
  for (const { digits, byKey, bySkeleton } of numeralSpellings) {
    if (hasDigit && [...raw].some((ch) => digits.has(ch))) {
      const hit = byKey.get(spellingKey(raw));
      if (hit) return hit;
      const skeleton = skeletonKey(raw);
      const loose = skeleton.length >= 3 ? bySkeleton.get(skeleton) : undefined;
      if (loose) return loose;
    }
    if (withH) {
      const hit = byKey.get(spellingKey(withH));
      if (hit) return hit;
    }
  }
  return undefined;
}

/**
 * The word a glued affix hides ("pakisend" → "send", Arabic "وبالرمز" → "رمز"), when the rest is a
 * word some language knows; otherwise the word itself. Bounded: each affix list is tried once.
 */
function stripAffixes(word: string): string {
  if (word.length < 4) return word;
  const known = lexicon();
  // A word some language knows is read as written: "كلمة" is a word, not "ك" + "لم" + "ه".
  if (known.has(word)) return word;
  // Prefixes first, so "بالرقم" reads "الرقم" (or "رقم", whichever a language lists).
  for (const p of PREFIXES) {
    if (!word.startsWith(p) || word.length - p.length < 2) continue;
    const rest = word.slice(p.length);
    if (known.has(rest)) return rest;
    // A first syllable doubled after the prefix marks an aspect ("nag-ba-bayad": paying). It tells
    // what is or will be done, so a verb of asking in that aspect ("magpapadala kami": we will
    // send) is not read as the bare verb, which commands.
    const doubled = /^([^aeiou]?[aeiou])\1/.exec(rest);
    const stem = doubled ? rest.slice((doubled[1] as string).length) : "";
    if (doubled && known.has(stem) && !askVerbWords().has(stem)) return stem;
    for (const s of SUFFIXES) {
      if (rest.endsWith(s) && rest.length - s.length >= 2 && known.has(rest.slice(0, -s.length)))
        return rest.slice(0, -s.length);
    }
  }
  if (known.has(word)) return word;
  for (const s of SUFFIXES) {
    if (word.endsWith(s) && word.length - s.length >= 2 && known.has(word.slice(0, -s.length)))
      return word.slice(0, -s.length);
  }
  return word;
}

let askVerbSet: Set<string> | undefined;
function askVerbWords(): Set<string> {
  askVerbSet ??= roleWords("askVerbs");
  return askVerbSet;
}

let triggers: Set<string> | undefined;

/**
 * Whether a folded text has a word that can start a secret's phrase or a described code. Most texts
 * have none and skip the clause analysis (the named secrets are found by findSecretTerms).
 */
export function mayNameSecret(text: string, withLinkRequests: boolean): boolean {
  triggers ??= new Set([
    ...SECRET_PHRASES.firstWords(),
    ...CODE_NOUNS,
    ...DIGIT_WORDS,
    ...PHOTO_WORDS,
    ...FORWARD_VERBS,
    ...WHAT_PRONOUNS,
    ...USE_VERBS,
    ...BORN_WORDS,
    ...CHILDHOOD_WORDS,
    ...FIRST_WORDS,
    ...COPY_VERBS,
    ...COPY_TO_US_VERBS,
    ...CONTENT_NOUNS,
    ...PROMPT_VERBS,
  ]);
  for (const m of text.matchAll(TOKEN)) {
    for (const piece of splitElision(m[0])) {
      const w = readWord(piece);
      if (triggers.has(w)) return true;
      if (
        withLinkRequests &&
        (LINK_REQUEST_PHRASES.hasFirst(w) || LOGIN_PHRASES.hasFirst(w) || VERIFY_VERBS.has(w))
      )
        return true;
    }
  }
  return false;
}
