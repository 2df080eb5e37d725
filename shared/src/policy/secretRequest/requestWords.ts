import { LANGUAGES } from "./languages/index.ts";
import {
  CODE_NOUNS,
  DELIVERED_WORDS,
  rawWordsOf,
  registerLexicon,
  roleWords,
  SECRET_PHRASES,
} from "./lexicon.ts";

/**
 * The roles words play around a secret, each merged over every language file in ./languages (a
 * text may mix languages). The words themselves live only in those files.
 */

/** Verbs that ask the reader to hand something over: "send", "masukkan", "envíanos", "informe". */
export const ASK_VERBS = roleWords("askVerbs");

/** Verbs of needing or asking on the business's side: "we need", "diperlukan", "necesitamos". */
/** Needs, passive ones included: "diperlukan", "indispensable", "daroori" need as "we need" does. */
export const NEED_WORDS = new Set([...roleWords("needWords"), ...roleWords("passiveNeeds")]);

/** Question words that, with "your", make "what is your PIN?" a request. */
export const QUESTION_WORDS = roleWords("questionWords");

/** Words that make "PIN please" a request when they sit right beside the secret. */
export const PLEASE_WORDS = roleWords("pleaseWords");

/** Possessives that point the secret at the reader: "your PIN", "PIN anda", "tu clave", "sua senha". */
export const POSSESSIVES = roleWords("possessives");

/** Words allowed between "please" and the secret ("please, your full card number"). */
export const FILLER = roleWords("filler");

/** Negators: a request under one of these, in the same clause, is a warning. */
export const NEGATORS = roleWords("negators");

/** Words after a negator that cancel it: "don't forget to…", "jangan lupa…", "no dudes en…". */
export const NEGATION_CANCELLERS = roleWords("negationCancellers");

/** Someone other than the business doing the asking: the sentence describes a scam. */
export const THIRD_PARTIES = roleWords("thirdParties");

/** "messages that ask for your PIN", "mesej yang meminta": a relative clause describes someone else asking. */
export const RELATIVE_PRONOUNS = roleWords("relativePronouns");

/** "to confirm your order", "para confirmar": a verb after this serves the secret rather than asking for it. */
export const PURPOSE_WORDS = roleWords("purposeWords");

/** Words that introduce a hypothetical: "if anyone asks for your PIN…". */
export const CONDITIONALS = roleWords("conditionals");

/** What may follow a verb that points back at a secret named just before: "…, sila taip di sini". */
export const PLACE_FILLER = roleWords("placeFiller");

/** Subjects that make "send" informative: "we'll send you an OTP", "kami akan mengirimkan kode". */
export const INFORMING_SUBJECTS = roleWords("informingSubjects");

/** "you" as subject: "you will need your PIN at the ATM" informs rather than asks. */
export const READER_SUBJECTS = roleWords("readerSubjects");

/** Words that start a new clause, so negation before them does not reach past them. */
export const CLAUSE_STARTERS = roleWords("clauseStarters");

/** After a comma these also start a new clause ("we never call you, type your PIN here"). */
export const COMMA_CLAUSE_STARTERS = roleWords("commaClauseStarters");

/** Verbs that make the secret a topic, not an object: "reset your password", "ubah PIN". */
export const MANAGE_VERBS = roleWords("manageVerbs");

/** Words that mean "the current one" and undo a manage verb: "change it: send your current PIN". */
export const CURRENT_WORDS = roleWords("currentWords");

/** Anaphors a request can use for a secret named earlier: "we sent an OTP — reply with it". */
export const ANAPHORS = roleWords("anaphors");

/** Verbs of typing a secret in somewhere: only these are safe when the place is the ATM or the app. */
export const ENTRY_VERBS = roleWords("entryVerbs");

/** "with anyone", "kepada siapa pun", "a nadie": the request is a prohibition. */
export const NOBODY_TARGET =
  /\b(?:with|to)\s+(?:anyone|anybody|no one|nobody|others|other people|strangers|any person)\b|\b(?:kepada|ke|dengan|pada)\s+(?:siapa\s*pun|siapapun|sesiapa|orang lain|pihak lain|siapa-siapa)\b|\b(?:a|con)\s+(?:nadie|nadie mas|terceros|otras personas)\b|\b(?:com|a|para)\s+(?:ninguem|terceiros|outras pessoas|qualquer pessoa)\b/;

/** "What is a PIN?", "apa itu OTP": a definition, not a question to the reader. */
export const DEFINITION =
  /\b(?:what is an?|what's an?|apa itu|apakah itu|que es una?|que son|o que e|o que sao|apa maksud)\b/;

/** Every word some role or language file knows: an affix is stripped only when it uncovers one of these. */
export function allKnownWords(): Set<string> {
  const all = new Set<string>();
  for (const set of [
    ASK_VERBS,
    NEED_WORDS,
    QUESTION_WORDS,
    PLEASE_WORDS,
    POSSESSIVES,
    NEGATORS,
    THIRD_PARTIES,
    PURPOSE_WORDS,
    CONDITIONALS,
    PLACE_FILLER,
    INFORMING_SUBJECTS,
    READER_SUBJECTS,
    CLAUSE_STARTERS,
    MANAGE_VERBS,
    ANAPHORS,
    ENTRY_VERBS,
    CODE_NOUNS,
    DELIVERED_WORDS,
  ])
    for (const w of set) all.add(w);
  for (const w of SECRET_PHRASES.allWords()) all.add(w);
  // Every word any language file uses in any role, so that a glued affix or a l33t reading never
  // hides one ("te3raf" stays "te3raf").
  for (const language of LANGUAGES) {
    for (const [key, value] of Object.entries(language)) {
      if (key === "code" || key === "name" || key === "prefixes" || key === "suffixes") continue;
      if (key === "objectSuffixes" || typeof value !== "string") continue;
      for (const phrase of value.split("|")) for (const w of rawWordsOf(phrase)) all.add(w);
    }
  }
  return all;
}

registerLexicon(allKnownWords);
