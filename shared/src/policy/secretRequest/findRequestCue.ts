import {
  ASK_VERB_WITH_CLITIC,
  ASK_VERBS,
  ENTRY_VERBS,
  INFORMING_SUBJECTS,
  NEED_WORDS,
  PLEASE_WORDS,
  QUESTION_WORDS,
  READER_SUBJECTS,
} from "./requestWords.ts";
import type { Token } from "./splitClauses.ts";

/** "enter", "masukkan", and Spanish "ingrésalo" (with its object pronoun). */
export function isEntryVerb(word: string): boolean {
  return (
    ENTRY_VERBS.has(word) ||
    ENTRY_VERBS.has(word.replace(/(?:me|nos|lo|la|los|las|melo|mela|noslo|nosla)$/, ""))
  );
}

const PASSIVE_ASK =
  /^di(kirim|kirimkan|berikan|beri|infokan|informasikan|ketik|ketikkan|masukkan|isi|isikan|balas|sebutkan|share|bagikan|konfirmasi|hantar)$/;

const PASSIVE_NEED =
  /^(diperlukan|dibutuhkan|required|needed|requerido|requerida|necesario|necesaria|necessario|necessaria|obrigatorio|obrigatoria|wajib)$/;
const PARTICIPLES =
  /^(provided|sent|entered|shared|submitted|given|typed|confirmed|supplied|disclosed|forwarded)$/;

export type CueKind = "ask" | "need" | "question" | "please" | "label";

export function requestCueAt(tokens: Token[], i: number, clauseStart: number): CueKind | undefined {
  const word = (tokens[i] as Token).word;
  if (ASK_VERBS.has(word) || ASK_VERB_WITH_CLITIC.test(word)) {
    if (isTypeAsNoun(tokens, i)) return undefined;
    if (hasInformingSubject(tokens, i, clauseStart)) return undefined;
    return "ask";
  }
  // "Mohon dikirim kode OTP-nya": the polite Indonesian passive after "please" is a request.
  if (
    PASSIVE_ASK.test(word) &&
    (PLEASE_WORDS.has(tokens[i - 1]?.word ?? "") || PLEASE_WORDS.has(tokens[i - 2]?.word ?? ""))
  )
    return "ask";
  if (word === "key" && tokens[i + 1]?.word === "in") return "ask";
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
  if (word === "text" && /^(back|us|me|it|them)$/.test(tokens[i + 1]?.word ?? "")) return "ask";
  // "Need help with a PIN reset?": what is needed is help.
  if (
    NEED_WORDS.has(word) &&
    /^(help|assistance|support|bantuan|ayuda|ajuda|sokongan)$/.test(tokens[i + 1]?.word ?? "")
  )
    return undefined;
  if (NEED_WORDS.has(word)) {
    // "You will need your PIN at the ATM" informs; "PIN Anda diperlukan" (your PIN is required) asks.
    if (!PASSIVE_NEED.test(word)) {
      for (let k = i - 1; k >= Math.max(clauseStart, i - 2); k--)
        if (READER_SUBJECTS.has((tokens[k] as Token).word)) return undefined;
    }
    return "need";
  }
  // "The OTP must be provided within 5 minutes": a duty to hand it over, unlike "will be sent".
  if (
    PARTICIPLES.test(word) &&
    tokens[i - 1]?.word === "be" &&
    /^(must|should|to|shall)$/.test(tokens[i - 2]?.word ?? "")
  )
    return "need";
  if (QUESTION_WORDS.has(word)) return "question";
  // Spanish/Portuguese "¿Qué código te llegó?": "que" asks only right before the thing asked about.
  if (
    word === "que" &&
    /^(codigo|clave|contrasena|numero|pin|nip|senha|token|cvv)$/.test(tokens[i + 1]?.word ?? "")
  )
    return "question";
  if (PLEASE_WORDS.has(word) || (word === "favor" && tokens[i - 1]?.word === "por")) return "please";
  return undefined;
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
  for (let k = i - 1; k >= Math.max(clauseStart, i - 2); k--) {
    const w = (tokens[k] as Token).word;
    if (w === "you" || w === "anda" || w === "kamu" || w === "voce" || w === "usted") return false;
    if (INFORMING_SUBJECTS.has(w)) return true;
  }
  return false;
}
