import { findLinks } from "../links/findLinks.ts";
import type { SecretMention } from "./findSecretTerms.ts";
import { LANGUAGES } from "./languages/index.ts";
import {
  CONJUNCTIONS,
  DATA_NOUNS,
  LINK_REQUEST_PHRASES,
  LOGIN_PHRASES,
  NOT_PAYMENT_CARD_WORDS,
  PhraseSet,
  PREVENT_WORDS,
  roleWords,
  VERIFY_VERBS,
  wordsOf,
} from "./lexicon.ts";
import { ASK_VERBS, CONDITIONALS, ENTRY_VERBS, NEGATORS, THIRD_PARTIES } from "./requestWords.ts";
import { type Token, tokenIndexAt } from "./splitClauses.ts";

/**
 * Link lures: a text that sends the customer to a web page to log in, verify or update an account,
 * unlock it, claim a prize or refund, or pay a fee with a card. Recognised by concept, from the
 * roles the language files give words (threats, rewards, payments, claims, going to a page, what a
 * page takes), never by sentence: real smishing recombines the same few moves endlessly.
 */

const THREAT_WORDS = roleWords("threatWords");
const REWARD_WORDS = roleWords("rewardWords");
const FEE_WORDS = roleWords("feeWords");
const FAILURE_PHRASES = new PhraseSet();
for (const language of LANGUAGES)
  for (const p of language.failurePhrases.split("|")) if (p.trim()) FAILURE_PHRASES.add(p, true);
const PAY_VERBS = roleWords("payVerbs");
const CLAIM_VERBS = roleWords("claimVerbs");
const NAV_VERBS = roleWords("navVerbs");
const ACCOUNT_NOUNS = roleWords("accountNouns");

/** Address parts naming a step that takes secrets, folded like a host ("login", "verifikasi"). */
const HOST_WORDS = [...new Set(LANGUAGES.flatMap((l) => wordsOf(l.hostWords)).filter((w) => w.length >= 4))];

/** How far (in words, within a sentence) an action and what it acts on may stand apart. */
const OBJECT_REACH = 5;

type Move = "login" | "verify" | "pay" | "claim" | "nav" | "hand" | "threat" | "reward" | "fee" | "failure";

/**
 * Why a text with a link outside the allow-list is a lure, or undefined when it is not one. `text`
 * and the tokens are the detector's folded text; `mentions` the secrets it names.
 */
export function linkLureReason(
  tokens: Token[],
  words: string[],
  text: string,
  mentions: SecretMention[],
): string | undefined {
  // Words inside the links are an address, not what the text says; they are read as one below.
  const inLink = new Uint8Array(tokens.length);
  const links = findLinks(text);
  for (const link of links)
    for (let k = tokenIndexAt(tokens, link.start); k < tokens.length; k++) {
      const t = tokens[k] as Token;
      if (t.start >= link.end) break;
      if (t.end > link.start) inLink[k] = 1;
    }

  const inFailure = new Uint8Array(tokens.length);
  const moves = new Map<Move, number[]>();
  const add = (move: Move, k: number) => {
    const list = moves.get(move) ?? [];
    list.push(k);
    moves.set(move, list);
  };
  for (let k = 0; k < tokens.length; k++) {
    if (inLink[k] === 1) continue;
    const w = words[k] as string;
    if (LINK_REQUEST_PHRASES.matchAt(words, k) || LOGIN_PHRASES.matchAt(words, k)) add("login", k);
    if (VERIFY_VERBS.has(w)) add("verify", k);
    if (PAY_VERBS.has(w)) add("pay", k);
    if (CLAIM_VERBS.has(w)) add("claim", k);
    if (NAV_VERBS.has(w)) add("nav", k);
    if (ASK_VERBS.has(w) || ENTRY_VERBS.has(w)) add("hand", k);
    if (THREAT_WORDS.has(w)) add("threat", k);
    // "We could not process your payment": the failure's own negator threatens, it does not warn.
    const failure = FAILURE_PHRASES.matchAt(words, k);
    if (failure) {
      add("failure", k);
      inFailure.fill(1, k, k + failure.length);
    }
    if (REWARD_WORDS.has(w)) add("reward", k);
    if (FEE_WORDS.has(w)) add("fee", k);
  }
  // Every move counts only where the sentence does not warn before it ("never log in via links").
  // A threat is undone only by a negator right before it ("is not blocked"): "could not be delivered
  // due to an incomplete address" still threatens.
  const live = (move: Move) =>
    (moves.get(move) ?? []).filter(
      (k) => !warnedBefore(tokens, words, k, move === "threat" || move === "failure" ? 2 : k + 1, inFailure),
    );
  const any = (...list: Move[]) => list.some((m) => live(m).length > 0);
  const threatened = any("threat");

  for (const m of mentions) {
    const k = tokenIndexAt(tokens, m.start);
    if (inLink[k] !== 1 && !warnedBefore(tokens, words, k)) return `names a ${m.kind} beside the link`;
  }
  if (any("login")) return "asks to log in on the page";
  for (const k of live("verify"))
    if (objectNear(tokens, words, inLink, k, true)) return `asks to ${words[k]} details on the page`;
  // Entering details on a page hands them over: "Ingrese sus datos en…" (not "fill in the form").
  for (const move of ["pay", "claim", "nav", "hand"] as const)
    for (const k of live(move))
      if (objectNear(tokens, words, inLink, k, ENTRY_VERBS.has(words[k] as string)))
        return `asks to ${words[k]} with an account or card on the page`;
  if (threatened && any("verify", "pay", "claim", "nav")) return "threatens, then sends to the page";
  // "We could not process your payment. Update it at…" (not "couldn't reach you, visit our site").
  if (any("failure") && any("verify", "pay", "claim")) return "tells of a failure, then sends to the page";
  if (any("reward") && any("claim", "pay")) return "offers a prize or refund on the page";
  if (any("fee") && any("pay", "verify", "claim")) return "asks to pay a fee on the page";
  if (
    links.some((l) => hostNamesStep(l.url)) &&
    (threatened || any("failure", "reward", "verify", "pay", "claim"))
  )
    return "the address names a login or verification step";
  return undefined;
}

/** An account, card or (for verbs of verifying) details within reach of an action, in its sentence. */
function objectNear(
  tokens: Token[],
  words: string[],
  inLink: Uint8Array,
  k: number,
  detailsToo: boolean,
): boolean {
  const sentence = (tokens[k] as Token).sentence;
  // Outward from the verb, counting words of the text only (a link between them is one step).
  for (const step of [-1, 1]) {
    let seen = 0;
    for (let j = k + step; j >= 0 && j < tokens.length && seen < OBJECT_REACH; j += step) {
      if ((tokens[j] as Token).sentence !== sentence) break;
      if (inLink[j] === 1) continue;
      seen++;
      const w = words[j] as string;
      // "gift card", "ID card": a card that pays nothing.
      if (ACCOUNT_NOUNS.has(w) && !NOT_PAYMENT_CARD_WORDS.has(words[j - 1] ?? "")) return true;
      if (detailsToo && DATA_NOUNS.has(w)) return true;
    }
  }
  return false;
}

/** Whether a link's host or path names a step that takes secrets ("secure-login", "kyc-update"). */
function hostNamesStep(url: string): boolean {
  const folded = url.toLowerCase().replace(/^[a-z]+:\/\//, "");
  return HOST_WORDS.some((w) => folded.includes(w));
}

/**
 * Whether the sentence warns before token k: a negator or a third party ("never log in via links",
 * "scammers say your account is blocked"), unless it is part of the threat itself: "to avoid
 * suspension", "if you do not verify", "or your account will be closed".
 */
function warnedBefore(
  tokens: Token[],
  words: string[],
  k: number,
  negatorReach = k + 1,
  inFailure?: Uint8Array,
): boolean {
  const sentence = (tokens[k] as Token).sentence;
  for (let j = k - 1; j >= 0 && (tokens[j] as Token).sentence === sentence; j--) {
    const w = words[j] as string;
    if (THIRD_PARTIES.has(w)) return true;
    if (!(NEGATORS.has(w) || w.endsWith("n't")) || k - j > negatorReach || inFailure?.[j] === 1) continue;
    // "to avoid suspension", "para evitar el bloqueo": what the lure claims to prevent.
    if (PREVENT_WORDS.has(w) || THREAT_WORDS.has(words[j + 1] ?? "") || THREAT_WORDS.has(words[j + 2] ?? ""))
      continue;
    // "if you don't verify…", "jika tidak…": a condition of the threat.
    if (conditionalBefore(tokens, words, j)) continue;
    return true;
  }
  return false;
}

function conditionalBefore(tokens: Token[], words: string[], j: number): boolean {
  const clause = (tokens[j] as Token).clause;
  for (let i = j - 1; i >= Math.max(0, j - 4) && (tokens[i] as Token).clause === clause; i--) {
    const w = words[i] as string;
    if (CONDITIONALS.has(w)) return true;
    if (CONJUNCTIONS.has(w)) return false;
  }
  return false;
}
