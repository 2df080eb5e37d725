import { z } from "zod";
import { textSpanSchema } from "../finding.ts";
import { explainSecretRequest } from "./explainSecretRequest.ts";
import { type CueKind, isEntryVerb, requestCueAt } from "./findRequestCue.ts";
import { findSecretTerms, type SecretMention } from "./findSecretTerms.ts";
import { normaliseText } from "./normaliseText.ts";
import {
  ANAPHORS,
  ASK_VERB_WITH_CLITIC,
  ASK_VERBS,
  CONDITIONALS,
  CURRENT_WORDS,
  DEFINITION,
  ELSEWHERE,
  FILLER,
  MANAGE_VERBS,
  NEED_WORDS,
  NEGATION_CANCELLERS,
  NEGATORS,
  NOBODY_TARGET,
  PLACE_FILLER,
  PLEASE_WORDS,
  POSSESSIVES,
  PURPOSE_WORDS,
  RELATIVE_PRONOUNS,
  THIRD_PARTIES,
} from "./requestWords.ts";
import { type SecretKind, secretKindSchema } from "./secretKind.ts";
import { clauseStartOf, splitClauses, type Token, tokenIndexAt } from "./splitClauses.ts";

export const secretRequestFindingSchema = z.object({
  kind: secretKindSchema,
  /** Where the secret is named, in the original text (UTF-16 offsets, end exclusive). */
  span: textSpanSchema,
  /** The original words at the span. */
  matched: z.string(),
  /** Plain language for a marketer: what was found and what to write instead. */
  explanation: z.string(),
});

export type SecretRequestFinding = z.infer<typeof secretRequestFindingSchema>;

export interface SecretRequestResult {
  block: boolean;
  findings: SecretRequestFinding[];
}

/**
 * Decides whether a text asks the customer for a password, PIN, CVV, one-time code or card number,
 * in English, Indonesian, Malay, Spanish or Portuguese, however it is disguised. Warnings ("we will
 * never ask for your PIN") and homonyms ("pin your location") pass. Never throws.
 * @example detectSecretRequest("Please send us your P.I.N").block === true
 */
export function detectSecretRequest(text: string): SecretRequestResult {
  if (typeof text !== "string" || text.length === 0) return { block: false, findings: [] };
  try {
    return detect(text);
  } catch {
    // A text we could not check must not reach a customer: fail closed, visibly.
    return {
      block: true,
      findings: [
        {
          kind: "password",
          span: { start: 0, end: text.length },
          matched: text.slice(0, 200),
          explanation: "This text could not be checked for requests for secrets, so it is held back.",
        },
      ],
    };
  }
}

// "Enter password SUMMER24 to open the PDF", "OTP: 482910": the text hands a value over, it asks for none.
const VALUE_AFTER =
  /^\s*(?:is|adalah|ialah|es|é|e|:|=|-)?\s*["'“‘]?(?=[A-Z0-9-]*[0-9])[A-Z0-9][A-Z0-9-]{3,}(?![\p{L}\p{N}])/u;

function givesValue(original: string, end: number): boolean {
  return VALUE_AFTER.test(original.slice(end, end + 40));
}

const TOPIC_NOUNS =
  /^(reset|resets|change|changes|recovery|renewal|expiry|strength|policy|hint|manager|reminder|cambio|recuperacion|recuperacao|troca|redefinicao|restablecimiento)$/;

const LINK =
  /\bhttps?:\/\/\S+|\bwww\.\S+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|id|my|co|io|ly|me|app|link|info|biz|xyz|br|mx|es|pt|gl|gd|to|cc)\/\S*/g;

/** Words inside a link ("…/reset-password?otp=") are an address, not a request. */
function withoutLinks(mentions: SecretMention[], text: string): SecretMention[] {
  if (mentions.length === 0 || !/[./]/.test(text)) return mentions;
  const links: Array<[number, number]> = [];
  LINK.lastIndex = 0;
  for (let m = LINK.exec(text); m; m = LINK.exec(text)) links.push([m.index, m.index + m[0].length]);
  if (links.length === 0) return mentions;
  return mentions.filter((x) => !links.some(([a, b]) => a <= x.start && x.end <= b));
}

const TRAILING_INVISIBLE = /[\p{M}\u200b-\u200f\u2060-\u2064\ufeff]/u;

function detect(original: string): SecretRequestResult {
  // Fold without the index map first: most texts never name a secret, and the map is only needed
  // to point at one. The folded text is the same either way, so mention positions carry over.
  const quick = normaliseText(original, false);
  const text = quick.text;
  const mentions = withoutLinks(findSecretTerms(text, quick.joinedRuns), text);
  if (mentions.length === 0) return { block: false, findings: [] };
  const norm = normaliseText(original);

  const tokens = splitClauses(text, mentions);
  const safeClauses = new Map<number, boolean>();
  const findings: SecretRequestFinding[] = [];
  const requested: SecretMention[] = [];
  for (const mention of mentions) {
    if (givesValue(original, norm.end[mention.end - 1] ?? original.length)) continue;
    if (isRequested(mention, tokens, text, safeClauses)) requested.push(mention);
  }
  requested.push(...anaphoricRequests(mentions, requested, tokens, text, safeClauses));

  for (const m of requested) {
    const start = norm.start[m.start] ?? 0;
    let end = norm.end[m.end - 1] ?? original.length;
    // Marks and invisible characters folded away at the end ("P̲I̲N̲") still belong to the word.
    while (end < original.length && TRAILING_INVISIBLE.test(original[end] as string)) end++;
    const matched = original.slice(start, end);
    findings.push({
      kind: m.kind,
      span: { start, end },
      matched,
      explanation: explainSecretRequest(m.kind, matched, m.pointsBack === true),
    });
  }
  findings.sort((a, b) => a.span.start - b.span.start);
  return { block: findings.length > 0, findings };
}

/** "Enter your PIN at the ATM": the clause names a safe place to type the secret. Cached per clause. */
function isSafeClause(cache: Map<number, boolean>, clause: number, clauseText: string): boolean {
  let safe = cache.get(clause);
  if (safe === undefined) {
    safe = ELSEWHERE.test(clauseText);
    cache.set(clause, safe);
  }
  return safe;
}

/** Whether the clause around a mention asks the reader to hand the secret over. */
function isRequested(
  mention: SecretMention,
  tokens: Token[],
  text: string,
  safeClauses: Map<number, boolean>,
): boolean {
  const first = tokenIndexAt(tokens, mention.start);
  let last = first;
  while (last + 1 < tokens.length && (tokens[last + 1] as Token).start < mention.end) last++;
  const clause = (tokens[first] as Token).clause;
  let from = first;
  while (from > 0 && (tokens[from - 1] as Token).clause === clause) from--;
  let to = last;
  while (to + 1 < tokens.length && (tokens[to + 1] as Token).clause === clause) to++;

  const clauseText = text.slice((tokens[from] as Token).start, (tokens[to] as Token).end);
  if (NOBODY_TARGET.test(clauseText)) return false;
  const safePlace = isSafeClause(safeClauses, clause, clauseText);
  if (isManagedTopic(tokens, from, first)) return false;
  // "Is it safe to share my OTP?": the customer's own question, as in an FAQ heading. A button saying
  // "Send my PIN" is not a question and still counts.
  if (
    (/^(my|mi|mis|meu|minha|meus|minhas)$/.test(tokens[first - 1]?.word ?? "") ||
      /^(saya|aku|gue|gw)$/.test(tokens[last + 1]?.word ?? "")) &&
    /^[^.!\n]*\?/.test(text.slice(mention.end))
  )
    return false;
  // "a PIN reset", "password change": the secret names a service, not something to hand over.
  if (TOPIC_NOUNS.test(tokens[last + 1]?.word ?? "")) return false;

  if (!safePlace && isFormLabel(text, mention, tokens, from, to)) return true;
  if (!safePlace && isListAfterAsk(tokens, text, first)) return true;

  for (let i = from; i <= to; i++) {
    if (i >= first && i <= last) continue;
    const cue = requestCueAt(tokens, i, from);
    if (!cue) continue;
    // "Enter your PIN at the ATM" is advice; "send us the code shown in your app" still asks.
    if (safePlace && (cue !== "ask" || isEntryVerb((tokens[i] as Token).word))) continue;
    if (cue === "question" && !questionAboutReader(tokens, first, last, from, to, text, mention)) continue;
    if (cue === "please" && !besideMention(tokens, i, first, last)) continue;
    if (cue === "ask" && i > last && !verbAfterPointsBack(tokens, last, i)) continue;
    // "Request a new PIN at any branch", "minta PIN baru": the customer asks the bank to issue one.
    if (cue === "need" && i < first && isFreshOne(tokens, first, last)) continue;
    // "Card payments need a PIN above $100": a PIN in general, not the reader's.
    if (cue === "need" && i < first && /^(a|an|un|una|um|uma|sebuah)$/.test(tokens[first - 1]?.word ?? ""))
      continue;
    if (isNegatedOrReported(tokens, from, Math.min(i, first), cue)) continue;
    if (labelledScam(tokens, Math.max(i, last) + 1, to)) continue;
    // "Payments under $50 need no PIN": a negator between the request and the secret.
    if (i < first && hasNegatorBetween(tokens, i + 1, first)) continue;
    // "Your PIN will never be requested": the negator sits between the secret and the verb.
    if (i > last && hasNegatorBetween(tokens, last + 1, i)) continue;
    // "Type RESEND to get a new OTP": the verb's object comes before "to"; the secret belongs to the purpose.
    if (cue === "ask" && i < first && hasPurposeBetween(tokens, i + 1, first)) continue;
    return true;
  }
  return (
    isTopicThenRequest(tokens, to) ||
    isTrailingPlease(tokens, to, first) ||
    (!safePlace && isHandedOverHere(tokens, first, text))
  );
}

// "The PIN can be typed right here", "OTP-nya bisa diketik di chat ini": any form of a handing-over
// verb plus "here / in this chat" asks for the secret in the conversation, passive or not.
const IN_THIS_CHAT =
  /\b(?:here|this chat|the chat|di ?sini|ke ?sini|di chat|dalam chat|chat ini|aqui|aca|en el chat|en este chat|no chat|neste chat|nesse chat)\b/;
const HANDED_OVER =
  // Past forms of "send" are left out: "your OTP was sent here" informs.
  /\b(?:typed|entered|written|shared|pasted|accepted|provided|diketik|ditulis|dimasukkan|diisi|ditaip|diberikan|escrita|escrito|escribir|escribirse|ingresar|ingresada|ingresado|enviar|digitada|digitado|digitar|informar|compartida|compartido|compartilhada|compartilhado)\b/;

function isHandedOverHere(tokens: Token[], first: number, text: string): boolean {
  // The sentence, not the clause: "PIN boleh ditaip terus di sini" and "Tu NIP se puede escribir aquí"
  // are split into clauses at "terus" and "se", but the pointer still belongs to the secret.
  const sentence = (tokens[first] as Token).sentence;
  let from = first;
  while (from > 0 && (tokens[from - 1] as Token).sentence === sentence) from--;
  let to = first;
  while (to + 1 < tokens.length && (tokens[to + 1] as Token).sentence === sentence) to++;
  const sentenceText = text.slice((tokens[from] as Token).start, (tokens[to] as Token).end);
  if (!IN_THIS_CHAT.test(sentenceText) || !HANDED_OVER.test(sentenceText)) return false;
  for (let k = from; k <= to; k++) {
    const w = (tokens[k] as Token).word;
    // Portuguese "no chat" is "in the chat", not a negation.
    if (w === "no" && /^(chat|app|site|whatsapp)$/.test(tokens[k + 1]?.word ?? "")) continue;
    if (NEGATORS.has(w) || w.endsWith("n't") || THIRD_PARTIES.has(w)) return false;
  }
  return true;
}

/** "Your password, please.": a comma, then only "please" (and friendly fillers) to the end of the sentence. */
function isTrailingPlease(tokens: Token[], clauseEnd: number, first: number): boolean {
  const head = tokens[clauseEnd + 1];
  if (!head || head.sentence !== (tokens[clauseEnd] as Token).sentence || !PLEASE_WORDS.has(head.word))
    return false;
  if (clauseEnd - first > 3) return false;
  for (let k = clauseEnd + 1; k < tokens.length && (tokens[k] as Token).sentence === head.sentence; k++) {
    if (!PLEASE_WORDS.has((tokens[k] as Token).word) && !PLACE_FILLER.has((tokens[k] as Token).word))
      return false;
  }
  return true;
}

/** "PIN kamu, ketik di sini" asks; "we'll send an OTP to confirm your order" does not. */
function verbAfterPointsBack(tokens: Token[], last: number, cue: number): boolean {
  if (cue - last > 5) return false;
  const between = tokens.slice(last + 1, cue).map((t) => t.word);
  if (between.some((w) => PURPOSE_WORDS.has(w) && w !== "to")) return false;
  if (cue - last > 3) return between.every((w) => PLACE_FILLER.has(w) || PLEASE_WORDS.has(w));
  return !between.includes("to");
}

// After these, "to"/"pra"/"untuk" names who receives the secret ("send it to us"), not a purpose.
const RECIPIENTS =
  /^(us|me|our|the|this|that|gente|nos|nosotros|mim|nosso|nossa|kami|saya|kita|ini|itu|el|la|o|a|you|anda|kamu)$/;

const FRESH = /^(new|another|replacement|baru|nuevo|nueva|novo|nova|otro|otra|outro|outra|lain)$/;

function isFreshOne(tokens: Token[], first: number, last: number): boolean {
  return FRESH.test(tokens[first - 1]?.word ?? "") || FRESH.test(tokens[last + 1]?.word ?? "");
}

function hasPurposeBetween(tokens: Token[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    if (PURPOSE_WORDS.has((tokens[k] as Token).word) && !RECIPIENTS.test(tokens[k + 1]?.word ?? ""))
      return true;
  }
  return false;
}

function hasNegatorBetween(tokens: Token[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const w = (tokens[k] as Token).word;
    // Portuguese "no"/"na" also mean "in the" ("mande no direct a senha"): only "need no PIN" negates.
    if (w === "no" && k + 1 !== to) continue;
    if (NEGATORS.has(w) || w.endsWith("n't")) return true;
  }
  return false;
}

/** "Kod yang kami hantar tadi, sila taip di sini": the secret is named, then the next clause asks for it. */
function isTopicThenRequest(tokens: Token[], clauseEnd: number): boolean {
  const next = clauseEnd + 1;
  const head = tokens[next];
  if (!head || head.sentence !== (tokens[clauseEnd] as Token).sentence) return false;
  let k = next;
  while (k < tokens.length && PLEASE_WORDS.has((tokens[k] as Token).word)) k++;
  const verb = tokens[k];
  if (!verb || verb.clause !== head.clause) return false;
  if (!(ASK_VERBS.has(verb.word) || ASK_VERB_WITH_CLITIC.test(verb.word))) return false;
  for (k++; k < tokens.length && (tokens[k] as Token).clause === head.clause; k++) {
    if (!PLACE_FILLER.has((tokens[k] as Token).word)) return false;
  }
  return true;
}

/** "reset your password", "lupa PIN": the secret is what the sentence is about, not what it asks for. */
function isManagedTopic(tokens: Token[], clauseStart: number, first: number): boolean {
  for (let k = first - 1; k >= Math.max(clauseStart, first - 3); k--) {
    const w = (tokens[k] as Token).word;
    if (CURRENT_WORDS.has(w)) return false;
    if (MANAGE_VERBS.has(w)) return true;
  }
  return false;
}

/** A negator or a third party before the request in the same clause makes it a warning. */
function isNegatedOrReported(tokens: Token[], from: number, before: number, cue?: CueKind): boolean {
  // "If anyone asks for your PIN…", "Jika ada yang meminta PIN…": a hypothetical ask is a warning.
  // Spanish impersonal "se requiere tu contraseña" is not Portuguese "se" (if).
  const impersonal = (tokens[from] as Token).word === "se" && from + 1 === before;
  if (cue === "need" && CONDITIONALS.has((tokens[from] as Token).word) && !impersonal) return true;
  if (cue === "need" && before > from && RELATIVE_PRONOUNS.has((tokens[before - 1] as Token).word))
    return true;
  for (let k = from; k < before; k++) {
    const w = (tokens[k] as Token).word;
    if (THIRD_PARTIES.has(w)) return true;
    if (w === "ada" && tokens[k + 1]?.word === "yang") return true;
    // "Messages asking for your OTP…", "links that ask you to type…": describing a scam's messages.
    if (CARRIERS.test(w) && CARRIER_LINK.test(tokens[k + 1]?.word ?? "")) return true;
    if (w.endsWith("n't") || NEGATORS.has(w)) {
      // "Boleh tak awak bagi TAC?", "bisa gak kirim OTP?": "or not" turns it into a question.
      if (/^(boleh|bisa|mau|nak|dapat|can)$/.test(tokens[k - 1]?.word ?? "") && k + 1 < before) continue;
      // "don't forget to type your PIN" urges rather than forbids.
      let next = tokens[k + 1]?.word;
      if (next === "se" || next === "te" || next === "to" || next === "you") next = tokens[k + 2]?.word;
      if (next && NEGATION_CANCELLERS.has(next)) continue;
      // "no one will ask" and "no need to send" are negations; Portuguese "no" is also "in the".
      return true;
    }
  }
  return false;
}

const SENT_TO_READER =
  /\b(sent|texted|received|got|enviamos|mandamos|enviado|enviada|recebeu|recibiste|recibir|receber|kirim|dikirim|kirimkan|terima|diterima|hantar|dihantar|masuk|chegou|llego)\b/;
const CARRIERS =
  /^(messages?|calls?|emails?|e-mails?|links?|sites?|websites?|texts?|sms|pages?|apps?|pesan|telepon|panggilan|tautan|situs|mesej|pautan|mensajes?|llamadas?|correos?|enlaces?|paginas?|mensagens?|mensagem|ligacoes|ligacao|chamadas?|paginas?)$/;
const CARRIER_LINK = /^(asking|requesting|that|which|who|yang|que|pidiendo|pedindo|solicitando|meminta)$/;
const PREVENTING =
  /\b(to|untuk|para|agar|supaya|avoid|prevent|protect|from|against|evitar|prevenir|menghindari|hindari|mencegah|dari|contra|elak|mengelak|daripada|de)\b/;
const SCAM_LABELS =
  /^(scam|scams|scammer|scammers|fraud|frauds|fraudulent|fake|phishing|penipuan|palsu|hoax|tipu|penipu|fraude|fraudes|estafa|estafas|falso|falsa|falsos|falsas|golpe|golpes)$/;

/** "Asking for your OTP via WhatsApp is a scam": the clause calls the request a scam (not "not a scam"). */
function labelledScam(tokens: Token[], from: number, to: number): boolean {
  for (let k = from; k <= to; k++) {
    if (!SCAM_LABELS.test((tokens[k] as Token).word)) continue;
    const before = `${tokens[k - 3]?.word ?? ""} ${tokens[k - 2]?.word ?? ""} ${tokens[k - 1]?.word ?? ""}`;
    // "not a scam" denies it; "to avoid fraud" names what the request claims to prevent.
    if (/\b(not|no|bukan|tidak|nao|isn't|isnt|aren't|arent)\b/.test(before)) continue;
    if (PREVENTING.test(before)) continue;
    return true;
  }
  return false;
}

/** "What is your PIN?" asks; "What is a PIN?" or "what should I do if I lose my PIN" does not. */
function questionAboutReader(
  tokens: Token[],
  first: number,
  last: number,
  from: number,
  to: number,
  text: string,
  mention: SecretMention,
): boolean {
  const clauseText = text.slice((tokens[from] as Token).start, (tokens[to] as Token).end);
  if (DEFINITION.test(clauseText)) return false;
  // "What is the code we sent?": a code that was sent to the reader is theirs.
  if (SENT_TO_READER.test(clauseText)) return true;
  if (/(nya|mu)$/.test(text.slice(mention.start, mention.end))) return true;
  for (let k = Math.max(from, first - 3); k <= Math.min(to, last + 3); k++) {
    if (POSSESSIVES.has((tokens[k] as Token).word)) return true;
  }
  // "What's the card number?": nobody asks that as an FAQ; in a chat it asks for the reader's card.
  return mention.kind === "card-number" && /^(the|el|la|o)$/.test(tokens[first - 1]?.word ?? "");
}

/** "PIN please", "mohon kode OTP nya": "please" with only fillers between it and the secret. */
function besideMention(tokens: Token[], cue: number, first: number, last: number): boolean {
  if (cue < first) {
    for (let k = cue + 1; k < first; k++) if (!FILLER.has((tokens[k] as Token).word)) return false;
    return first - cue <= 5;
  }
  for (let k = last + 1; k < cue; k++) if (!FILLER.has((tokens[k] as Token).word)) return false;
  return cue - last <= 5;
}

const LABEL_AFTER =
  /^\s*(?:(?:anda|kamu|awak|number|nombor|nomor|numero|no|is|adalah|es|e|ialah|berapa|apa|kartu|kad|card|tarjeta|cartao|de|do|da|la|tu|su|seu|sua|your)\s*){0,3}(?:[:=]\s*(?:$|\n|_{2,}|\.{3,}|\[\s*\]|\(\s*\)|\*{2,}|x{3,}|#{3,}|-{2,}|<[^>]*>)|\?\s*$)/;

const LIST_INTRO =
  /^(update|following|berikut|siguientes|seguintes|details|detail|data|datos|dados|butiran|maklumat|info|information|informasi)$/;

/** "Update your details: card number, expiry and CVV": a colon introducing what to hand over. */
function isListAfterAsk(tokens: Token[], text: string, first: number): boolean {
  const sentence = (tokens[first] as Token).sentence;
  let k = first - 1;
  while (
    k >= 0 &&
    (tokens[k] as Token).sentence === sentence &&
    !text.slice((tokens[k] as Token).end, (tokens[k + 1] as Token).start).includes(":")
  )
    k--;
  if (k < 0 || (tokens[k] as Token).sentence !== sentence) return false;
  let sentenceStart = k;
  while (sentenceStart > 0 && (tokens[sentenceStart - 1] as Token).sentence === sentence) sentenceStart--;
  let asks = false;
  for (let j = sentenceStart; j <= k; j++) {
    const w = (tokens[j] as Token).word;
    if (NEGATORS.has(w) || w.endsWith("n't") || THIRD_PARTIES.has(w)) return false;
    if (ASK_VERBS.has(w) || NEED_WORDS.has(w) || LIST_INTRO.test(w)) asks = true;
  }
  return asks;
}

/** "PIN: ____" or a bare "Your OTP?" is a form asking to be filled in. */
function isFormLabel(
  text: string,
  mention: SecretMention,
  tokens: Token[],
  from: number,
  to: number,
): boolean {
  const after = text.slice(mention.end, mention.end + 20);
  if (!LABEL_AFTER.test(after)) return false;
  if (after.trimStart().startsWith("?"))
    return to - from <= 4 && !DEFINITION.test(text.slice((tokens[from] as Token).start, mention.end));
  return true;
}

/** "We sent you an OTP. Reply with it here." asks for the secret by pointing back at it. */
function anaphoricRequests(
  mentions: SecretMention[],
  requested: SecretMention[],
  tokens: Token[],
  text: string,
  safeClauses: Map<number, boolean>,
): SecretMention[] {
  const extra: SecretMention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const word = (tokens[i] as Token).word;
    const clitic = ASK_VERB_WITH_CLITIC.test(word) && /(lo|la|los|las)$/.test(word);
    const cue = clitic ? "ask" : requestCueAt(tokens, i, clauseStartOf(tokens, i));
    if (cue !== "ask") continue;
    let anaphor = clitic ? i : -1;
    // Portuguese "digite-o", "envie-a": the object pronoun hangs on the verb with a hyphen.
    const next = tokens[i + 1];
    if (
      anaphor < 0 &&
      next &&
      /^(o|a|os|as)$/.test(next.word) &&
      text.slice((tokens[i] as Token).end, next.start) === "-"
    )
      anaphor = i + 1;
    for (let k = i + 1; anaphor < 0 && k <= i + 3 && k < tokens.length; k++) {
      const t = tokens[k] as Token;
      if (t.clause !== (tokens[i] as Token).clause) break;
      if (/^kode?nya$/.test(t.word) || (ANAPHORS.has(t.word) && pointsBack(tokens, k))) anaphor = k;
    }
    if (anaphor < 0) continue;
    const here = (tokens[anaphor] as Token).start;
    if (mentions.some((m) => m.start <= here && here < m.end)) continue;
    const earlier = [...mentions]
      .reverse()
      .find((m) => m.end <= (tokens[i] as Token).start && (tokens[i] as Token).start - m.end < 300);
    if (!earlier || requested.includes(earlier)) continue;
    const from = clauseStartOf(tokens, i);
    let to = i;
    while (to + 1 < tokens.length && (tokens[to + 1] as Token).clause === (tokens[i] as Token).clause) to++;
    const clauseText = text.slice((tokens[from] as Token).start, (tokens[to] as Token).end);
    if (NOBODY_TARGET.test(clauseText)) continue;
    if (isEntryVerb(word) && isSafeClause(safeClauses, (tokens[i] as Token).clause, clauseText)) continue;
    if (isNegatedOrReported(tokens, from, i)) continue;
    const t = tokens[anaphor] as Token;
    extra.push({ kind: earlier.kind, start: t.start, end: t.end, pointsBack: true });
  }
  return extra;
}

const NOUN_ANAPHORS = /^(code|codes|kode|kod|codigo|number|nomor|numero|digits|angka)$/;

const DETERMINERS = /^(the|that|this|those|these|el|ese|este|esa|esta|o|esse|essa|aquele)$/;

const POST_DETERMINERS = /^(tersebut|itu|ini|tadi|td)$/;

/** "reply with it", "the code", "kode tersebut" point back; "your account number" is a new thing. */
function pointsBack(tokens: Token[], k: number): boolean {
  const word = (tokens[k] as Token).word;
  if (!NOUN_ANAPHORS.test(word)) return true;
  return DETERMINERS.test(tokens[k - 1]?.word ?? "") || POST_DETERMINERS.test(tokens[k + 1]?.word ?? "");
}

export type { SecretKind };
