import type { SecretMention } from "./findSecretTerms.ts";
import {
  BACK_WORDS,
  BORN_WORDS,
  CARD_WORDS,
  CHILDHOOD_WORDS,
  CODE_DEVICES,
  CODE_NOUNS,
  COUNT_VALUES,
  CREDENTIAL_MOMENTS,
  DEFINITE_PREFIXES,
  DEFINITE_SUFFIXES,
  DELIVERED_WORDS,
  DESTINATION_WORDS,
  DETERMINERS,
  DIGIT_WORDS,
  EXCEPTION_WORDS,
  FIRST_NOUNS,
  FIRST_WORDS,
  FORWARD_VERBS,
  FRONT_WORDS,
  GIVEN_CODE_WORDS,
  HABIT_WORDS,
  HERE_WORDS,
  HISTORY_NOUNS,
  isKnownWord,
  LAST_WORDS,
  LIGHT_WORDS,
  LOCATIVES,
  MESSAGE_NOUNS,
  MONEY_WORDS,
  NOBODY_PHRASES,
  NOT_PAYMENT_CARD_WORDS,
  NUMBER_NOUNS,
  OF_WORDS,
  OPEN_WORDS,
  OR_WORDS,
  PARENT_WORDS,
  PASSIVE_NEEDS,
  PHOTO_WORDS,
  PIN_USE_WORDS,
  PLACE_PREPOSITIONS,
  POST_DETERMINERS,
  POSTAL_WORDS,
  PREVERB_ANAPHORS,
  PROMPT_VERBS,
  RECIPIENTS,
  SECRET_ADJECTIVES,
  SENT_WORDS,
  SHARED_WITH_OTHERS,
  SHOWING_WORDS,
  SOURCE_OWNERS,
  THING_WORDS,
  USE_VERBS,
  WHAT_PRONOUNS,
} from "./lexicon.ts";
import {
  ASK_VERBS,
  INFORMING_SUBJECTS,
  NEGATORS,
  PLACE_FILLER,
  PLEASE_WORDS,
  POSSESSIVES,
  PURPOSE_WORDS,
  RELATIVE_PRONOUNS,
} from "./requestWords.ts";
import type { SecretKind } from "./secretKind.ts";
import type { Token } from "./splitClauses.ts";

/**
 * Secrets described instead of named, composed from what the words say rather than listed as
 * phrases: a code-like noun ("code", "number", "the 6 digits", "ستة أرقام") plus where it came from
 * (the SMS, the automated call, the authenticator app) is a one-time code; plus where it is used (the
 * ATM, to open the app) a PIN; plus the back of the card or its signature a CVV. A photo of a card,
 * and a message from the bank to be forwarded or screenshotted, hand the same secrets over.
 * Only the code-like words are the mention, so the verb asking for it stays a cue of its own.
 * @example describedMentions of "the number our automated call read to you" → one otp mention at "number"
 */
export function describedMentions(tokens: Token[], words: string[], text: string): SecretMention[] {
  const out: SecretMention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const word = words[i] as string;
    const t = tokens[i] as Token;
    if (PHOTO_WORDS.has(word) || FORWARD_VERBS.has(word)) {
      const shown = shownSecret(tokens, words, i);
      if (shown) {
        out.push(shown);
        i = tokenIndexAtOrAfter(tokens, shown.end, i);
      }
      continue;
    }
    // "Reply with what we just texted you": the pronoun stands for the code.
    // "What does your card reader show?": what a code device shows is its code.
    if (WHAT_PRONOUNS.has(word)) {
      for (let k = i + 1; k <= Math.min(tokens.length - 1, i + 6); k++) {
        if ((tokens[k] as Token).clause !== t.clause) break;
        const w = words[k] as string;
        if (CODE_DEVICES.has(w) || (k <= i + 3 && SENT_WORDS.has(w) && deliveredHere(tokens, words, i, k))) {
          out.push({ kind: "otp", start: t.start, end: t.end });
          break;
        }
      }
      continue;
    }
    // "What do you type to sign in?", "lo que pones cuando el banco te pide confirmar una
    // transferencia", "masuk ke aplikasi pakai apa?": what the reader types at a credential moment.
    if (USE_VERBS.has(word)) {
      const moment = typedAtCredentialMoment(tokens, words, i, text);
      if (moment) {
        out.push({ kind: moment, start: t.start, end: t.end });
        continue;
      }
    }
    // "When you transfer money, the app asks you for something": what it asks for is a credential.
    if (PROMPT_VERBS.has(word)) {
      const kind = promptedCredential(tokens, words, i);
      if (kind) out.push({ kind, start: t.start, end: t.end, prompted: true });
      continue;
    }
    if (BORN_WORDS.has(word) || CHILDHOOD_WORDS.has(word) || FIRST_WORDS.has(word)) {
      if (asksPersonalHistory(tokens, words, i))
        out.push({ kind: "security-answer", start: t.start, end: t.end });
      continue;
    }
    if (!CODE_NOUNS.has(word) && !DIGIT_WORDS.has(word) && !NUMBER_NOUNS.has(word)) continue;
    // "…sent to your number", "ke nomor Anda": where a code goes is a phone number.
    if (NUMBER_NOUNS.has(word) && DESTINATION_WORDS.has(words[i - 1] ?? "")) continue;
    if (
      NUMBER_NOUNS.has(word) &&
      DESTINATION_WORDS.has(words[i - 2] ?? "") &&
      POSSESSIVE_OR_ARTICLE.test(words[i - 1] ?? "")
    )
      continue;
    if (handsCodeOver(tokens, words, i, text)) continue;
    const kind = describedKind(tokens, words, i, text);
    if (!kind) continue;
    // "6 digits", "ستة أرقام": the count belongs to the mention.
    const count = i > 0 && isCount(words[i - 1] as string) && tokens[i - 1]?.sentence === t.sentence;
    const start = count ? (tokens[i - 1] as Token).start : t.start;
    // "the 6-digit code": one mention for "6 digit code".
    let end = t.end;
    if (
      DIGIT_WORDS.has(word) &&
      CODE_NOUNS.has(words[i + 1] ?? "") &&
      tokens[i + 1]?.sentence === t.sentence
    ) {
      end = (tokens[i + 1] as Token).end;
      i++;
    }
    out.push({ kind, start, end });
  }
  return out;
}

const POSSESSIVE_OR_ARTICLE = /^(?:your|the|ur|tu|su|el|la|o|a|seu|sua|votre|ton|ta|le|aapke|aapka)$/;

/** How far a description looks for its context, in words either side (within the sentence). */
const BEFORE = 7;
const AFTER = 10;

function isCount(word: string): boolean {
  return countValue(word) > 0;
}

/** What secret a code-like noun at i is, from the words around it; undefined when none says. */
function describedKind(tokens: Token[], words: string[], i: number, text: string): SecretKind | undefined {
  const sentence = (tokens[i] as Token).sentence;
  const from = Math.max(0, i - BEFORE);
  const to = Math.min(tokens.length - 1, i + AFTER);
  let source = false;
  let pinUse = false;
  let opens = false;
  let back = false;
  let bareBack = false;
  let front = false;
  let card = -1;
  let postal = false;
  let last = false;
  for (let k = from; k <= to; k++) {
    if (k === i || (tokens[k] as Token).sentence !== sentence) continue;
    const w = words[k] as string;
    // "the last 4 digits of your card", "los últimos 4 dígitos": identifies the card, exposes nothing.
    if (LAST_WORDS.has(w) && Math.abs(k - i) <= 3) last = true;
    if (POSTAL_WORDS.has(w)) postal = true;
    if (DELIVERED_WORDS.has(w) && deliveredHere(tokens, words, i, k)) source = true;
    if (PIN_USE_WORDS.has(w)) pinUse = true;
    if (OPEN_WORDS.has(w)) opens = true;
    // Arabic "ظهر" is both "back" and "appeared": after "which" or right after the code it is the
    // verb, and where the code appeared is its source ("الكود الذي ظهر في التطبيق").
    if (BACK_WORDS.has(w)) {
      const shownVerb =
        k > i && SHOWING_WORDS.has(w) && (k === i + 1 || RELATIVE_PRONOUNS.has(words[k - 1] as string));
      if (shownVerb) source = true;
      else {
        back = true;
        // "the number on the back.", "el número de atrás": nothing after says the back of what.
        if (
          k > i &&
          k - i <= 4 &&
          (tokens[k + 1] === undefined || (tokens[k + 1] as Token).sentence !== sentence)
        )
          bareBack = true;
      }
    }
    if (FRONT_WORDS.has(w)) front = true;
    if (CARD_WORDS.has(w) && card < 0 && !NOT_PAYMENT_CARD_WORDS.has(words[k + 1] ?? "")) card = k;
  }
  // "Ano ang zip code ninyo? 4 na numero po.": a short format hint says nothing of its own; the
  // sentence before it says what the digits are.
  if (!postal) postal = postalBefore(tokens, words, i);
  // "6 digits", "kode 6 digit", "el código de 6 dígitos": a count of digits is a code's description.
  const count = countOfDigits(words, i);
  // "the last 3 digits on the signature strip" are the CVV; otherwise "the last 4 digits" identify a card.
  if (back && (card >= 0 || count === 3 || count === 4 || bareBack) && (!last || count === 3)) return "cvv";
  if (last) return undefined;
  if (front && card >= 0) return "card-number";
  if (count >= 15 && count <= 19 && card >= 0) return "card-number";
  // "el número completo de tu tarjeta", "rakam el kart kamel": the card's own number.
  if (NUMBER_NOUNS.has(words[i] as string) && card > i && card - i <= 4) return "card-number";
  // Verb-final languages name the card first: "card ka number", the card's number.
  if (NUMBER_NOUNS.has(words[i] as string) && card === i - 2 && OF_WORDS.has(words[i - 1] as string))
    return "card-number";
  if (pinUse || (opens && source)) return "pin";
  // "رمز التطبيق السري", "the secret code of the app", "ramz el mada el serri": a code called
  // secret, a word or two away (Arabizi writes its articles as words of their own).
  if (CODE_NOUNS.has(words[i] as string))
    for (let k = Math.max(0, i - 2); k <= Math.min(tokens.length - 1, i + 4); k++)
      if (k !== i && (tokens[k] as Token).sentence === sentence && SECRET_ADJECTIVES.has(words[k] as string))
        return "pin";
  if (source) return "otp";
  if (count >= 4 && count <= 8 && !postal) return "otp";
  if (
    CODE_NOUNS.has(words[i] as string) &&
    (secretByContext(tokens, words, i) || askedForPlainly(tokens, words, i, text))
  )
    return "otp";
  return undefined;
}

/**
 * "Pásame el código", "manda o código aí", "bagi kod tu", "ibigay mo na yung code": "the code",
 * "your code", with nothing saying which (no promo, no coupon, no postal: those are handed out),
 * right after a request verb. In a chat the only code a business could want back is one it sent.
 */
function askedForPlainly(tokens: Token[], words: string[], i: number, text: string): boolean {
  const t = tokens[i] as Token;
  // "the number of the option", "código de referido", "code ng voucher": a qualified code is another.
  if (NUMBER_NOUNS.has(words[i] as string) || DIGIT_WORDS.has(words[i] as string)) return false;
  if (OF_WORDS.has(words[i + 1] ?? "")) return false;
  // "the code for the garage", "el código para el portón": a code for a named thing opens that thing.
  if (PURPOSE_WORDS.has(words[i + 1] ?? "") && DETERMINERS.has(words[i + 2] ?? "")) return false;
  // "Share this code with friends": a code passed on to others is a referral. "Enter the code at
  // checkout", "Give the code to the driver", "Tunjukkan kode ini ke kasir": it goes somewhere else.
  for (let k = i + 1; k < tokens.length && (tokens[k] as Token).clause === t.clause; k++) {
    const w = words[k] as string;
    if (SHARED_WITH_OTHERS.has(w)) return false;
    // A particle that is also a preposition elsewhere (Tagalog "na", Portuguese "in the") says nothing.
    if (LIGHT_WORDS.has(w)) continue;
    if (!PLACE_PREPOSITIONS.has(w) && !DESTINATION_WORDS.has(w) && !LOCATIVES.has(w)) continue;
    // "para matapos", "to get 10% off": a purpose, not a place ("to the driver" has its article).
    if (PURPOSE_WORDS.has(w) && !DETERMINERS.has(words[k + 1] ?? "")) continue;
    let j = k + 1;
    while (j < tokens.length && DETERMINERS.has(words[j] as string)) j++;
    const where = words[j] ?? "";
    if (where !== "" && !HERE_WORDS.has(where) && !RECIPIENTS.has(where) && !PLACE_FILLER.has(where))
      return false;
  }
  const raw = text.slice(t.start, t.end);
  const definite =
    DEFINITE_PREFIXES.some((p) => raw.length > p.length + 1 && raw.startsWith(p)) ||
    DEFINITE_SUFFIXES.some((s) => raw.length > s.length + 1 && raw.toLowerCase().endsWith(s)) ||
    DETERMINERS.has(words[i - 1] ?? "") ||
    POSSESSIVES.has(words[i - 1] ?? "") ||
    POST_DETERMINERS.has(words[i + 1] ?? "") ||
    POSSESSIVES.has(words[i + 1] ?? "");
  if (!definite) return false;
  for (let k = Math.max(0, i - 4); k < i; k++) {
    if ((tokens[k] as Token).clause !== t.clause) continue;
    if (ASK_VERBS.has(words[k] as string)) return true;
  }
  // "The code is required", "el code daroori", "kodenya wajib": needed, as a statement.
  for (let k = i + 1; k <= Math.min(tokens.length - 1, i + 3); k++) {
    if ((tokens[k] as Token).clause !== t.clause) break;
    if (PASSIVE_NEEDS.has(words[k] as string)) return true;
  }
  return false;
}

/**
 * A plain "code" the text treats as secret: forbidden to share ("no compartas tu código con nadie",
 * "لا تعطِ الرمز لأي شخص"), or singled out ("yung code lang", "only the code", "juste le code").
 */
function secretByContext(tokens: Token[], words: string[], i: number): boolean {
  const t = tokens[i] as Token;
  for (let k = Math.max(0, i - 3); k <= Math.min(tokens.length - 1, i + 2); k++) {
    if (k !== i && (tokens[k] as Token).clause === t.clause && EXCEPTION_WORDS.has(words[k] as string))
      return true;
  }
  let from = i;
  while (from > 0 && (tokens[from - 1] as Token).clause === t.clause) from--;
  let to = i;
  while (to + 1 < tokens.length && (tokens[to + 1] as Token).clause === t.clause) to++;
  if (NOBODY_PHRASES.occursIn(words, from, to + 1)) return true;
  let negated = false;
  for (let k = from; k < i; k++) {
    const w = words[k] as string;
    if (NEGATORS.has(w)) negated = true;
    else if (negated && ASK_VERBS.has(w)) return true;
  }
  return false;
}

/**
 * The app or bank asking the reader for something at a moment a credential is typed: moving money,
 * signing in, at the ATM, opening the app. A PIN where money moves or cash comes out, else a password.
 */
function promptedCredential(tokens: Token[], words: string[], i: number): SecretKind | undefined {
  const sentence = (tokens[i] as Token).sentence;
  // "boleh minta kode OTP?", "tolong minta PIN": with no subject of its own the verb is our asking.
  const before =
    i > 0 && (tokens[i - 1] as Token).clause === (tokens[i] as Token).clause ? words[i - 1] : undefined;
  if (before === undefined || LIGHT_WORDS.has(before) || PLEASE_WORDS.has(before)) return undefined;
  let kind: SecretKind | undefined;
  for (let k = Math.max(0, i - 12); k <= Math.min(tokens.length - 1, i + 12); k++) {
    if (k === i || (tokens[k] as Token).sentence !== sentence) continue;
    const w = words[k] as string;
    if (PIN_USE_WORDS.has(w) || MONEY_WORDS.has(w)) kind = "pin";
    else if (CREDENTIAL_MOMENTS.has(w) || OPEN_WORDS.has(w)) kind ??= "password";
  }
  return kind;
}

/**
 * "In which city was your mother born?", "¿cómo se llamaba tu primera mascota?" is listed; the
 * compositions are: born + mother or father, and childhood + a name, nickname, street or friend.
 */
function asksPersonalHistory(tokens: Token[], words: string[], i: number): boolean {
  const sentence = (tokens[i] as Token).sentence;
  // "your first pet", "اسم أول مدرسة", "una mong alagang hayop": first with a thing of one's past, close by.
  if (FIRST_WORDS.has(words[i] as string)) {
    for (let k = Math.max(0, i - 2); k <= Math.min(tokens.length - 1, i + 3); k++)
      if (k !== i && (tokens[k] as Token).sentence === sentence && FIRST_NOUNS.has(words[k] as string))
        return true;
    if (!BORN_WORDS.has(words[i] as string) && !CHILDHOOD_WORDS.has(words[i] as string)) return false;
  }
  const born = BORN_WORDS.has(words[i] as string);
  for (let k = Math.max(0, i - 8); k <= Math.min(tokens.length - 1, i + 8); k++) {
    if (k === i || (tokens[k] as Token).sentence !== sentence) continue;
    const w = words[k] as string;
    if (born ? PARENT_WORDS.has(w) : HISTORY_NOUNS.has(w)) return true;
  }
  return false;
}

/**
 * A delivery word at k describes the code at i when it is not a request itself: "the code we sent",
 * "kode yang kami kirim" (after the code), "we sent you a code", "kami sudah kirim kode" (a subject
 * before it), or a channel ("the SMS code"). "Send the code" asks; it does not describe.
 */
function clauseStartIndex(tokens: Token[], k: number): number {
  let from = k;
  while (from > 0 && (tokens[from - 1] as Token).clause === (tokens[k] as Token).clause) from--;
  return from;
}

function deliveredHere(tokens: Token[], words: string[], i: number, k: number): boolean {
  const w = words[k] as string;
  if (k > i && !WHAT_PRONOUNS.has(words[i] as string)) return true;
  // "Text me the code for the garage": the channel is the verb of this request, not where a code came from.
  if (k < i && HERE_WORDS.has(words[k + 1] ?? "") && k === clauseStartIndex(tokens, k)) return false;
  if (!ASK_VERBS.has(w)) return true;
  for (let j = k - 1; j >= Math.max(0, k - 2); j--) {
    if ((tokens[j] as Token).clause !== (tokens[k] as Token).clause) break;
    if (INFORMING_SUBJECTS.has(words[j] as string)) return true;
  }
  return false;
}

/** The number of digits said around a code noun at i: "6 digits", "kode 6 digit", "código de 6 dígitos". */
function countOfDigits(words: string[], i: number): number {
  const word = words[i] as string;
  // "3 derniers chiffres", "6 na numero": a "last" word or a linker may stand between.
  if (DIGIT_WORDS.has(word))
    return (
      countValue(words[i - 1] ?? "") ||
      (LAST_WORDS.has(words[i - 1] ?? "") || LIGHT_WORDS.has(words[i - 1] ?? "")
        ? countValue(words[i - 2] ?? "")
        : 0)
    );
  for (let k = i + 1; k <= i + 3; k++) {
    const w = words[k];
    if (w === undefined) break;
    if (DIGIT_WORDS.has(w)) return countValue(words[k - 1] ?? "");
  }
  return 0;
}

function countValue(word: string): number {
  if (/^\d{1,2}$/.test(word)) return Number(word);
  return COUNT_VALUES.get(word) ?? 0;
}

/**
 * "code 4821", "code: SAVE10": the text hands a code over. "promo code", "order number", a code
 * "on your delivery box": a code the business gives out, never a secret.
 */
function handsCodeOver(tokens: Token[], words: string[], i: number, text: string): boolean {
  const t = tokens[i] as Token;
  // "code 4821", "kode: AB12": a value follows. An Arabizi word with a digit ("delwa2ti") is no value.
  const value = /^\s*(?:[:#]\s*)?([a-z-]*[0-9][a-z0-9-]*)/i.exec(text.slice(t.end, t.end + 24));
  const v = (value?.[1] ?? "").toLowerCase();
  if (value && (/^[0-9-]+$/.test(v) || !isKnownWord(v))) return true;
  for (let k = Math.max(0, i - 2); k <= Math.min(tokens.length - 1, i + 2); k++) {
    const w = words[k] as string;
    if (GIVEN_CODE_WORDS.has(w) || POSTAL_WORDS.has(w)) return true;
  }
  // "the code shown on your delivery box": where it is printed names what it opens.
  for (let k = i + 1; k <= Math.min(tokens.length - 1, i + 4); k++) {
    if ((tokens[k] as Token).sentence !== t.sentence) break;
    // "the code for the door": a purpose word with its article names a place too.
    const forPlace = PURPOSE_WORDS.has(words[k] as string) && DETERMINERS.has(words[k + 1] ?? "");
    if (!LOCATIVES.has(words[k] as string) && !forPlace) continue;
    for (let j = k + 1; j <= Math.min(tokens.length - 1, k + 3); j++)
      if (GIVEN_CODE_WORDS.has(words[j] as string)) return true;
  }
  return false;
}

/**
 * "a photo of both sides of your card", "Foto kartu debit bagian depan dan belakang", "forward us the
 * SMS you received from your bank", "screenshot pesan yang berisi kode": a picture of the card or the
 * bank's message hands its secrets over. The mention is the card or message noun; the photo or
 * forward word before it is the request (both are request verbs in the language files).
 */
function shownSecret(tokens: Token[], words: string[], i: number): SecretMention | undefined {
  const sentence = (tokens[i] as Token).sentence;
  // Verb-final word order names the card first: "Card ka front aur back dono ka photo".
  if (PHOTO_WORDS.has(words[i] as string)) {
    let side = false;
    for (let k = i - 1; k >= Math.max(0, i - 8); k--) {
      if ((tokens[k] as Token).sentence !== sentence) break;
      const w = words[k] as string;
      if (FRONT_WORDS.has(w) || BACK_WORDS.has(w)) side = true;
      // "Card ki photo bhejo", "kad punya gambar": the card's picture, joined by "of", as in English.
      else if (
        CARD_WORDS.has(w) &&
        k === i - 2 &&
        OF_WORDS.has(words[i - 1] as string) &&
        !NOT_PAYMENT_CARD_WORDS.has(words[k - 1] ?? "")
      )
        return { kind: "card-number", start: (tokens[k] as Token).start, end: (tokens[i] as Token).end };
      // The mention runs to the photo word, so the verb after it ("…photo bhej do") is its request.
      else if (CARD_WORDS.has(w) && side && !NOT_PAYMENT_CARD_WORDS.has(words[k + 1] ?? ""))
        return { kind: "card-number", start: (tokens[k] as Token).start, end: (tokens[i] as Token).end };
    }
  }
  // Verb-final: "Bank ka SMS forward kar dijiye", "bank ka message ka screenshot bhejo", or further
  // back with a pointer before the verb: "Bank se jo message abhi aaya hai woh forward kar do".
  const pointer =
    PREVERB_ANAPHORS.has(words[i - 1] ?? "") ||
    (PREVERB_ANAPHORS.has(words[i - 2] ?? "") && PLACE_FILLER.has(words[i - 1] ?? ""));
  for (let k = i - 1; k >= Math.max(0, i - (pointer ? 8 : 3)); k--) {
    if ((tokens[k] as Token).sentence !== sentence) break;
    // The mention ends at the message, so the verb ("forward karo") stays its request; a photo word
    // is part of what is handed over ("…SMS ka screenshot bhejo").
    if (MESSAGE_NOUNS.has(words[k] as string) && ownedBySource(tokens, words, k)) {
      const end = PHOTO_WORDS.has(words[i] as string) ? i : k;
      return { kind: "otp", start: (tokens[k] as Token).start, end: (tokens[end] as Token).end };
    }
  }
  for (let k = i + 1; k <= Math.min(tokens.length - 1, i + 12); k++) {
    if ((tokens[k] as Token).sentence !== sentence) return undefined;
    const w = words[k] as string;
    if (CARD_WORDS.has(w) && PHOTO_WORDS.has(words[i] as string)) {
      // "a photo of your ID card", "foto kartu keluarga": not a payment card.
      const next = words[k + 1] ?? "";
      const prev = words[k - 1] ?? "";
      if (NOT_PAYMENT_CARD_WORDS.has(next) || NOT_PAYMENT_CARD_WORDS.has(prev)) return undefined;
      return { kind: "card-number", start: (tokens[k] as Token).start, end: (tokens[k] as Token).end };
    }
    if (MESSAGE_NOUNS.has(w)) {
      // Only the bank's (or a code's) message: "forward this message to a friend" is not one.
      if (ownedBySource(tokens, words, k))
        return { kind: "otp", start: (tokens[k] as Token).start, end: (tokens[k] as Token).end };
      for (let j = k + 1; j <= Math.min(tokens.length - 1, k + 10); j++) {
        if ((tokens[j] as Token).sentence !== sentence) break;
        const v = words[j] as string;
        if (SOURCE_OWNERS.has(v) || CODE_NOUNS.has(v) || DIGIT_WORDS.has(v) || DELIVERED_WORDS.has(v))
          return { kind: "otp", start: (tokens[k] as Token).start, end: (tokens[k] as Token).end };
      }
      return undefined;
    }
  }
  return undefined;
}

/**
 * A use verb at i names a credential when an unnamed thing is its object ("what [do you] type",
 * "que [você] usa", "pakai apa", "بإيش") and the sentence names a moment a credential is typed
 * (signing in, confirming a transfer). "What app do you use to transfer money?" has a noun after
 * "what", so the thing is the app; "we type" is the business's own doing.
 */
function typedAtCredentialMoment(
  tokens: Token[],
  words: string[],
  i: number,
  text: string,
): SecretKind | undefined {
  const sentence = (tokens[i] as Token).sentence;
  let thing = false;
  // Before the verb, only habit words and the reader between: "what do you normally type".
  for (let k = i - 1; k >= Math.max(0, i - 4); k--) {
    if ((tokens[k] as Token).sentence !== sentence) break;
    const w = words[k] as string;
    if (THING_WORDS.has(w)) {
      // "le code à 4 chiffres que vous tapez": a relative clause of a code already named.
      thing = !describesNounBefore(tokens, words, k, text);
      break;
    }
    if (INFORMING_SUBJECTS.has(w)) return undefined;
    if (!HABIT_WORDS.has(w)) break;
  }
  // After it, soon: "pakai apa", "bted5ol bi eh", "بتدخل على التطبيق بإيش".
  for (let k = i + 1; !thing && k <= Math.min(tokens.length - 1, i + 3); k++) {
    if ((tokens[k] as Token).sentence !== sentence) break;
    // "Taip 6 angka yang…": the verb's object is named; "yang" opens its relative clause.
    const w = words[k] as string;
    if (CODE_NOUNS.has(w) || DIGIT_WORDS.has(w) || NUMBER_NOUNS.has(w) || /^\d+$/.test(w)) break;
    if (THING_WORDS.has(w)) thing = true;
  }
  if (!thing) return undefined;
  let moment: SecretKind | undefined;
  for (let k = Math.max(0, i - 10); k <= Math.min(tokens.length - 1, i + 10); k++) {
    if ((tokens[k] as Token).sentence !== sentence) continue;
    // "…transfers or card payments?", "aplikasi atau ATM?": a choice between ways, not a secret.
    if (k > i && OR_WORDS.has(words[k] as string)) return undefined;
    // Signing in, confirming a transfer, opening the (bank) app.
    if (CREDENTIAL_MOMENTS.has(words[k] as string) || OPEN_WORDS.has(words[k] as string))
      moment ??= "password";
    // At the ATM: "cuando metes la tarjeta en el cajero…, ¿cuáles pones?" asks the card's PIN.
    if (PIN_USE_WORDS.has(words[k] as string)) moment = "pin";
  }
  return moment;
}

/** A code, digit or number noun in the three words before k, in its clause: "que" there opens its relative clause. */
function describesNounBefore(tokens: Token[], words: string[], k: number, text: string): boolean {
  for (let j = k - 1; j >= Math.max(0, k - 3); j--) {
    if ((tokens[j] as Token).clause !== (tokens[k] as Token).clause) break;
    // "…cuatro números, ¿cuáles pones?": after punctuation the question is a sentence of its own.
    if (/[,;:?]/.test(text.slice((tokens[j] as Token).end, (tokens[j + 1] as Token).start))) break;
    const w = words[j] as string;
    if (CODE_NOUNS.has(w) || DIGIT_WORDS.has(w) || NUMBER_NOUNS.has(w)) return true;
  }
  return false;
}

/** A postal word in the sentence just before a short one (six words at most) holding token i. */
function postalBefore(tokens: Token[], words: string[], i: number): boolean {
  const sentence = (tokens[i] as Token).sentence;
  let start = i;
  while (start > 0 && (tokens[start - 1] as Token).sentence === sentence) start--;
  let end = i;
  while (end + 1 < tokens.length && (tokens[end + 1] as Token).sentence === sentence) end++;
  if (end - start + 1 > 6 || start === 0) return false;
  const previous = (tokens[start - 1] as Token).sentence;
  for (let k = start - 1; k >= Math.max(0, start - 12); k--) {
    if ((tokens[k] as Token).sentence !== previous) break;
    if (POSTAL_WORDS.has(words[k] as string)) return true;
  }
  return false;
}

/** "the bank's SMS", "bank ka message", "رسالة البنك" (after): a message whose sender is the bank. */
function ownedBySource(tokens: Token[], words: string[], k: number): boolean {
  // "Bank se jo message": the owner, "from", and a relative word may stand before the message.
  for (let j = k - 1; j >= Math.max(0, k - 3); j--) {
    if ((tokens[j] as Token).sentence !== (tokens[k] as Token).sentence) break;
    if (SOURCE_OWNERS.has(words[j] as string)) return true;
  }
  return false;
}

function tokenIndexAtOrAfter(tokens: Token[], end: number, from: number): number {
  let k = from;
  while (k + 1 < tokens.length && (tokens[k + 1] as Token).start < end) k++;
  return k;
}
