import { compileAuthorPattern } from "../../text/authorPattern.ts";
import { findSecretTerms } from "../secretRequest/findSecretTerms.ts";
import { HOMONYM_CONTEXTS, readWord, SECRET_PHRASES, wordsOf } from "../secretRequest/lexicon.ts";
import "../secretRequest/requestWords.ts";
import { normaliseText } from "../secretRequest/normaliseText.ts";
import type { SecretKind } from "../secretRequest/secretKind.ts";
import { customerTextsOf, type LintNode, type Rule, type RuleContext, type RuleHit } from "./rule.ts";

/**
 * A question block is where a secret would actually be collected, so it is judged by what it stores
 * and accepts as well as by its wording: a variable called "pin", an answer pattern shaped like a
 * card number, or a 3–4 digit answer right after talking about a card.
 */
export const questionCollectsSecret: Rule = {
  id: "questionCollectsSecret",
  severity: "error",
  description:
    "No question stores a secret: variable names like pin/cvv/otp/password, 13–19 digit card-number answers, or 3–4 digit answers after a card question.",
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const node of ctx.nodes) {
      if (node.type !== "question") continue;
      const variable = typeof node.data.variable === "string" ? node.data.variable : "";
      const secretWord = secretWordIn(variable);
      if (secretWord) {
        hits.push({
          blockId: node.id,
          field: "variable",
          message: `This question saves its answer as "${variable}", which looks like a ${secretWord}. Customers must never be asked for a password, PIN, CVV, one-time code or card number in chat; remove the question, or send them to your app or a person.`,
        });
      }
      const input = node.data.input as { type?: unknown; description?: unknown } | undefined;
      const described = secretNamedIn(input?.description);
      if (described) {
        hits.push({
          blockId: node.id,
          field: "input.description",
          span: described,
          message: `The expected answer is described as "${String(input?.description).slice(described.start, described.end)}", so this question collects a secret. Customers must never be asked for a password, PIN, CVV, one-time code or card number in chat; remove the question, or send them to your app or a person.`,
        });
      }
      const accepts = acceptedAnswers(input);
      if (accepts.cardNumber) {
        hits.push({
          blockId: node.id,
          field: "input",
          message:
            "This question accepts a 13–19 digit answer, which is the shape of a card number. Never collect card numbers in chat; use your payment page instead.",
        });
      } else if (accepts.shortCode && talksAboutCard(ctx, node)) {
        hits.push({
          blockId: node.id,
          field: "input",
          message:
            "This question asks for a 3–4 digit answer right after talking about a card, which is how a CVV or card PIN is collected. Never collect these in chat; use your payment page instead.",
        });
      }
    }
    return hits;
  },
};

/**
 * Where an answer description ("your 6-digit PIN") names a secret. The description says what the
 * answer is, so naming a secret there is collecting it, with or without a request verb.
 */
function secretNamedIn(description: unknown): { start: number; end: number } | undefined {
  if (typeof description !== "string" || description === "") return undefined;
  const norm = normaliseText(description);
  const [first] = findSecretTerms(norm.text);
  if (!first) return undefined;
  return { start: norm.start[first.start] ?? 0, end: norm.end[first.end - 1] ?? description.length };
}

/** Words of a variable name (snake_case, camelCase, digits split) that name a secret. */
const SECRET_VARIABLE_WORDS: Record<string, string> = {
  pin: "PIN",
  mpin: "PIN",
  tpin: "PIN",
  nip: "PIN",
  cvv: "card security code",
  cvv2: "card security code",
  cvc: "card security code",
  cvc2: "card security code",
  cvn: "card security code",
  csc: "card security code",
  otp: "one-time code",
  tac: "one-time code",
  totp: "one-time code",
  password: "password",
  passwd: "password",
  passcode: "password",
  pwd: "password",
  pw: "password",
  pswd: "password",
  mdp: "password",
  upipin: "PIN",
  atmpin: "PIN",
  maiden: "security answer",
  seed: "recovery phrase",
  sandi: "password",
  katasandi: "password",
  katalaluan: "password",
  senha: "password",
  contrasena: "password",
  clave: "password",
  cardnumber: "card number",
  cardno: "card number",
  ccnumber: "card number",
  ccnum: "card number",
};

/** Pairs of adjacent words that together name a secret ("card_number", "kata_sandi"). */
const SECRET_VARIABLE_PAIRS: Record<string, string> = {
  "card number": "card number",
  "card no": "card number",
  "card num": "card number",
  "kartu nomor": "card number",
  "nomor kartu": "card number",
  "no kartu": "card number",
  "numero tarjeta": "card number",
  "numero cartao": "card number",
  "kata sandi": "password",
  "kata laluan": "password",
  "security code": "card security code",
  "verification code": "one-time code",
  "kode verifikasi": "one-time code",
  "kod pengesahan": "one-time code",
  "one time": "one-time code",
  "mot passe": "password",
  "mot de": "password",
  "secret answer": "security answer",
  "security answer": "security answer",
  "memorable word": "security answer",
  "seed phrase": "recovery phrase",
  "upi pin": "PIN",
};

const LEET: Record<string, string> = {
  "0": "o",
  "1": "i",
  "3": "e",
  "4": "a",
  "5": "s",
  "7": "t",
  "@": "a",
  $: "s",
};

// Secrets whose name is long enough to be found inside a longer identifier ("userPassword1").
const LONG_SECRET_WORDS: Record<string, string> = {
  password: "password",
  passwd: "password",
  passcode: "password",
  pswd: "password",
  katasandi: "password",
  katalaluan: "password",
  contrasena: "password",
  motdepasse: "password",
  senha: "password",
  cardnumber: "card number",
  nomorkartu: "card number",
  maidenname: "security answer",
  securityanswer: "security answer",
  memorableword: "security answer",
  seedphrase: "recovery phrase",
  recoveryphrase: "recovery phrase",
  mnemonic: "recovery phrase",
};

// Short names and the pieces glued to them in variable names ("otp_cd", "userPin", "upipin").
const SHORT_AFFIXES = new Set(
  "cd code no num number nr val value input ans answer user my your cust customer card atm upi sms new old txn trx".split(
    " ",
  ),
);

/**
 * What secret a variable name names, however it is spelled: camelCase, snake_case, l33t ("p1n"),
 * abbreviated ("pwd", "otp_cd", "mdp") or glued ("userpassword", "kata_sandi").
 */
function secretWordIn(variable: string): string | undefined {
  if (namesSeen.has(variable)) return namesSeen.get(variable);
  const word = readVariableName(variable);
  if (namesSeen.size >= 5_000) namesSeen.clear();
  namesSeen.set(variable, word);
  return word;
}

/** Variable names read before (a flow has few, read on every lint). */
const namesSeen = new Map<string, string | undefined>();

function readVariableName(variable: string): string | undefined {
  const lettersSpelled = new Set<number>();
  const parts = variable
    .slice(0, 64)
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9@$]+/)
    .filter((w) => w !== "")
    .map((w) => (/[a-z]/.test(w) ? w.replace(/[013457@$]/g, (c) => LEET[c] ?? c) : w))
    // "m_p_i_n", "o.t.p": a name spelled out letter by letter is one word.
    .reduce<string[]>((out, w) => {
      const prev = out[out.length - 1];
      if (w.length === 1 && prev !== undefined && /^[a-z]+$/.test(prev) && lettersSpelled.has(out.length - 1))
        out[out.length - 1] = prev + w;
      else {
        out.push(w);
        if (w.length === 1) lettersSpelled.add(out.length - 1);
      }
      return out;
    }, []);
  // "mot_de_passe_wifi", "pin_lokasi": a network's password, a pin on a map.
  if (parts.some((p) => HOMONYM_WORDS.has(p))) return undefined;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    const word = SECRET_VARIABLE_WORDS[part];
    if (word) return word;
    const pair = SECRET_VARIABLE_PAIRS[`${part} ${parts[i + 1]}`];
    if (pair) return pair;
    // "pincode" is an Indian postal code far more often than a PIN.
    if (part === "pincode") continue;
    for (const [short, name] of Object.entries(SECRET_VARIABLE_WORDS)) {
      if (short.length > 4 || part.length <= short.length) continue;
      if (part.startsWith(short) && SHORT_AFFIXES.has(part.slice(short.length))) return name;
      if (part.endsWith(short) && SHORT_AFFIXES.has(part.slice(0, -short.length))) return name;
    }
  }
  const joined = parts.join("");
  for (const [long, name] of Object.entries(LONG_SECRET_WORDS)) if (joined.includes(long)) return name;
  return secretNamedByWords(parts.join(" "));
}

/** Every language's homonym contexts ("wifi", "lokasi", "maps"), any kind. */
const HOMONYM_WORDS = new Set([...HOMONYM_CONTEXTS.values()].flatMap((set) => [...set]));

const KIND_NAMES: Record<SecretKind, string> = {
  password: "password",
  pin: "PIN",
  cvv: "card security code",
  otp: "one-time code",
  "card-number": "card number",
  "security-answer": "security answer",
  "recovery-phrase": "recovery phrase",
  "login-link": "login",
};

/**
 * The name's words read as a text, against every language's vocabulary of secrets: "codeSecretCarte"
 * (code secret), "ra2m_serri", "kelmet_sir", "clave_tarjeta", "nip_cajero". So a new language's
 * file names its variables too.
 */
function secretNamedByWords(spaced: string): string | undefined {
  const [term] = findSecretTerms(normaliseText(spaced, false).text);
  if (term) return KIND_NAMES[term.kind];
  const words = wordsOf(spaced).map(readWord);
  for (let i = 0; i < words.length; i++) {
    const hit = SECRET_PHRASES.matchAt(words, i);
    if (hit) return KIND_NAMES[hit.value];
  }
  return undefined;
}

// Samples an answer pattern is tried against: plain and grouped card numbers, and short codes.
const CARD_NUMBER_SAMPLES = [
  "4111111111111111",
  "378282246310005",
  "4111 1111 1111 1111",
  "4111-1111-1111-1111",
  "6011000990139424123",
];
const SHORT_CODE_SAMPLES = ["123", "1234"];
const LONG_NUMBER_SAMPLE = "12345678";

/** What shapes of answer a question's input accepts that matter here. */
function acceptedAnswers(input: { type?: unknown } | undefined): { cardNumber: boolean; shortCode: boolean } {
  if (!input) return { cardNumber: false, shortCode: false };
  if (input.type === "pattern") {
    const source = (input as { pattern?: unknown }).pattern;
    if (typeof source !== "string") return { cardNumber: false, shortCode: false };
    // The engine matches the whole answer with RE2 (linear time), so the linter does too.
    const re = compileAuthorPattern(source, { whole: true });
    if (!re.ok) return { cardNumber: false, shortCode: false };
    const cardNumber = CARD_NUMBER_SAMPLES.some((s) => re.test(s));
    const shortCode = SHORT_CODE_SAMPLES.some((s) => re.test(s)) && !re.test(LONG_NUMBER_SAMPLE);
    return { cardNumber, shortCode };
  }
  if (input.type === "number") {
    const { min, max } = input as { min?: number; max?: number };
    const cardNumber = typeof min === "number" && min >= 1e12;
    const shortCode =
      typeof max === "number" && max >= 99 && max <= 9999 && (min === undefined || min <= 1000);
    return { cardNumber, shortCode };
  }
  if (input.type === "text") {
    const { minLength, maxLength } = input as { minLength?: number; maxLength?: number };
    const shortCode = (maxLength === 3 || maxLength === 4) && (minLength ?? 0) >= 3;
    const cardNumber =
      minLength !== undefined && minLength >= 13 && maxLength !== undefined && maxLength <= 23;
    return { cardNumber, shortCode };
  }
  return { cardNumber: false, shortCode: false };
}

const CARD_WORDS = /\b(?:card|cards|kartu|kad|tarjeta|tarjetas|cartao|cartoes|cvv|cvc|cvn)\b/;

/** Whether this question or a block leading straight into it talks about a payment card. */
function talksAboutCard(ctx: RuleContext, node: LintNode): boolean {
  const texts = customerTextsOf(node).map((t) => t.text);
  for (const other of ctx.nodes) {
    if ((ctx.outgoing.get(other.id) ?? []).some((e) => e.target === node.id))
      texts.push(...customerTextsOf(other).map((t) => t.text));
  }
  return texts.some((t) => CARD_WORDS.test(normaliseText(t).text));
}
