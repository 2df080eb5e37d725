import {
  ATTEMPT_WORDS,
  COPULAS,
  FORWARD_VERBS,
  FRESH_WORDS,
  LIGHT_WORDS,
  OF_WORDS,
  PARTICIPLES,
  PASSIVE_ASKS,
  PASSIVE_NEEDS,
  PHOTO_WORDS,
  RECIPIENTS,
  YES_NO_PARTICLES,
} from "./lexicon.ts";
import {
  ASK_VERBS,
  ENTRY_VERBS,
  INFORMING_SUBJECTS,
  NEED_WORDS,
  NEGATORS,
  PLEASE_WORDS,
  PURPOSE_WORDS,
  QUESTION_WORDS,
  READER_SUBJECTS,
  RELATIVE_PRONOUNS,
} from "./requestWords.ts";
import type { Token } from "./splitClauses.ts";

/** "enter", "masukkan", and Spanish "ingrésalo" (with its object pronoun). */
export function isEntryVerb(word: string): boolean {
  return (
    ENTRY_VERBS.has(word) ||
    ENTRY_VERBS.has(word.replace(/(?:me|nos|lo|la|los|las|melo|mela|noslo|nosla)$/, ""))
  );
}

export type CueKind = "ask" | "need" | "question" | "please" | "label";

export function requestCueAt(tokens: Token[], i: number, clauseStart: number): CueKind | undefined {
  const word = (tokens[i] as Token).word;
  if (ASK_VERBS.has(word)) {
    if (isTypeAsNoun(tokens, i)) return undefined;
    if (deniedAfter(tokens, i)) return undefined;
    // Hindi "dhyan dein" (pay attention): the verb's object is attention, not what follows.
    if (/^(dhyan|dhyaan|dhyaan|gaur)$/.test(tokens[i - 1]?.word ?? "")) return undefined;
    if (hasInformingSubject(tokens, i, clauseStart)) return undefined;
    // "after 3 wrong attempts to enter your PIN": what happened, not a request.
    // Only right before the verb or joined by "to"/"de": "Wrong code, enter the OTP again" asks.
    const before = tokens[i - 1]?.word ?? "";
    const linked = before === "to" || OF_WORDS.has(before) || PURPOSE_WORDS.has(before);
    if (
      i - 1 >= clauseStart &&
      (ATTEMPT_WORDS.has(before) ||
        (linked && i - 2 >= clauseStart && ATTEMPT_WORDS.has(tokens[i - 2]?.word ?? "")))
    )
      return undefined;
    return "ask";
  }
  // "Mohon dikirim kode OTP-nya": the polite Indonesian passive after "please" is a request.
  if (
    PASSIVE_ASKS.has(word) &&
    (PLEASE_WORDS.has(tokens[i - 1]?.word ?? "") || PLEASE_WORDS.has(tokens[i - 2]?.word ?? ""))
  )
    return "ask";
  if (word === "key" && tokens[i + 1]?.word === "in") return "ask";
  // "Reenvíanos el SMS", "Transférez-nous le SMS": passing a message on is handing it over.
  if (FORWARD_VERBS.has(word)) return "ask";
  // "Foto kartu debit…", "Screenshot the SMS…": a picture word opening the clause is a request.
  if (PHOTO_WORDS.has(word) && (i === clauseStart || PLEASE_WORDS.has(tokens[i - 1]?.word ?? "")))
    return "ask";
  // Colloquial English: "chuck us your PIN", "shoot me the code", "ping us the OTP".
  if (
    /^(message|pass|chuck|bung|flick|shoot|ping|toss|hit|lemme|sling)$/.test(word) &&
    /^(us|me|over)$/.test(tokens[i + 1]?.word ?? "")
  )
    return "ask";
  // Portuguese/Spanish "me dá sua senha", "me da tu clave": give me.
  if ((word === "da" || word === "de") && /^(me|nos)$/.test(tokens[i - 1]?.word ?? "")) return "ask";
  // "Log in with your password here" asks for it; "your OTP login" is a noun.
  const WITH = /^(with|using|dengan|menggunakan|pakai|con|com|usando)$/;
  if (
    (word === "log" || word === "sign") &&
    tokens[i + 1]?.word === "in" &&
    WITH.test(tokens[i + 2]?.word ?? "")
  )
    return "ask";
  if ((word === "login" || word === "signin") && WITH.test(tokens[i + 1]?.word ?? "")) return "ask";
  // "Can I have your PIN", "may we get the code": the business taking it.
  if ((word === "have" || word === "get") && /^(i|we)$/.test(tokens[i - 1]?.word ?? "")) return "need";
  if (word === "let" && tokens[i + 2]?.word === "know") return "ask";
  if (word === "read" && /^(out|us|me)$/.test(tokens[i + 1]?.word ?? "")) return "ask";
  if (word === "text" && /^(back|us|me|it|them|your|ur)$/.test(tokens[i + 1]?.word ?? "")) return "ask";
  // "Need help with a PIN reset?": what is needed is help.
  if (
    NEED_WORDS.has(word) &&
    /^(help|assistance|support|bantuan|ayuda|ajuda|sokongan)$/.test(tokens[i + 1]?.word ?? "")
  )
    return undefined;
  if (NEED_WORDS.has(word)) {
    if (deniedAfter(tokens, i)) return undefined;
    // "naya OTP request karein" (request a new OTP): what is asked for is a fresh one, from the app.
    if (FRESH_WORDS.has(tokens[i - 2]?.word ?? "") && i - 2 >= clauseStart) return undefined;
    // "You will need your PIN at the ATM" informs; "PIN Anda diperlukan" (your PIN is required) asks.
    if (!PASSIVE_NEEDS.has(word)) {
      for (let k = i - 1; k >= Math.max(clauseStart, i - 2); k--)
        if (READER_SUBJECTS.has((tokens[k] as Token).word)) return undefined;
    }
    return "need";
  }
  // "The OTP must be provided within 5 minutes": a duty to hand it over, unlike "will be sent".
  if (
    PARTICIPLES.has(word) &&
    tokens[i - 1]?.word === "be" &&
    /^(must|should|to|shall)$/.test(tokens[i - 2]?.word ?? "")
  )
    return "need";
  // Indonesian "apakah" and Hindi "kya" ask yes or no ("apakah kodenya sudah diterima?", "code aa
  // gaya kya?"), unless a copula makes them "what" ("OTP kya hai?").
  if (QUESTION_WORDS.has(word) && (!YES_NO_PARTICLES.has(word) || COPULAS.has(tokens[i + 1]?.word ?? "")))
    return "question";
  // Spanish/Portuguese "¿Qué código te llegó?": "que" asks only right before the thing asked about.
  if (
    word === "que" &&
    /^(codigo|clave|contrasena|numero|pin|nip|senha|token|cvv)$/.test(tokens[i + 1]?.word ?? "")
  )
    return "question";
  if (PLEASE_WORDS.has(word) || (word === "favor" && tokens[i - 1]?.word === "por")) return "please";
  return undefined;
}

/**
 * "PIN dena zaroori nahi hai", "OTP ki zaroorat nahi": in verb-final languages the negator follows
 * the verb or need it denies (one word may stand between). "OTP bhejo nahi to…" (or else) still asks;
 * Portuguese "no" (in the) is no negator.
 */
function deniedAfter(tokens: Token[], i: number): boolean {
  for (let k = i + 1; k <= i + 4; k++) {
    const t = tokens[k];
    if (!t || t.sentence !== (tokens[i] as Token).sentence) return false;
    // Words parted by a single space only: "chahiye, naya nahi" denies something else.
    if (t.start - (tokens[k - 1] as Token).end !== 1) return false;
    if (t.word !== "no" && NEGATORS.has(t.word))
      return !/^(to|toh|tou|warna|varna)$/.test(tokens[k + 1]?.word ?? "");
    // "share karne ki zaroorat nahi": light verbs, "of" words and needs may stand between.
    if (k === i + 1 || LIGHT_WORDS.has(t.word) || OF_WORDS.has(t.word) || NEED_WORDS.has(t.word)) continue;
    return false;
  }
  return false;
}

/** "What type of card…": "type" after a determiner is a noun. */
function isTypeAsNoun(tokens: Token[], i: number): boolean {
  const word = (tokens[i] as Token).word;
  if (word !== "type" && word !== "input" && word !== "state" && word !== "show" && word !== "drop")
    return false;
  const prev = tokens[i - 1]?.word ?? "";
  return /^(what|which|the|a|this|that|any|each|one|of|your)$/.test(prev);
}

/** "We'll send you an OTP" informs; "can you send me your OTP" asks. */
function hasInformingSubject(tokens: Token[], i: number, clauseStart: number): boolean {
  // "Hinihiling namin na ibigay ninyo…": the reader after the verb is who gives.
  const after = tokens[i + 1]?.word ?? "";
  if (READER_SUBJECTS.has(after) && !RECIPIENTS.has(after)) return false;
  // "Nous venons de vous envoyer": the subject may stand a few words before, but not past "que"
  // ("te agradecería que me enviaras" asks).
  for (let k = i - 1; k >= Math.max(clauseStart, i - 4); k--) {
    const w = (tokens[k] as Token).word;
    if (RELATIVE_PRONOUNS.has(w) || PLEASE_WORDS.has(w)) return false;
    if (w === "you" || w === "anda" || w === "kamu" || w === "voce" || w === "usted") return false;
    // "Bank ka message forward karo", "the bank's SMS": a possessor, not who sends.
    if (INFORMING_SUBJECTS.has(w) && !OF_WORDS.has(tokens[k + 1]?.word ?? "")) return true;
  }
  return false;
}
