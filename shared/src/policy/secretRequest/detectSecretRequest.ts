import { z } from "zod";
import { textSpanSchema } from "../finding.ts";
import { type FoundLink, findLinks } from "../links/findLinks.ts";
import { isAllowedHost } from "../links/hosts.ts";
import { describedMentions } from "./describedSecrets.ts";
import { explainSecretRequest } from "./explainSecretRequest.ts";
import { type CueKind, isEntryVerb, requestCueAt } from "./findRequestCue.ts";
import { findSecretTerms, type SecretMention } from "./findSecretTerms.ts";
import {
  ALOUD_WORDS,
  ARRIVAL_WORDS,
  ARTICLE_PRONOUNS,
  CARRIER_LINKS,
  CARRIERS,
  CONJUNCTIONS,
  CONTENT_NOUNS,
  COPULAS,
  COPY_TO_US_VERBS,
  COPY_VERBS,
  DEFINITION_PHRASES,
  DELIVERED_WORDS,
  DETERMINERS,
  DIGIT_WORDS,
  EXCEPTION_WORDS,
  FRESH_WORDS,
  HABIT_WORDS,
  HANDED_OVER_WORDS,
  HERE_WORDS,
  HOMONYM_CONTEXTS,
  HYPHEN_OBJECTS,
  isKnownWord,
  KEYWORD_NOUNS,
  LIGHT_WORDS,
  LIST_INTROS,
  MENU_OUTCOMES,
  MENU_VERBS,
  MESSAGE_NOUNS,
  mayNameSecret,
  NOBODY_PHRASES,
  NOUN_ANAPHORS,
  OBJECT_SUFFIXES,
  OF_WORDS,
  OR_WORDS,
  PASSIVE_ASKS,
  PLACE_NOUNS,
  PLACE_PREPOSITIONS,
  POST_DETERMINERS,
  PREVENT_WORDS,
  PREVERB_ANAPHORS,
  READ_OUT_WORDS,
  RECEIVED_QUESTION_PHRASES,
  RECIPIENTS,
  readWord,
  roleWords,
  SAFE_PLACE_PHRASES,
  SCAM_LABELS,
  SECRET_PHRASES,
  SENT_WORDS,
  SHOWING_WORDS,
  SOURCE_OWNERS,
  STATUS_WORDS,
  THING_WORDS,
  TOPIC_NOUNS,
  USE_VERBS,
  YES_NO_PARTICLES,
} from "./lexicon.ts";
import { linkLureReason } from "./linkLure.ts";
import { normaliseText } from "./normaliseText.ts";
import {
  ANAPHORS,
  ASK_VERBS,
  CLAUSE_STARTERS,
  COMMA_CLAUSE_STARTERS,
  CONDITIONALS,
  CURRENT_WORDS,
  DEFINITION,
  FILLER,
  INFORMING_SUBJECTS,
  MANAGE_VERBS,
  NEED_WORDS,
  NEGATION_CANCELLERS,
  NEGATORS,
  NOBODY_TARGET,
  PLACE_FILLER,
  PLEASE_WORDS,
  POSSESSIVES,
  PURPOSE_WORDS,
  QUESTION_WORDS,
  READER_SUBJECTS,
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

export interface DetectOptions {
  /**
   * Hosts the workspace vouches for. A text that asks the customer to log in, verify details or enter
   * a PIN or card data on a linked page asks for secrets unless every link in it is on this list;
   * with no list (the CLI's check-text) every link counts. Leave undefined to skip the link check.
   */
  linkAllowlist?: string[];
}

/**
 * The longest text checked word by word: two WhatsApp messages (a text body holds at most 4,096). Longer texts are held back
 * unread, so no pattern ever runs on more than this.
 */
export const MAX_CHECKED_LENGTH = 8_192;

export interface SecretRequestResult {
  block: boolean;
  findings: SecretRequestFinding[];
}

/**
 * Decides whether a text asks the customer for a password, PIN, CVV, one-time code, card number,
 * security answer or recovery phrase, in any language of ./languages (mixed ones too), however it is
 * disguised, also by sending them to a linked page that is not on the allow-list. Warnings ("we will
 * never ask for your PIN") and homonyms ("pin your location") pass. Never throws.
 * @example detectSecretRequest("Please send us your P.I.N").block === true
 */
export function detectSecretRequest(text: string, options: DetectOptions = {}): SecretRequestResult {
  if (typeof text !== "string" || text.length === 0) return { block: false, findings: [] };
  if (text.length > MAX_CHECKED_LENGTH) {
    return {
      block: true,
      findings: [
        {
          kind: "password",
          span: { start: 0, end: text.length },
          matched: text.slice(0, 200),
          explanation: `This text is ${text.length.toLocaleString("en")} characters long, more than the ${MAX_CHECKED_LENGTH.toLocaleString("en")} that are checked for requests for secrets (WhatsApp itself accepts 4,096), so it is held back. Shorten it.`,
        },
      ],
    };
  }
  const override = firstOverride(text);
  if (override >= 0) {
    // "\u202Edrowssap\u202C" is stored backwards and shown as "password": what the customer reads is
    // not what any check reads, so the text is held back whatever it says.
    return {
      block: true,
      findings: [
        {
          kind: "password",
          span: { start: override, end: override + 1 },
          matched: text.slice(override, override + 40),
          explanation:
            "This text contains a left-to-right or right-to-left override character (U+202D, U+202E), which makes WhatsApp show letters in another order than they are written, so it could hide a request for a secret. Remove it; right-to-left languages do not need it.",
        },
      ],
    };
  }
  const list = options.linkAllowlist === undefined ? "\u0000" : options.linkAllowlist.join(" ");
  const cached = tracer ? undefined : verdicts.get(list)?.get(text);
  if (cached) return cached;
  try {
    return remember(list, text, detect(text, options));
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

// An Android package named in the text ("jnt-foto-paket.apk"): a file to install from outside any
// store, never on an allow-list. Bounded name, so the scan stays linear.
const APP_FILE = /(?<![\p{L}\p{N}._-])[\p{L}\p{N}][\p{L}\p{N}._-]{0,80}\.apk(?![\p{L}\p{N}])/giu;

/** App files the text asks to open or install, judged like links outside the allow-list. */
function appFiles(text: string): FoundLink[] {
  const out: FoundLink[] = [];
  if (!/\.apk/i.test(text)) return out;
  for (const m of text.matchAll(APP_FILE)) {
    out.push({ url: m[0], host: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length });
    if (out.length >= 20) break;
  }
  return out;
}

/** Where the first bidirectional override (U+202D or U+202E) is, or -1. One pass. */
function firstOverride(text: string): number {
  const lro = text.indexOf("\u202D");
  const rlo = text.indexOf("\u202E");
  return lro < 0 ? rlo : rlo < 0 ? lro : Math.min(lro, rlo);
}

/**
 * Verdicts of recent texts. The editor lints the whole flow on every keystroke and a flow repeats
 * texts (footers, warnings, re-prompts), so nearly every text was judged a moment ago; the verdict
 * depends on the text and the allow-list alone. Bounded by the characters held.
 */
const verdicts = new Map<string, Map<string, SecretRequestResult>>();
const MAX_VERDICT_CHARS = 4_000_000;
let verdictChars = 0;

function remember(list: string, text: string, result: SecretRequestResult): SecretRequestResult {
  for (const f of result.findings) {
    Object.freeze(f.span);
    Object.freeze(f);
  }
  Object.freeze(result.findings);
  Object.freeze(result);
  // Texts are kept by allow-list (the text's own string is the key, so a lookup hashes nothing new);
  // past the bound everything is dropped and judged again: simpler than an LRU, and rare.
  if (verdictChars > MAX_VERDICT_CHARS) {
    verdicts.clear();
    verdictChars = 0;
  }
  let byText = verdicts.get(list);
  if (!byText) {
    byText = new Map();
    verdicts.set(list, byText);
  }
  byText.set(text, result);
  verdictChars += text.length + 64;
  return result;
}

// "Enter password SUMMER24 to open the PDF", "OTP: 482910": the text hands a value over, it asks for none.
const VALUE_AFTER =
  /^\s*(?:(?:is|adalah|ialah|es|é|e|:|=|-)\s*)?["'“‘]?(?=[A-Z-]*[0-9])[A-Z0-9][A-Z0-9-]{3,}(?![\p{L}\p{N}])/u;

function givesValue(original: string, end: number): boolean {
  return VALUE_AFTER.test(original.slice(end, end + 40));
}

/**
 * "كود التفعيل الخاص بك هو 448812", "Ang iyong verification code ay 552910", "Aapka OTP 884120 hai":
 * past "your" and "is" in any language, the next word is the code itself.
 */
function valueFollows(tokens: Token[], mention: SecretMention): boolean {
  let k = tokenIndexAt(tokens, mention.end - 1) + 1;
  const sentence = tokens[k - 1]?.sentence;
  for (let skipped = 0; skipped < 4 && k < tokens.length; skipped++, k++) {
    const w = (tokens[k] as Token).word;
    if (!(COPULAS.has(w) || POSSESSIVES.has(w) || FILLER.has(w))) break;
  }
  const next = tokens[k];
  // A code has two digits or more and is no word ("delwa2ty" is Arabizi for "now").
  return (
    next !== undefined &&
    next.sentence === sentence &&
    /\d\D*\d/.test(next.word) &&
    /^[a-z0-9]{4,}$/.test(next.word) &&
    !isKnownWord(next.word)
  );
}

const QUOTES = /["'“”‘’«»]/;

/**
 * 'the answer was literally "password"', "la palabra es «clave»": the secret's name quoted after a
 * copula is the word itself, said as a value; nothing asks for it.
 */
function quotedValue(
  original: string,
  start: number,
  end: number,
  tokens: Token[],
  mention: SecretMention,
): boolean {
  if (!QUOTES.test(original[start - 1] ?? "") || !QUOTES.test(original[end] ?? "")) return false;
  const k = tokenIndexAt(tokens, mention.start);
  for (let j = k - 1; j >= Math.max(0, k - 3); j--) if (COPULAS.has((tokens[j] as Token).word)) return true;
  return false;
}

/** Words inside a link ("…/reset-password?otp=") are an address, not a request. */
function withoutLinks(mentions: SecretMention[], text: string): SecretMention[] {
  if (mentions.length === 0 || !/[./]/.test(text)) return mentions;
  const links = findLinks(text);
  if (links.length === 0) return mentions;
  // Both lists are sorted by position: one sweep, not a scan of every link per mention.
  let k = 0;
  return mentions.filter((x) => {
    while (k < links.length && (links[k] as FoundLink).end < x.end) k++;
    const link = links[k];
    return !(link && link.start <= x.start && x.end <= link.end);
  });
}

const TRAILING_INVISIBLE = /[\p{M}\u200b-\u200f\u2060-\u2064\ufeff]/u;

/** Where a trace run writes why each mention was judged as it was; unset outside traceSecretRequest. */
let tracer: string[] | undefined;

function note(mention: SecretMention, verdict: boolean, reason: string): boolean {
  tracer?.push(`${verdict ? "ASKS " : "safe "} ${mention.kind} "${mention.written ?? ""}": ${reason}`);
  return verdict;
}

/**
 * The detector's reasoning on a text, one line per secret it names: whether it is asked for and
 * why. For people tuning the language files and reading a corpus test's misses; the verdict is
 * detectSecretRequest's.
 */
export function traceSecretRequest(text: string, options: DetectOptions = {}): string[] {
  const lines: string[] = [];
  tracer = lines;
  try {
    const { block } = detectSecretRequest(text, options);
    lines.push(block ? "=> block" : "=> allow");
  } finally {
    tracer = undefined;
  }
  return lines;
}

function detect(original: string, options: DetectOptions): SecretRequestResult {
  // Fold without the index map first: most texts never name a secret, and the map is only needed
  // to point at one. The folded text is the same either way, so mention positions carry over.
  const quick = normaliseText(original, false);
  const text = quick.text;
  const named = withoutLinks(findSecretTerms(text, quick.joinedRuns), text);
  if (named.length > MAX_MENTIONS) return tooManyMentions(original, named.length);
  // Links to sites the workspace does not vouch for: a text sending the customer there may be a lure.
  const outside =
    options.linkAllowlist === undefined
      ? []
      : [
          ...findLinks(original).filter((l) => !isAllowedHost(l.host, options.linkAllowlist as string[])),
          ...appFiles(original),
        ];
  if (named.length === 0 && outside.length === 0 && !mayNameSecret(text, false))
    return { block: false, findings: [] };
  const tokens = splitClauses(text, named);
  const words = tokens.map((t) => t.word);
  const mentions = withoutLinks(mergeMentions(named, phraseMentions(tokens, words, text)), text);
  const copied = copiedMessageRequests(tokens, words, text, mentions);
  if (mentions.length === 0 && outside.length === 0 && copied.length === 0)
    return { block: false, findings: [] };
  if (mentions.length > MAX_MENTIONS) return tooManyMentions(original, mentions.length);
  const norm = normaliseText(original);

  const safeClauses = new Map<number, boolean>();
  // Which tokens belong to a secret's name or description.
  const covered = new Uint8Array(tokens.length);
  for (const m of mentions)
    for (let k = tokenIndexAt(tokens, m.start); k < tokens.length && (tokens[k] as Token).start < m.end; k++)
      if ((tokens[k] as Token).end > m.start) covered[k] = 1;
  const findings: SecretRequestFinding[] = [];
  const requested: SecretMention[] = [];
  for (const mention of mentions) {
    mention.written = original.slice(
      norm.start[mention.start] ?? 0,
      norm.end[mention.end - 1] ?? original.length,
    );
    const writtenEnd = norm.end[mention.end - 1] ?? original.length;
    mention.writtenAfter = original.slice(writtenEnd, writtenEnd + 24);
    if (
      givesValue(original, norm.end[mention.end - 1] ?? original.length) ||
      valueFollows(tokens, mention) ||
      quotedValue(original, norm.start[mention.start] ?? 0, norm.end[mention.end - 1] ?? 0, tokens, mention)
    ) {
      mention.givenOut = true;
      note(mention, false, "its value is given out");
      continue;
    }
    if (isRequested(mention, tokens, words, text, safeClauses, covered)) requested.push(mention);
    else if (mention.prompted && promptThenAsked(mention, tokens, words, text, safeClauses)) {
      note(mention, true, "what the app asks for, then asked for");
      requested.push(mention);
    }
  }
  requested.push(...anaphoricRequests(mentions, requested, tokens, words, text, safeClauses));
  if (requested.length === 0) requested.push(...copied);
  // A secret whose value the text gives out ("password 12345") is no lure beside a link.
  if (outside.length > 0)
    findings.push(
      ...linkHarvest(
        outside,
        tokens,
        words,
        text,
        mentions.filter((m) => !m.givenOut),
      ),
    );

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

/**
 * Most secret names judged in one text. A real message names a secret a handful of times; thousands
 * ("pin:pin:pin:…", a customer's answer echoed back) would cost milliseconds each, so such a text is
 * held back unread instead.
 */
const MAX_MENTIONS = 100;

function tooManyMentions(original: string, count: number): SecretRequestResult {
  return {
    block: true,
    findings: [
      {
        kind: "password",
        span: { start: 0, end: original.length },
        matched: original.slice(0, 200),
        explanation: `This text names a PIN, password, code or card ${count} times, more than the ${MAX_MENTIONS} that are checked one by one, so it is held back. No message to a customer needs that many.`,
      },
    ],
  };
}

/** Both lists sorted; where a named and a phrase mention overlap, the named one stays. */
function mergeMentions(named: SecretMention[], phrased: SecretMention[]): SecretMention[] {
  if (phrased.length === 0) return named;
  const out: SecretMention[] = [];
  let i = 0;
  for (const p of phrased) {
    while (i < named.length && (named[i] as SecretMention).end <= p.start)
      out.push(named[i++] as SecretMention);
    const n = named[i];
    if (n && n.start < p.end) {
      // A listed phrase around a named secret ("secure TAC", "kod securetac") is its name as written:
      // the words before the name belong to it (not "secure your TAC").
      let j = i;
      while (j < named.length && (named[j] as SecretMention).start < p.end) j++;
      const inside = named.slice(i, j).every((m) => p.start <= m.start && m.end <= p.end);
      if (inside && p.start < n.start) {
        i = j;
        out.push(p);
      }
      continue;
    }
    out.push(p);
  }
  while (i < named.length) out.push(named[i++] as SecretMention);
  return out;
}

/**
 * Secrets the language files name ("mot de passe", "الرقم السري", "upi pin"), and codes described by
 * where they came from ("le code reçu par SMS", "jo code aaya hai", "code na natanggap mo").
 */
function phraseMentions(tokens: Token[], words: string[], text: string): SecretMention[] {
  const out: SecretMention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const hit = SECRET_PHRASES.matchAt(words, i);
    if (hit) {
      const last = tokens[i + hit.length - 1] as Token;
      if (!inHomonymContext(tokens, words, i, hit.value))
        out.push({ kind: hit.value, start: (tokens[i] as Token).start, end: last.end });
      i += hit.length - 1;
      continue;
    }
    // "OT-P", "pass.word": one name broken by a symbol.
    const next = tokens[i + 1];
    if (next && /^[-._*/]$/.test(text.slice((tokens[i] as Token).end, next.start))) {
      const joined = SECRET_PHRASES.matchAt([readWord(`${(tokens[i] as Token).word}${next.word}`)], 0);
      if (joined) {
        out.push({ kind: joined.value, start: (tokens[i] as Token).start, end: next.end });
        i++;
      }
    }
  }
  return mergeMentions(out, describedMentions(tokens, words, text));
}

/** "password ng wifi", "pin aja di maps": a word of its sentence makes the secret's name something else. */
function inHomonymContext(tokens: Token[], words: string[], i: number, kind: SecretKind): boolean {
  const context = HOMONYM_CONTEXTS.get(kind);
  if (!context) return false;
  const sentence = (tokens[i] as Token).sentence;
  for (let k = i - 1; k >= 0 && (tokens[k] as Token).sentence === sentence; k--)
    if (context.has(words[k] as string)) return true;
  for (let k = i + 1; k < tokens.length && (tokens[k] as Token).sentence === sentence; k++)
    if (context.has(words[k] as string)) return true;
  return false;
}

/**
 * "Log in via the secure link", "confirm your card information here: bit.ly/x": a request for secrets
 * made through a web page. Judged only when a link outside the allow-list is in the text.
 */
function linkHarvest(
  outside: FoundLink[],
  tokens: Token[],
  words: string[],
  text: string,
  mentions: SecretMention[],
): SecretRequestFinding[] {
  const reason = linkLureReason(tokens, words, text, mentions);
  tracer?.push(
    `${reason ? "ASKS " : "safe "} link ${outside.map((l) => l.host).join(", ")}: ${reason ?? "no lure around it"}`,
  );
  if (!reason) return [];
  const hosts = [...new Set(outside.map((l) => l.host))];
  return outside.map((link) => ({
    kind: "login-link" as const,
    span: { start: link.start, end: link.end },
    matched: link.url,
    explanation:
      `This asks the customer to log in, verify their details or enter a PIN, password or card data on ${link.host}, ` +
      "which is not on your workspace's list of allowed websites. Texts like this are how customers get phished, " +
      `so it is held back. If ${hosts.length > 1 ? "these are" : "this is"} your business's own website, ask an admin to add ` +
      `${hosts.join(", ")} to the workspace's allowed websites (Settings → Links); otherwise remove the link.`,
  }));
}

/**
 * "Enter your PIN at the ATM": the clause names a safe place to type the secret. A place the code
 * comes from ("the number showing in your app", "app me jo number aa rahe hain") is its source, not
 * where to type it. Cached per clause.
 */
function isSafeClause(
  cache: Map<number, boolean>,
  clause: number,
  words: string[],
  from: number,
  to: number,
): boolean {
  let safe = cache.get(clause);
  if (safe === undefined) {
    safe = false;
    for (let i = from; i <= to && !safe; i++) {
      const hit = SAFE_PLACE_PHRASES.matchAt(words, i, to + 1);
      if (
        hit &&
        !nearSource(words, i + hit.length - 1, from, to) &&
        !habitualUse(words, i, i + hit.length, from, to)
      )
        safe = true;
      // "at the nearest ATM", "di aplikasi BCA mobile", "en el cajero": a place noun soon after a
      // preposition of place.
      if (!safe && PLACE_PREPOSITIONS.has(words[i] as string)) {
        for (let k = i + 1; k <= Math.min(to, i + 4); k++) {
          if (
            PLACE_NOUNS.has(words[k] as string) &&
            !nearSource(words, k, from, to) &&
            !habitualUse(words, i, k + 1, from, to)
          ) {
            safe = true;
            break;
          }
        }
      }
    }
    cache.set(clause, safe);
  }
  return safe;
}

/**
 * "the four digits you use at the ATM", "los dígitos que usas en el cajero", "PIN yang kamu pakai di
 * ATM", "jo aap ATM mein daalte ho": the place is where the reader habitually uses the secret, which
 * describes it, not where to type it now ("Enter your PIN at the ATM" stays advice).
 */
function habitualUse(words: string[], at: number, end: number, from: number, to: number): boolean {
  for (let k = Math.max(from + 1, at - 5); k < at; k++)
    if (
      USE_VERBS.has(words[k] as string) &&
      (HABIT_WORDS.has(words[k - 1] as string) ||
        RELATIVE_PRONOUNS.has(words[k - 1] as string) ||
        // "que vous composez", "yang anda guna": the reader between the pronoun and the verb.
        (RELATIVE_PRONOUNS.has(words[k - 2] ?? "") && READER_SUBJECTS.has(words[k - 1] as string))) &&
      // "…when you type it at the ATM": advice on typing it, with its own object and a "when".
      !CONDITIONALS.has(words[k - 2] ?? "") &&
      !words.slice(k + 1, at).some((w) => ANAPHORS.has(w))
    )
      return true;
  for (let k = end; k <= Math.min(to - 1, end + 1); k++)
    if (USE_VERBS.has(words[k] as string) && HABIT_WORDS.has(words[k + 1] as string)) return true;
  return false;
}

/** Whether a source word ("showing", "muncul", "aa rahe") sits within a few words of a place. */
function nearSource(words: string[], at: number, from: number, to: number): boolean {
  for (let k = Math.max(from, at - 4); k <= Math.min(to, at + 6); k++) {
    const w = words[k] as string;
    // "…dalam aplikasi untuk log masuk": after a purpose word the words are the purpose's.
    if (k > at && PURPOSE_WORDS.has(w)) break;
    if (SHOWING_WORDS.has(w) || ARRIVAL_WORDS.has(w)) return true;
  }
  return false;
}

/** Whether the clause around a mention asks the reader to hand the secret over. */
function isRequested(
  mention: SecretMention,
  tokens: Token[],
  words: string[],
  text: string,
  safeClauses: Map<number, boolean>,
  covered: Uint8Array,
): boolean {
  const first = tokenIndexAt(tokens, mention.start);
  let last = first;
  while (last + 1 < tokens.length && (tokens[last + 1] as Token).start < mention.end) last++;
  const clause = (tokens[first] as Token).clause;
  let from = first;
  while (from > 0 && (tokens[from - 1] as Token).clause === clause) from--;
  let to = last;
  while (to + 1 < tokens.length && (tokens[to + 1] as Token).clause === clause) to++;
  const why = (verdict: boolean, reason: string) => note(mention, verdict, reason);

  const clauseText = text.slice((tokens[from] as Token).start, (tokens[to] as Token).end);
  if (NOBODY_TARGET.test(clauseText) || NOBODY_PHRASES.occursIn(words, from, to + 1)) {
    // "Don't give it to anyone except this official chat": the exception is the request.
    if (exceptionToUs(tokens, from)) return why(true, "a prohibition with an exception for this chat");
    return why(false, "shared with nobody (a prohibition)");
  }
  const safePlace = isSafeClause(safeClauses, clause, words, from, to);
  // "Did you get the code?": asks whether it arrived, not for the code, unless a verb asks for it too.
  // "¿Qué código te llegó?" asks which code it was: a question word makes it a request.
  if (
    RECEIVED_QUESTION_PHRASES.occursIn(words, from, to + 1) &&
    !hasAskVerb(tokens, from, to) &&
    !asksWhich(tokens, first, last, from, to)
  )
    return why(false, "asks whether it arrived");
  if (isManagedTopic(tokens, from, first)) return why(false, "managed (reset, change, forgot…)");
  // "Is it safe to share my OTP?": the customer's own question, as in an FAQ heading. A button saying
  // "Send my PIN" is not a question and still counts.
  if (
    (/^(my|mi|mis|meu|minha|meus|minhas)$/.test(tokens[first - 1]?.word ?? "") ||
      /^(saya|aku|gue|gw)$/.test(tokens[last + 1]?.word ?? "")) &&
    /^[^.!\n]*\?/.test(text.slice(mention.end, mention.end + 300))
  )
    return why(false, "the customer's own question");
  if (isKeywordMenu(mention, tokens, first, last, text)) return why(false, "a keyword menu");
  // "a PIN reset", "password change": the secret names a service, not something to hand over (not
  // "card number, expiry date": a list).
  const next = tokens[last + 1];
  if (next && TOPIC_NOUNS.has(next.word) && !/[,;:]/.test(text.slice(mention.end, next.start)))
    return why(false, "names a service (PIN reset…)");
  // "Mot de passe oublié ?", "Password bhool gaye?": the manage verb after the secret.
  if (
    next &&
    next.clause === (tokens[last] as Token).clause &&
    MANAGE_VERBS.has(next.word) &&
    // "yang biasa dipakai buat login": a credential described by its use has no topic to manage.
    !USE_VERBS.has((tokens[last] as Token).word) &&
    !/[,;:]/.test(text.slice(mention.end, next.start))
  )
    return why(false, "managed, the verb after it (oublié, bhool…)");

  if (!safePlace && isFormLabel(text, mention, tokens, from, to)) return why(true, "a form label");
  if (!safePlace && isListAfterAsk(tokens, text, first)) return why(true, "a list after an ask");

  for (let i = from; i <= to; i++) {
    if (i >= first && i <= last) continue;
    // "kode verifikasi": a word of another secret's name is no verb.
    if (covered[i] === 1) continue;
    const cue = requestCueAt(tokens, i, from);
    if (!cue) continue;
    // "Enter your PIN at the ATM" is advice; "send us the code shown in your app" still asks.
    if (safePlace && (cue !== "ask" || isEntryVerb((tokens[i] as Token).word))) continue;
    if (cue === "question" && !questionAboutReader(tokens, words, first, last, from, to, text, mention))
      continue;
    if (cue === "please" && !besideMention(tokens, i, first, last)) continue;
    if (cue === "ask" && i > last && !verbAfterPointsBack(tokens, last, i)) continue;
    // "Request a new PIN at any branch", "minta PIN baru": the customer asks the bank to issue one.
    if (cue === "need" && isFreshOne(tokens, first, last)) continue;
    // "Card payments need a PIN above $100": a PIN in general, not the reader's.
    if (cue === "need" && i < first && /^(a|an|un|una|um|uma|sebuah)$/.test(tokens[first - 1]?.word ?? ""))
      continue;
    if (isNegatedOrReported(tokens, from, Math.min(i, first), cue) && !conditionalThreat(tokens, from, to))
      continue;
    if (labelledScam(tokens, Math.max(i, last) + 1, to)) continue;
    // "Payments under $50 need no PIN": a negator between the request and the secret.
    if (i < first && hasNegatorBetween(tokens, i + 1, first)) continue;
    // "Your PIN will never be requested": the negator sits between the secret and the verb.
    if (i > last && hasNegatorBetween(tokens, last + 1, i)) continue;
    // "Type RESEND to get a new OTP": the verb's object comes before "to"; the secret belongs to the purpose.
    if (cue === "ask" && i < first && hasPurposeBetween(tokens, i + 1, first)) continue;
    return why(true, `${cue} "${(tokens[i] as Token).word}" in its clause`);
  }
  if (isTopicThenRequest(tokens, to)) return why(true, "named, then a bare request");
  if (isTrailingPlease(tokens, to, first)) return why(true, "a trailing please");
  if (!safePlace && isHandedOverHere(tokens, words, first)) return why(true, "to be handed over here");
  const stance = askedInSentence(tokens, words, text, first, last, from, to, safePlace);
  if (stance) return why(true, stance);
  // "¿Cómo se llamaba tu maestra favorita? Es tu respuesta de seguridad.": naming the security
  // question next to a question to the reader says what that question asks for.
  if (mention.kind === "security-answer" && besideQuestion(tokens, text, first))
    return why(true, "the question beside it asks for it");
  return why(false, "no ask around it");
}

/**
 * The default stance for a secret: named in a sentence that asks something of the reader (a
 * question, a please, a need, a bare request in another clause), it is what is asked for, unless
 * its own clause is one of the closed safe structures (negated, reported, hypothetical, a status).
 * Returns why it is asked for, or undefined.
 */
function askedInSentence(
  tokens: Token[],
  words: string[],
  text: string,
  first: number,
  last: number,
  from: number,
  to: number,
  safePlace: boolean,
): string | undefined {
  if (clauseWarns(tokens, from, to, first, last)) return undefined;
  if (labelledScam(tokens, from, to)) return undefined;
  // "Need a new PIN?": the customer would get one, not give one.
  if (isFreshOne(tokens, first, last)) return undefined;
  if (STATUS_WORDS.occursIn(words, from, to + 1)) return undefined;
  const sentence = (tokens[first] as Token).sentence;
  let sFrom = first;
  while (sFrom > 0 && (tokens[sFrom - 1] as Token).sentence === sentence) sFrom--;
  let sTo = last;
  while (sTo + 1 < tokens.length && (tokens[sTo + 1] as Token).sentence === sentence) sTo++;
  const sentenceText = text.slice((tokens[sFrom] as Token).start, (tokens[sTo] as Token).end);
  if (DEFINITION.test(sentenceText) || DEFINITION_PHRASES.occursIn(words, sFrom, sTo + 1)) return undefined;
  if (RECEIVED_QUESTION_PHRASES.occursIn(words, sFrom, sTo + 1)) return undefined;
  if (STATUS_WORDS.occursIn(words, sFrom, sTo + 1) && !hasAskVerb(tokens, sFrom, sTo)) return undefined;
  if (isQuestion(text, tokens, sTo)) {
    // "Has the code arrived?", "OTP mila?": a yes/no question about its arrival.
    if (!hasWord(tokens, sFrom, sTo, ARRIVAL_WORDS) || asksWhich(tokens, first, last, sFrom, sTo))
      return "a question about it";
    if (hasAskVerb(tokens, sFrom, sTo)) return "a question about it, with a request";
    return undefined;
  }
  // "Please enter your PIN at the ATM": advice on where to type it.
  if (safePlace) return undefined;
  // "…— simply drop the one-time code in this chat", "cukup ketik kode OTP-nya": only the secret
  // is wanted, whatever the verb.
  // "We just sent you a code" tells what happened.
  for (let k = from; k < first; k++) {
    const w = (tokens[k] as Token).word;
    if (EXCEPTION_WORDS.has(w) && !INFORMING_SUBJECTS.has(tokens[k - 1]?.word ?? ""))
      return `"${w}" before it`;
  }
  for (let k = sFrom; k <= sTo; k++) {
    if (k >= first && k <= last) continue;
    const w = (tokens[k] as Token).word;
    // A need in the secret's own clause was judged above, with its exceptions ("a new PIN").
    const cue = PLEASE_WORDS.has(w)
      ? "please"
      : NEED_WORDS.has(w) && (k < from || k > to)
        ? "need"
        : undefined;
    if (!cue) continue;
    // "…, humingi ng bago sa app": what is asked for is a new one.
    if (
      cue === "need" &&
      (FRESH_WORDS.has(tokens[k + 1]?.word ?? "") || FRESH_WORDS.has(tokens[k + 2]?.word ?? ""))
    )
      continue;
    const cueFrom = clauseStartOf(tokens, k);
    let cueTo = k;
    while (cueTo + 1 < tokens.length && (tokens[cueTo + 1] as Token).clause === (tokens[k] as Token).clause)
      cueTo++;
    if (clauseWarns(tokens, cueFrom, cueTo, k, k)) continue;
    return `${cue} "${w}" in its sentence`;
  }
  return undefined;
}

/**
 * "What is the code you received?", "¿Qué código te llegó?", "OTP kya hai?": a question word about
 * the secret itself (right before it, or after it with a copula). "Has the code arrived?", "code aa
 * gaya kya?" and Indonesian "apakah kodenya sudah diterima?" ask yes or no.
 */
function asksWhich(tokens: Token[], first: number, last: number, from: number, to: number): boolean {
  for (let k = Math.max(from, first - 3); k < first; k++) {
    if (YES_NO_PARTICLES.has((tokens[k] as Token).word)) continue;
    if (requestCueAt(tokens, k, from) === "question") return true;
  }
  for (let k = last + 1; k <= Math.min(to, last + 2); k++) {
    if (QUESTION_WORDS.has((tokens[k] as Token).word) && COPULAS.has(tokens[k + 1]?.word ?? "")) return true;
  }
  return false;
}

function hasWord(tokens: Token[], from: number, to: number, set: Set<string>): boolean {
  for (let k = from; k <= to; k++) if (set.has((tokens[k] as Token).word)) return true;
  return false;
}

/** Whether the sentence before or after the one at token i is a question (with no negator in it). */
function besideQuestion(tokens: Token[], text: string, i: number): boolean {
  const sentence = (tokens[i] as Token).sentence;
  for (const other of [sentence - 1, sentence + 1]) {
    let last = -1;
    let warned = false;
    for (let k = 0; k < tokens.length; k++) {
      const t = tokens[k] as Token;
      if (t.sentence < other) continue;
      if (t.sentence > other) break;
      if (NEGATORS.has(t.word) || isThirdParty(tokens, k)) warned = true;
      last = k;
    }
    if (last >= 0 && !warned && isQuestion(text, tokens, last)) return true;
  }
  return false;
}

/** A question: the sentence ends with "?" (Spanish "¿" is folded away; Arabic "؟" is folded to "?"). */
function isQuestion(text: string, tokens: Token[], sTo: number): boolean {
  const end = (tokens[sTo] as Token).end;
  return /^[^\p{L}\p{N}]*\?/u.test(text.slice(end, end + 4));
}

/** Whether a clause warns: a negator anywhere in it, a third party, a hypothetical, a scam's carrier. */
function clauseWarns(tokens: Token[], from: number, to: number, first: number, last: number): boolean {
  // Spanish "¿Cómo se llamaba…?" is reflexive, not Portuguese "se" (if): a question word stands before it.
  // Spanish "¿Cómo se llamaba…?", Portuguese "Você se lembra…": "se" second in its sentence is reflexive.
  const prev = tokens[from - 1];
  const reflexive =
    (tokens[from] as Token).word === "se" &&
    prev !== undefined &&
    prev.sentence === (tokens[from] as Token).sentence &&
    (QUESTION_WORDS.has(prev.word) || tokens[from - 2]?.sentence !== prev.sentence);
  if (
    CONDITIONALS.has((tokens[from] as Token).word) &&
    !reflexive &&
    !((tokens[from] as Token).word === "se" && from + 1 === first)
  )
    return true;
  for (let k = from; k <= to; k++) {
    if (k >= first && k <= last) continue;
    const w = (tokens[k] as Token).word;
    if (isThirdParty(tokens, k)) return true;
    if (w === "ada" && tokens[k + 1]?.word === "yang") return true;
    // "Mensajes falsos a nuestro nombre pidiendo…": a few words may describe the carrier first.
    if (CARRIERS.has(w) && carrierLinked(tokens, k, to)) return true;
    if (w.endsWith("n't") || NEGATORS.has(w)) {
      if (w === "no" && k + 1 <= to && k + 1 !== first) continue;
      let next = tokens[k + 1]?.word;
      if (next === "se" || next === "te" || next === "to" || next === "you") next = tokens[k + 2]?.word;
      if (next && NEGATION_CANCELLERS.has(next)) continue;
      return true;
    }
  }
  return false;
}

/**
 * "Messages asking for your OTP", "Mensajes falsos a nuestro nombre pidiendo…": the carrier at k
 * is joined to what it asks by a link word right after it, or a few words on by one that is not a
 * relative pronoun ("the message that you received" is the reader's own message).
 */
function carrierLinked(tokens: Token[], k: number, to: number): boolean {
  if (CARRIER_LINKS.has(tokens[k + 1]?.word ?? "")) return true;
  for (let j = k + 2; j <= Math.min(to, k + 5); j++) {
    const w = (tokens[j] as Token).word;
    if (CARRIER_LINKS.has(w) && !RELATIVE_PRONOUNS.has(w)) return true;
  }
  return false;
}

/** "…with anyone, except this official chat": an exception names the chat (or us) as allowed. */
function exceptionToUs(tokens: Token[], from: number): boolean {
  const sentence = (tokens[from] as Token).sentence;
  for (let k = from; k < tokens.length && (tokens[k] as Token).sentence === sentence; k++) {
    if (!EXCEPTION_WORDS.has((tokens[k] as Token).word)) continue;
    for (let j = k + 1; j <= k + 6 && j < tokens.length; j++) {
      if ((tokens[j] as Token).sentence !== sentence) break;
      if (HERE_WORDS.has((tokens[j] as Token).word)) return true;
    }
  }
  return false;
}

// "The PIN can be typed right here", "OTP-nya bisa diketik di chat ini": any form of a handing-over
// verb plus "here / in this chat" asks for the secret in the conversation, passive or not.
/**
 * "The PIN can be typed right here", "OTP-nya bisa diketik di chat ini": any form of a handing-over
 * verb plus "here / in this chat" asks for the secret in the conversation, passive or not (past forms
 * of "send" are not listed: "your OTP was sent here" informs).
 */
function isHandedOverHere(tokens: Token[], words: string[], first: number): boolean {
  // The sentence, not the clause: "PIN boleh ditaip terus di sini" and "Tu NIP se puede escribir aquí"
  // are split into clauses at "terus" and "se", but the pointer still belongs to the secret.
  const sentence = (tokens[first] as Token).sentence;
  let from = first;
  while (from > 0 && (tokens[from - 1] as Token).sentence === sentence) from--;
  let to = first;
  while (to + 1 < tokens.length && (tokens[to + 1] as Token).sentence === sentence) to++;
  let here = false;
  let handed = false;
  for (let k = from; k <= to; k++) {
    const w = (tokens[k] as Token).word;
    here ||= HERE_WORDS.has(w);
    // "OTP-nya dikirim ke sini aja ya": a polite passive asks too, unless it tells ("telah dikirim").
    handed ||= HANDED_OVER_WORDS.has(w) || PASSIVE_ASKS.has(w);
  }
  if (!here || !handed || STATUS_WORDS.occursIn(words, from, to + 1)) return false;
  for (let k = from; k <= to; k++) {
    const w = (tokens[k] as Token).word;
    // Portuguese "no chat" is "in the chat", not a negation.
    if (w === "no" && /^(chat|app|site|whatsapp)$/.test(tokens[k + 1]?.word ?? "")) continue;
    if (NEGATORS.has(w) || w.endsWith("n't") || isThirdParty(tokens, k)) return false;
  }
  return true;
}

/**
 * Someone other than the business: "penipu", "seseorang", "pihak lain". A party word owned by the
 * business ("pihak kami", "pihak bank": our side, the bank's side) is the business itself.
 */
function isThirdParty(tokens: Token[], k: number): boolean {
  if (!THIRD_PARTIES.has((tokens[k] as Token).word)) return false;
  const next = tokens[k + 1]?.word ?? "";
  return !(HERE_WORDS.has(next) || SOURCE_OWNERS.has(next));
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
  // Verb-final word order: "SBI grid card ke A4, C2 aur H7 values bhejiye" ends its clause with the
  // request, after its object.
  if (cue - last > 5)
    return cue - last <= 9 && endsClause(tokens, cue) && !hasPurposeBetween(tokens, last + 1, cue);
  const between = tokens.slice(last + 1, cue).map((t) => t.word);
  if (between.some((w) => PURPOSE_WORDS.has(w) && w !== "to")) return false;
  // "Card number aur expiry date bhejo": a second object joined by "and" before a clause-final verb.
  if (
    cue - last > 3 &&
    CONJUNCTIONS.has(between[0] as string) &&
    endsClause(tokens, cue) &&
    !between.some((w) => ASK_VERBS.has(w) || NEGATORS.has(w) || RELATIVE_PRONOUNS.has(w))
  )
    return true;
  if (cue - last > 3) return between.every((w) => PLACE_FILLER.has(w) || PLEASE_WORDS.has(w));
  return !between.includes("to");
}

/**
 * A negator between the verb and the last punctuation before it, even across a clause opened by a
 * word alone: "tu NIP no se puede escribir aquí" (Spanish "se" also opens a Portuguese "if" clause).
 */
function negatedSincePunctuation(tokens: Token[], i: number, text: string): boolean {
  for (let k = i - 1; k >= 0; k--) {
    const t = tokens[k] as Token;
    if (t.sentence !== (tokens[i] as Token).sentence) return false;
    if (/[,;:—–()]|\s-|-\s/.test(text.slice(t.end, (tokens[k + 1] as Token).start))) return false;
    if (t.word.endsWith("n't") || NEGATORS.has(t.word)) {
      const next = tokens[k + 1]?.word;
      return !(next && NEGATION_CANCELLERS.has(next));
    }
  }
  return false;
}

/** Whether only light words follow token i in its clause. */
function endsClause(tokens: Token[], i: number): boolean {
  for (let k = i + 1; k < tokens.length && (tokens[k] as Token).clause === (tokens[i] as Token).clause; k++)
    if (!isLight((tokens[k] as Token).word) && !PLEASE_WORDS.has((tokens[k] as Token).word)) return false;
  return true;
}

function isFreshOne(tokens: Token[], first: number, last: number): boolean {
  return FRESH_WORDS.has(tokens[first - 1]?.word ?? "") || FRESH_WORDS.has(tokens[last + 1]?.word ?? "");
}

function hasPurposeBetween(tokens: Token[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    if (PURPOSE_WORDS.has((tokens[k] as Token).word) && !RECIPIENTS.has(tokens[k + 1]?.word ?? ""))
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
  if (!ASK_VERBS.has(verb.word)) return false;
  for (k++; k < tokens.length && (tokens[k] as Token).clause === head.clause; k++) {
    if (!isLight((tokens[k] as Token).word)) return false;
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

const THREAT_WORDS = roleWords("threatWords");

/**
 * "Si no nos envías la clave hoy, tu cuenta quedará bloqueada": a request negated inside an "if",
 * with a threat after it, demands. The clause opens with the condition; the threat follows in the
 * same sentence.
 */
function conditionalThreat(tokens: Token[], from: number, to: number): boolean {
  if (!CONDITIONALS.has((tokens[from] as Token).word)) return false;
  const sentence = (tokens[to] as Token).sentence;
  for (let k = to + 1; k < tokens.length && (tokens[k] as Token).sentence === sentence; k++)
    if (THREAT_WORDS.has((tokens[k] as Token).word)) return true;
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
    if (isThirdParty(tokens, k)) return true;
    if (w === "ada" && tokens[k + 1]?.word === "yang") return true;
    // "Messages asking for your OTP…", "links that ask you to type…": describing a scam's messages.
    if (CARRIERS.has(w) && carrierLinked(tokens, k, before)) return true;
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

/** "Asking for your OTP via WhatsApp is a scam": the clause calls the request a scam (not "not a scam"). */
function labelledScam(tokens: Token[], from: number, to: number): boolean {
  for (let k = from; k <= to; k++) {
    if (!SCAM_LABELS.has((tokens[k] as Token).word)) continue;
    // "not a scam" denies it; "to avoid fraud" names what the request claims to prevent.
    let denied = false;
    for (let j = Math.max(0, k - 3); j < k && !denied; j++) {
      const w = (tokens[j] as Token).word;
      denied = NEGATORS.has(w) || w.endsWith("n't") || PREVENT_WORDS.has(w);
    }
    if (!denied) return true;
  }
  return false;
}

/** "What is your PIN?" asks; "What is a PIN?" or "what should I do if I lose my PIN" does not. */
function questionAboutReader(
  tokens: Token[],
  words: string[],
  first: number,
  last: number,
  from: number,
  to: number,
  text: string,
  mention: SecretMention,
): boolean {
  const clauseText = text.slice((tokens[from] as Token).start, (tokens[to] as Token).end);
  if (DEFINITION.test(clauseText) || DEFINITION_PHRASES.occursIn(words, from, to + 1)) return false;
  // "What is the code we sent?": a code that was sent to the reader is theirs.
  for (let k = from; k <= to; k++) {
    const w = (tokens[k] as Token).word;
    if (SENT_WORDS.has(w) || ARRIVAL_WORDS.has(w)) return true;
  }
  if (/(nya|mu)$/.test(text.slice(mention.start, mention.end))) return true;
  for (let k = Math.max(from, first - 3); k <= Math.min(to, last + 3); k++) {
    if (POSSESSIVES.has((tokens[k] as Token).word)) return true;
  }
  // "What's the card number?", "shu el 3 ar2am wara el card?": nobody asks that as an FAQ; in a
  // chat it asks for the reader's card.
  return (
    (mention.kind === "card-number" || mention.kind === "cvv") &&
    /^(the|el|la|o|le|al|ang)$/.test(tokens[first - 1]?.word ?? "")
  );
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
    if (NEGATORS.has(w) || w.endsWith("n't") || isThirdParty(tokens, j)) return false;
    if (
      LIST_INTROS.has(w) ||
      ((ASK_VERBS.has(w) || NEED_WORDS.has(w)) && requestCueAt(tokens, j, sentenceStart))
    )
      asks = true;
  }
  if (!asks) return false;
  // "Dhyan dein: … PIN daalne ki zaroorat nahi hoti": what follows the colon denies it.
  for (let j = k + 1; j < tokens.length && (tokens[j] as Token).sentence === sentence; j++) {
    const w = (tokens[j] as Token).word;
    if (w !== "no" && (NEGATORS.has(w) || w.endsWith("n't"))) return false;
  }
  return true;
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

/**
 * "Got a text just now? Copy it and paste it here.", "léemelos", "dibacain aja ke saya", "type the
 * content of the SMS here", "recopiez ce
 * qui s'affiche sur votre téléphone": a verb of copying or reading out, aimed at us (here, to me),
 * near a message that just came to the reader (a message or digits with a word of arriving, or the
 * bank's message) or a thing showing on the phone, asks for the code in it. Unnamed, so it is only
 * a finding when nothing named was asked for.
 */
function copiedMessageRequests(
  tokens: Token[],
  words: string[],
  text: string,
  mentions: SecretMention[],
): SecretMention[] {
  const out: SecretMention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const word = words[i] as string;
    const glued = COPY_TO_US_VERBS.has(word);
    const content = CONTENT_NOUNS.has(word);
    if (!glued && !content && !COPY_VERBS.has(word)) continue;
    const t = tokens[i] as Token;
    const from = clauseStartOf(tokens, i);
    let to = i;
    while (to + 1 < tokens.length && (tokens[to + 1] as Token).clause === t.clause) to++;
    // "type the content of the text here": the content is asked for by any request verb.
    if (content && !hasAskVerb(tokens, from, to)) continue;
    // Aimed at us: "here", "to me", glued ("léemelo"), or read aloud to whoever is asking.
    if (!glued && !hasWord(tokens, from, to, HERE_WORDS) && !hasWord(tokens, from, to, ALOUD_WORDS)) continue;
    if (isNegatedOrReported(tokens, from, i) || negatedSincePunctuation(tokens, i, text)) continue;
    if (mentions.some((m) => m.givenOut && m.end <= t.start && t.start - m.end < 300)) continue;
    if (!arrivedMessageNear(tokens, words, i, from, to)) continue;
    out.push({ kind: "otp", start: t.start, end: t.end, pointsBack: true });
  }
  return out;
}

/** A message or digits that came to the reader, in the verb's sentence or the two before it, or a thing showing in its clause. */
function arrivedMessageNear(tokens: Token[], words: string[], i: number, from: number, to: number): boolean {
  if (hasWord(tokens, from, to, SHOWING_WORDS)) return true;
  const sentence = (tokens[i] as Token).sentence;
  for (let k = i - 1; k >= 0 && k >= i - 40; k--) {
    if ((tokens[k] as Token).sentence < sentence - 2) break;
    if (carriesMessage(tokens, words, k)) return true;
  }
  for (let k = i + 1; k < tokens.length && k <= i + 12; k++) {
    if ((tokens[k] as Token).sentence !== sentence) break;
    if (carriesMessage(tokens, words, k)) return true;
  }
  return false;
}

function carriesMessage(tokens: Token[], words: string[], k: number): boolean {
  const w = words[k] as string;
  const message = MESSAGE_NOUNS.has(w);
  if (!message && !DIGIT_WORDS.has(w)) return false;
  const sentence = (tokens[k] as Token).sentence;
  for (let j = Math.max(0, k - 4); j <= Math.min(tokens.length - 1, k + 4); j++) {
    if (j === k || (tokens[j] as Token).sentence !== sentence) continue;
    const v = words[j] as string;
    if (DELIVERED_WORDS.has(v) || ARRIVAL_WORDS.has(v) || (message && SOURCE_OWNERS.has(v))) {
      // "sms" is a channel word as well as a message: the message itself does not arrive at itself.
      if (!MESSAGE_NOUNS.has(v)) return true;
    }
  }
  return false;
}

/**
 * "Pag nagse-send ka ng pera sa app, may hinihingi siya… Yun ang kailangan ko.", "…te pide cuatro
 * números, ¿cuáles pones?": after describing what the app asks the reader for, the rest of that
 * sentence or the next asks or needs it, or asks which (not where typing is safe, not negated).
 */
function promptThenAsked(
  mention: SecretMention,
  tokens: Token[],
  words: string[],
  text: string,
  safeClauses: Map<number, boolean>,
): boolean {
  const at = tokenIndexAt(tokens, mention.start);
  const sentence = (tokens[at] as Token).sentence;
  for (let k = at + 1; k < tokens.length && (tokens[k] as Token).sentence <= sentence + 1; k++) {
    const from = clauseStartOf(tokens, k);
    const cue = requestCueAt(tokens, k, from);
    if (cue !== "ask" && cue !== "need" && cue !== "question") continue;
    const t = tokens[k] as Token;
    let to = k;
    while (to + 1 < tokens.length && (tokens[to + 1] as Token).clause === t.clause) to++;
    if (cue === "question" && !isQuestion(text, tokens, to)) continue;
    if (isSafeClause(safeClauses, t.clause, words, from, to)) continue;
    if (isNegatedOrReported(tokens, from, k, cue) || negatedSincePunctuation(tokens, k, text)) continue;
    if (hasNegatorBetween(tokens, k + 1, to + 1)) continue;
    return true;
  }
  return false;
}

/** "We sent you an OTP. Reply with it here." asks for the secret by pointing back at it. */
function anaphoricRequests(
  mentions: SecretMention[],
  requested: SecretMention[],
  tokens: Token[],
  words: string[],
  text: string,
  safeClauses: Map<number, boolean>,
): SecretMention[] {
  const extra: SecretMention[] = [];
  const alreadyRequested = new Set(requested);
  // Mentions are sorted and do not overlap: `before` walks them alongside the tokens (the last one
  // ending before the verb), `at` finds the one covering a token.
  let before = -1;
  for (let i = 0; i < tokens.length; i++) {
    const word = (tokens[i] as Token).word;
    while (
      before + 1 < mentions.length &&
      (mentions[before + 1] as SecretMention).end <= (tokens[i] as Token).start
    )
      before++;
    const clitic = carriesObject(tokens, i, text);
    const readOut = readOutQuestion(tokens, i, text);
    const cue = clitic || readOut >= 0 ? "ask" : requestCueAt(tokens, i, clauseStartOf(tokens, i));
    if (cue !== "ask") continue;
    let anaphor = clitic ? i : readOut;
    // "digite-o", "tapez-le": the object pronoun hangs on the verb with a hyphen.
    const next = tokens[i + 1];
    if (
      anaphor < 0 &&
      next &&
      HYPHEN_OBJECTS.has(next.word) &&
      text.slice((tokens[i] as Token).end, next.start) === "-"
    )
      anaphor = i + 1;
    for (let k = i + 1; anaphor < 0 && k <= i + 3 && k < tokens.length; k++) {
      const t = tokens[k] as Token;
      if (t.clause !== (tokens[i] as Token).clause) break;
      if (/^kode?nya$/.test(t.word) || (ANAPHORS.has(t.word) && pointsBack(tokens, k))) anaphor = k;
      // "respóndanos con él hoy": "el" with no noun after it in its clause is "él" (it).
      else if (ARTICLE_PRONOUNS.has(t.word) && !nounFollows(tokens, k)) anaphor = k;
    }
    // Verb-final languages put the pointer first: "woh reply mein bhejo", "usko yahan type karo".
    for (let k = i - 1; anaphor < 0 && k >= i - 3 && k >= 0; k--) {
      const t = tokens[k] as Token;
      if (t.clause !== (tokens[i] as Token).clause) break;
      if (PREVERB_ANAPHORS.has(t.word)) anaphor = k;
    }
    // "…– hantar sekarang ya", "send mo na", "bata do": a request with no object of its own asks
    // for what was just named (pro-drop languages leave the pointer out).
    if (anaphor < 0 && isBareRequest(tokens, i, text)) anaphor = i;
    if (anaphor < 0) continue;
    const here = (tokens[anaphor] as Token).start;
    const covering = mentions[before + 1] ?? mentions[before + 2];
    if (covering && covering.start <= here && here < covering.end) continue;
    const next2 = mentions[before + 2];
    if (next2 && next2.start <= here && here < next2.end) continue;
    const earlier = mentions[before];
    if (
      !earlier ||
      (tokens[i] as Token).start - earlier.end >= 300 ||
      alreadyRequested.has(earlier) ||
      earlier.givenOut === true
    )
      continue;
    const from = clauseStartOf(tokens, i);
    let to = i;
    while (to + 1 < tokens.length && (tokens[to + 1] as Token).clause === (tokens[i] as Token).clause) to++;
    const clauseText = text.slice((tokens[from] as Token).start, (tokens[to] as Token).end);
    if (NOBODY_TARGET.test(clauseText) || NOBODY_PHRASES.occursIn(words, from, to + 1)) continue;
    if (isEntryVerb(word) && isSafeClause(safeClauses, (tokens[i] as Token).clause, words, from, to))
      continue;
    if (isNegatedOrReported(tokens, from, i) || negatedSincePunctuation(tokens, i, text)) continue;
    const t = tokens[anaphor] as Token;
    extra.push({ kind: earlier.kind, start: t.start, end: t.end, pointsBack: true });
  }
  return extra;
}

/**
 * "We texted you a 6-digit number. What does it say?": a question word, then within a few words a
 * pointer and a verb of a text saying something, in a sentence ending with "?", asks to read out
 * what was named before. Returns the pointer's index, or -1.
 */
function readOutQuestion(tokens: Token[], i: number, text: string): number {
  const word = (tokens[i] as Token).word;
  if (!QUESTION_WORDS.has(word) && !THING_WORDS.has(word)) return -1;
  const sentence = (tokens[i] as Token).sentence;
  let pointer = -1;
  let says = false;
  let last = i;
  for (let k = i + 1; k <= Math.min(tokens.length - 1, i + 4); k++) {
    const t = tokens[k] as Token;
    if (t.sentence !== sentence) break;
    last = k;
    if (ANAPHORS.has(t.word) && pointer < 0) pointer = k;
    if (READ_OUT_WORDS.has(t.word)) says = true;
  }
  // Pro-drop languages leave the pointer out ("¿qué dice?"): the verb stands for it.
  if (says && pointer < 0) pointer = i;
  return says && isQuestion(text, tokens, last) ? pointer : -1;
}

/** Whether a word other than a light one follows token k in its clause. */
function nounFollows(tokens: Token[], k: number): boolean {
  const next = tokens[k + 1];
  return next !== undefined && next.clause === (tokens[k] as Token).clause && !isLight(next.word);
}

/** "اكتبه", "ektebo", "envíalo": the verb carries its object as a suffix (read off by readWord). */
function carriesObject(tokens: Token[], i: number, text: string): boolean {
  const t = tokens[i] as Token;
  if (!ASK_VERBS.has(t.word)) return false;
  const raw = text.slice(t.start, t.end);
  if (raw === t.word) return false;
  for (const suffix of OBJECT_SUFFIXES)
    if (raw.endsWith(suffix) && raw.length > suffix.length + 1) return true;
  return false;
}

/**
 * A request verb with nothing but light words around it, up to the next comma, dash or full stop
 * (here, now, please, particles, "to us"): "hantar sekarang ya", "send mo na", "i-type mo na lang
 * dito", "bata do". "Responde SÍ o NO" has an object of its own.
 */
function isBareRequest(tokens: Token[], i: number, text: string): boolean {
  const t = tokens[i] as Token;
  for (let k = clauseStartOf(tokens, i); k < i; k++) {
    const w = (tokens[k] as Token).word;
    // "…— so type it here", "kaya i-type mo na lang dito": the clause may open with "so".
    if (!isLight(w) && !PLEASE_WORDS.has(w) && !CLAUSE_STARTERS.has(w) && !COMMA_CLAUSE_STARTERS.has(w))
      return false;
  }
  for (let k = i + 1; k < tokens.length; k++) {
    const next = tokens[k] as Token;
    if (next.sentence !== t.sentence) break;
    if (/[,;:—–()]|\s-|-\s/.test(text.slice((tokens[k - 1] as Token).end, next.start))) break;
    // "dime cuál es rápido que se vence": a "that/because" clause of its own follows.
    if (k > i + 1 && RELATIVE_PRONOUNS.has(next.word)) break;
    // "taip di sini supaya kad boleh disekat", "type kar do taaki card block ho jaye": what it is for.
    // "bagitahu kami untuk hantar semula" (tell us, so we resend) is about the sending instead.
    if (k > i + 1 && PURPOSE_WORDS.has(next.word) && !ASK_VERBS.has(tokens[k + 1]?.word ?? "")) break;
    if (!isLight(next.word) && !PLEASE_WORDS.has(next.word)) return false;
  }
  return true;
}

function isLight(w: string): boolean {
  return LIGHT_WORDS.has(w) || PLACE_FILLER.has(w) || HERE_WORDS.has(w) || EXCEPTION_WORDS.has(w);
}

/** "reply with it", "the code", "kode tersebut" point back; "your account number" is a new thing. */
function pointsBack(tokens: Token[], k: number): boolean {
  const word = (tokens[k] as Token).word;
  // French "le"/"la": a pronoun ("envoyez-le") unless a noun follows ("valider le paiement").
  if (ARTICLE_PRONOUNS.has(word)) return !nounFollows(tokens, k);
  if (!NOUN_ANAPHORS.has(word)) return true;
  return DETERMINERS.has(tokens[k - 1]?.word ?? "") || POST_DETERMINERS.has(tokens[k + 1]?.word ?? "");
}

export type { SecretKind };

function hasAskVerb(tokens: Token[], from: number, to: number): boolean {
  for (let k = from; k <= to; k++) {
    const w = (tokens[k] as Token).word;
    if (ASK_VERBS.has(w)) return true;
  }
  return false;
}

/**
 * "Send PIN to 7726 for help", "Taip TAC untuk kod baharu", "PIN reset ki jaankari ke liye PIN
 * likhiye": the secret's name is itself the keyword to send back (written in capitals or quoted,
 * right beside the verb, no "your"), and the sentence says what sending it gets: information, a new
 * code, a reset. "Type PIN to verify" names no such outcome and stays a request.
 */
function isKeywordMenu(
  mention: SecretMention,
  tokens: Token[],
  first: number,
  last: number,
  text: string,
): boolean {
  const sentence = (tokens[first] as Token).sentence;
  // "I-reply ang PIN", "send the word PIN": a determiner may stand between the verb and the keyword.
  const before = DETERMINERS.has(tokens[first - 1]?.word ?? "") ? tokens[first - 2] : tokens[first - 1];
  const after = tokens[last + 1];
  const beside = (t: Token | undefined) =>
    t !== undefined &&
    t.sentence === sentence &&
    (ASK_VERBS.has(t.word) ||
      MENU_VERBS.has(t.word) ||
      (OR_WORDS.has(t.word) && menuVerbBefore(tokens, first)));
  const keywordWord = before !== undefined && before.sentence === sentence && KEYWORD_NOUNS.has(before.word);
  // "OTP HELP likh ke bhejein", "I-send ang OTP HELP.": a command of several keywords in capitals,
  // nothing but the verbs to send it after them.
  const command =
    /^\s*[A-Z]{2,}(?![\p{L}\p{N}])/u.test(mention.writtenAfter ?? "") &&
    onlyVerbsAfter(tokens, last + 2, sentence);
  // In a command the word after the keyword is the next keyword ("OTP SMS" is no command to send SMS).
  if (!keywordWord && !beside(before) && !(command ? beside(tokens[last + 2]) : beside(after))) return false;
  // Written as a keyword: capitals in the original text, or quoted.
  const quoted = before !== undefined && /["'*«“]/.test(text.slice(before.end, mention.start));
  if (!keywordWord && !quoted && !/^[\p{Lu}\p{N}]{2,}$/u.test(mention.written ?? "")) return false;
  // "Send PIN to 7726": to a short code.
  if (after && /^\d{4,}$/.test(after.word)) return true;
  if (command) return true;
  // "Envie CODIGO se os SMS não estiverem chegando": the keyword, then when to send it.
  for (let k = last + 1; k <= Math.min(tokens.length - 1, last + 2); k++)
    if (
      (tokens[k] as Token).sentence === sentence &&
      CONDITIONALS.has((tokens[k] as Token).word) &&
      // "3tini el OTP law sama7t", "if you please": a polite "if" asks.
      !PLEASE_WORDS.has(tokens[k + 1]?.word ?? "")
    )
      return true;
  if (after && PURPOSE_WORDS.has(after.word) && /^\d{4,}$/.test(tokens[last + 2]?.word ?? "")) return true;
  // What it gets: "…PIN to learn how", "…PIN kung gusto mong malaman" (soon after, not inside a
  // relative clause: "send TAC yang you terima"), or "…jaankari ke liye PIN likhiye" (before, with
  // its purpose word).
  for (let k = last + 1; k <= Math.min(tokens.length - 1, last + 4); k++) {
    const t = tokens[k] as Token;
    if (t.sentence !== sentence || RELATIVE_PRONOUNS.has(t.word)) break;
    if (MENU_OUTCOMES.has(t.word)) return true;
  }
  for (let k = Math.max(0, first - 6); k < first; k++) {
    const t = tokens[k] as Token;
    if (t.sentence !== sentence || !MENU_OUTCOMES.has(t.word)) continue;
    if (PURPOSE_WORDS.has(tokens[k + 1]?.word ?? "") || PURPOSE_WORDS.has(tokens[k + 2]?.word ?? ""))
      return true;
  }
  return false;
}

/** Whether only verbs of sending, and light words, follow token k to the end of its sentence. */
function onlyVerbsAfter(tokens: Token[], k: number, sentence: number): boolean {
  for (; k < tokens.length && (tokens[k] as Token).sentence === sentence; k++) {
    const w = (tokens[k] as Token).word;
    // "likh ke bhejein": write (and) send; "of" words join the verbs of verb-final languages.
    if (!ASK_VERBS.has(w) && !MENU_VERBS.has(w) && !isLight(w) && !PURPOSE_WORDS.has(w) && !OF_WORDS.has(w))
      return false;
  }
  return true;
}

/** "…BALANCE for your balance, or PIN for…": a menu verb earlier in the sentence lists keywords. */
function menuVerbBefore(tokens: Token[], first: number): boolean {
  const sentence = (tokens[first] as Token).sentence;
  for (let k = first - 1; k >= 0 && (tokens[k] as Token).sentence === sentence; k--) {
    const w = (tokens[k] as Token).word;
    if (ASK_VERBS.has(w) || MENU_VERBS.has(w)) return true;
  }
  return false;
}
