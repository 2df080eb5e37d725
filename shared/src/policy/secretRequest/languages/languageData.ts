import { z } from "zod";
import { secretKindSchema } from "../secretKind.ts";

/** Space-separated words, in normalised form (lowercase, accents removed). */
const words = z.string();
/** Phrases separated by "|", each a sequence of normalised words matched token by token. */
const phrases = z.string();

/**
 * What the detector knows about one language, as data: the roles words play in a request for a
 * secret. The detector's code combines the roles and never names a word of a language itself, so a
 * new language is a new file of this shape added to languages/index.ts.
 */
export const languageDataSchema = z.object({
  /** BCP-47-ish code used in the corpus ("en", "ar", "hi" for Hindi in Latin script, …). */
  code: z.string().regex(/^[a-z]{2,3}$/),
  name: z.string(),
  /** Secrets by name, as token phrases: "mot de passe|code confidentiel". */
  secrets: z.array(z.object({ kind: secretKindSchema, phrases })).default([]),
  /**
   * Words that, anywhere in the sentence, make a named secret of that kind something else: a
   * network's password ("wifi", "الواي فاي"), a pin on a map ("lokasi", "maps").
   */
  homonymContexts: z.array(z.object({ kind: secretKindSchema, words })).default([]),
  /** Nouns a described secret is built on ("code", "numero"): "the code in the SMS". */
  codeNouns: words.default(""),
  /** Words that say a code came to the reader ("recu", "aaya", "natanggap") or by what channel ("sms"). */
  deliveredWords: words.default(""),
  /** Digit words: "the 6 digits", "6 chiffres", "ستة أرقام" are code-like. */
  digitWords: words.default(""),
  /** "three four five six eight", in that order ("six digits"); digits are read as such. */
  countWords: words.default(""),
  /** Nouns for a number: "number", "numéro", "رقم". The number of a card is its card number. */
  numberNouns: words.default(""),
  /** Delivery and address words: near them a "PIN code" or "6-digit code" is a postal code. */
  postalWords: words.default(""),
  /** Where a PIN is used: "atm", "withdraw", "distributeur", "nikalte". A code used there is a PIN. */
  pinUseWords: words.default(""),
  /** "open", "buka", "mabuksan": a code that opens the (bank) app, with a source word, is its PIN. */
  openWords: words.default(""),
  /** "back", "signature", "verso": digits on the back of a card are its CVV. */
  backWords: words.default(""),
  /** "front", "recto": numbers on the front of a card are its number. */
  frontWords: words.default(""),
  /** Payment card nouns: "card", "kartu", "carte", "بطاقة". */
  cardWords: words.default(""),
  /** Cards that are not payment cards when next to a card noun: "id", "ktp", "vitale", "aadhaar". */
  notPaymentCardWords: words.default(""),
  /** "last", "first", "últimos": some of a card's digits identify it and expose nothing. */
  lastWords: words.default(""),
  /** Pictures: "photo", "screenshot", "gambar". A picture of a card or of the bank's message hands it over. */
  photoWords: words.default(""),
  /** "secret", "السري", "rahasia": beside a code noun ("رمز التطبيق السري", "the app's secret code") it is a PIN. */
  secretAdjectives: words.default(""),
  /**
   * Verbs of copying or reading a text out ("copy", "paste", "read", "recopiez", "kopyahin",
   * "dibacain"): with "here" or "to me" in their clause and a message that just came to the reader
   * (or a thing showing on the phone) nearby, they ask for the code in it.
   */
  copyVerbs: words.default(""),
  /**
   * Words that make reading a text out a way of handing it over, aimed at whoever asks: "read out",
   * "nang malakas" (aloud), "un audio leyendo…", "à voix haute".
   */
  aloudWords: words.default(""),
  /** The same verbs with the recipient glued on ("léemelo", "2ra2li", "اقرالي"): no "to me" needed. */
  copyToUsVerbs: words.default(""),
  /** "content", "isi", "laman", "contenido": typing a message's content here is copying it. */
  contentNouns: words.default(""),
  /** Verbs of passing a message on: "forward", "transférez", "teruskan". */
  forwardVerbs: words.default(""),
  /** Message nouns: "sms", "message", "رسالة". */
  messageNouns: words.default(""),
  /** Who sends codes: "bank", "banque", "البنك". Their message holds one. */
  sourceOwners: words.default(""),
  /**
   * A credential described by the moment it is typed ("what do you type to sign in?", "lo que pones
   * cuando el banco te pide confirmar una transferencia", "pakai apa buat login"): the unnamed thing
   * ("what", "lo que", "apa", "إيش"), habit words that may stand between it and the verb ("do",
   * "normally", "biasanya"), the reader's verbs of typing or using, and the moments a credential is
   * typed (signing in, confirming a transfer).
   */
  thingWords: words.default(""),
  /** Articles that are also pronouns once accents are folded (Spanish "el"/"él"): a pronoun when no noun follows. */
  articlePronouns: words.default(""),
  /** Verbs of a text saying something ("what does it say?", "¿qué dice?", "o que diz?", "ano sabi"): asked of a code named before, a read-out. */
  readOutWords: words.default(""),
  habitWords: words.default(""),
  useVerbs: words.default(""),
  credentialMoments: words.default(""),
  /**
   * The app or bank asking the reader, in the third person ("it asks you", "te pide", "minta",
   * "hinihingi", "يطلب منك"): with a moment a credential is typed, what it asks for is that credential.
   */
  promptVerbs: words.default(""),
  /** Money, as the thing moved at such a moment: "pera", "dinero", "فلوس", "paise". */
  moneyWords: words.default(""),
  /** "what" standing for a code: "reply with what we just texted you". */
  whatPronouns: words.default(""),
  /** Copulas: "is", "es", "hai", "هو". "OTP kya hai?" asks which; "your code is 4821" gives it. */
  copulas: words.default(""),
  /** Question particles that ask yes or no ("apakah" in Indonesian), not which. */
  yesNoParticles: words.default(""),
  /** Words of a code showing or coming up ("showing", "muncul", "aa rahe"): a place beside them is its source. */
  showingWords: words.default(""),
  /**
   * Words that carry no object: particles, time, modals, light verbs, "to us" ("ya", "now", "po",
   * "do", "ke sini"). A request verb with only these asks for what was just named.
   */
  lightWords: words.default(""),
  /** Object pronouns hyphenated to a verb: Portuguese "digite-o", French "tapez-le". */
  hyphenObjects: words.default(""),
  /** Object pronouns glued to a verb, as written: Arabic "ه", Arabizi "o", Spanish "lo". */
  objectSuffixes: words.default(""),
  /** Recipients glued to a verb, as written: Spanish "indícame", "respóndenos". Not an object. */
  recipientSuffixes: words.default(""),
  /** Verbs of having sent a code: "texted", "enviamos", "bheja". "What we texted you" is a code. */
  sentWords: words.default(""),
  /** "to", "ke", "à": before "your number", the phone a code goes to, not a code. */
  destinationWords: words.default(""),
  /** "new", "baru", "nuevo", "bago": asking for a new one is asking the bank to issue it. */
  freshWords: words.default(""),
  /** Devices that show a code: "card reader", "token", "authenticator". What they show is asked for. */
  codeDevices: words.default(""),
  /** "and", "dan", "aur": a request verb after one starts a clause of its own ("…and send it here"). */
  conjunctions: words.default(""),
  /** "born", "nació", "née", "lahir": with a parent, a classic security question. */
  bornWords: words.default(""),
  /** "mother", "madre", "ibu", "maa". */
  parentWords: words.default(""),
  /** "first", "premier", "pertama", "una", "أول": with a pet, a school or a teacher, a security question. */
  firstWords: words.default(""),
  /** What a "first" question asks about: "pet", "school", "teacher", "car" (never "name": "your first name"). */
  firstNouns: words.default(""),
  /** Definite endings glued to a noun (Indonesian/Malay "-nya"): "kodenya" is "the code", as definite as "kode itu". */
  definiteSuffixes: words.default(""),
  /** "childhood", "grew up", "kecil", "bachpan": with a name, street or friend, a security question. */
  childhoodWords: words.default(""),
  /** What a childhood question asks: "nickname", "street", "friend", "school", "name". */
  historyNouns: words.default(""),
  /** Verbs of checking details on a page: "verify", "confirm", "update", "akked", "sahkan". */
  verifyVerbs: words.default(""),
  /** What such a page takes: "details", "data", "information", "account", "card", "bayanat". */
  dataNouns: words.default(""),
  /**
   * Link lures: what a phishing text says to make a linked page take secrets. Each role is a concept;
   * the detector combines them (a threat and an action, a reward and a claim, a payment and a card) and
   * never names a word itself. See linkLure.ts.
   */
  /** Threats to an account, card, service or parcel: "suspended", "diblokir", "bloqueada", "موقوف", "on hold". */
  threatWords: words.default(""),
  /** Failures told as a threat, as phrases: "could not|unable to|no pudimos|n'avons pas pu|gagal". */
  failurePhrases: phrases.default(""),
  /** Fees a parcel or a service is held for: "fee", "customs", "toll", "biaya", "frais", "رسوم". */
  feeWords: words.default(""),
  /** Winnings and refunds: "won", "prize", "refund", "hadiah", "reembolso", "جائزة". */
  rewardWords: words.default(""),
  /** Verbs of paying: "pay", "bayar", "pague", "réglez", "ادفع". */
  payVerbs: words.default(""),
  /** Verbs of claiming: "claim", "redeem", "tebus", "reclama", "resgate", "استلم". */
  claimVerbs: words.default(""),
  /** Verbs of going to a page: "click", "tap", "visit", "klik", "acesse", "cliquez", "اضغط", "dkhol". */
  navVerbs: words.default(""),
  /** What a phishing page takes: "account", "card", "bank", "billing", "rekening", "banque", "حساب". */
  accountNouns: words.default(""),
  /**
   * Parts of a web address naming a step that takes secrets ("login", "verify", "secure", "kyc",
   * "verifikasi", "sahkan", "actualiza"): found inside the host or path of a link, even glued.
   */
  hostWords: words.default(""),
  /** "log in", "sign in", "connectez-vous", "inicia sesión", "login karke": logging in on a page. */
  loginWords: phrases.default(""),
  /** Nouns after a secret that make it a service: "PIN reset", "password change", "cambio". */
  topicNouns: words.default(""),
  /** What scams travel in: "messages", "links", "llamadas". "Messages asking for your OTP…" describes one. */
  carriers: words.default(""),
  /**
   * Failed tries and their adjectives: "after 3 wrong attempts to enter your PIN", "intentos
   * fallidos de ingresar", "3 kali salah memasukkan PIN": the verb after one tells what happened.
   */
  attemptWords: words.default(""),
  /** Words after a carrier that describe what it does: "asking", "that", "yang", "pidiendo". */
  carrierLinks: words.default(""),
  /** Before a scam label, what the request claims to prevent: "to avoid fraud", "para evitar". */
  preventWords: words.default(""),
  /** Scam labels: "scam", "fraude", "penipuan", "golpe". A clause calling the request one warns. */
  scamLabels: words.default(""),
  /** Words introducing a list of details to hand over: "following", "berikut", "datos". */
  listIntros: words.default(""),
  /** After a request verb, who receives: "send it to us", "kirim ke kami". */
  recipients: words.default(""),
  /** Nouns that can point back at a code named before, with a determiner: "the code", "kode tersebut". */
  nounAnaphors: words.default(""),
  /** Pointers standing before the verb in verb-final languages: "woh", "usko", "إياه". */
  preverbAnaphors: words.default(""),
  /** Determiners before such a noun: "the", "that", "el", "o". */
  determiners: words.default(""),
  /** Articles glued to the front of a noun (Arabic "ال", "بال"): "الرمز" is "the code", as definite as "el code". */
  definitePrefixes: words.default(""),
  /** Determiners after it: "tersebut", "itu". */
  postDeterminers: words.default(""),
  /** Verbs of handing over, in any form, that with "here" ask: "typed", "diketik", "escrito". */
  handedOverWords: words.default(""),
  /** Polite passives that ask after "please": "mohon dikirim", "harap diisi". */
  passiveAsks: words.default(""),
  /** Passive needs: "required", "diperlukan", "requerido". Unlike "we need", no reader subject undoes them. */
  passiveNeeds: words.default(""),
  /** Participles that after "must be" oblige: "must be provided". */
  participles: words.default(""),
  /** Prepositions of place: "on", "di", "sur", "sa". "the code on your delivery box", "at the ATM". */
  locatives: words.default(""),
  /** Prepositions before a place where a secret is typed: "at", "in", "di", "en", "sa" (not "from"). */
  placePrepositions: words.default(""),
  /** Where typing a secret is safe, after a preposition of place: "atm", "app", "cajero", "terminal". */
  placeNouns: words.default(""),
  /** Words that make a code the business hands out ("locker", "pickup", "promo"): never a secret. */
  givenCodeWords: words.default(""),
  /** Verbs that ask the reader to hand something over ("envoyez", "bhejo", "ibigay"). */
  askVerbs: words.default(""),
  /** The business needing or asking for it ("chahiye", "kailangan", "besoin"). */
  needWords: words.default(""),
  /** Question words that with "your" make a request ("quel", "kya", "ano"). */
  questionWords: words.default(""),
  /** Politeness markers that make "PIN please" a request. */
  pleaseWords: words.default(""),
  /** Words pointing the secret at the reader ("votre", "aapka", "mo"). */
  possessives: words.default(""),
  /** Words allowed between "please" and the secret. */
  filler: words.default(""),
  /** Negators: a request under one of these, in the same clause, is a warning. */
  negators: words.default(""),
  /**
   * Words that negate only right before one of their verbs: Hindi "na" ("share na karein"; alone it
   * is Portuguese "in the"), Gulf/Levantine Arabic "ما" ("البنك ما يطلب", elsewhere "what").
   */
  verbNegators: z.array(z.object({ negator: z.string(), verbs: words })).default([]),
  /** Words after a negator that cancel it ("n'oubliez pas de…"). */
  negationCancellers: words.default(""),
  /** Someone other than the business asking: the sentence describes a scam. */
  thirdParties: words.default(""),
  relativePronouns: words.default(""),
  purposeWords: words.default(""),
  conditionals: words.default(""),
  placeFiller: words.default(""),
  informingSubjects: words.default(""),
  readerSubjects: words.default(""),
  clauseStarters: words.default(""),
  commaClauseStarters: words.default(""),
  manageVerbs: words.default(""),
  currentWords: words.default(""),
  anaphors: words.default(""),
  entryVerbs: words.default(""),
  /**
   * Digits the language's Latin spelling uses as letters (Arabizi "2 3 5 7 9"). A word with one of
   * them that no file lists is read as the listed word it differs from only in vowels or doubled
   * letters ("7ottelna" as "7ottilna"): writers vary those, never the consonants.
   */
  numeralLetters: words.default(""),
  /** Prefixes glued to a word ("paki", "i-", Arabic "و"/"ال"), stripped when the rest is a known word. */
  prefixes: words.default(""),
  /** Suffixes glued to a word (Arabic "ك" = your), stripped when the rest is a known word. */
  suffixes: words.default(""),
  /** "with anyone", "kahit kanino": the request is a prohibition. */
  nobodyTargets: phrases.default(""),
  /** Where typing a secret is expected and safe: "sur le terminal", "ATM machine mein". */
  safePlaces: phrases.default(""),
  /** "qu'est-ce qu'un", "kya hota hai": a definition, not a question to the reader. */
  definitions: phrases.default(""),
  /** "log in via the link", "verify your details at": a request made through a web page. */
  linkRequests: phrases.default(""),
  /** "did you get the code", "mil gaya": asking whether a code arrived, not for the code. */
  receivedQuestions: phrases.default(""),
  /**
   * A status, not an ask: "has been changed", "expired", "is valid for", "was sent", "blocked". A
   * clause saying one of these about a secret informs, even in a sentence that asks something else.
   */
  statusWords: phrases.default(""),
  /** "except", "kecuali", "sauf": after a prohibition, the one party it still allows. */
  exceptionWords: words.default(""),
  /** "here", "this chat", "us": what an exception or a bare request points at. */
  hereWords: words.default(""),
  /** Verbs of a code arriving ("arrived", "mila", "sampai"): a yes/no question with one asks whether it came. */
  arrivalWords: words.default(""),
  /** What a keyword menu gets the customer ("learn", "saber", "jaankari"): "Reply PIN to learn how…". */
  menuOutcomes: words.default(""),
  /** Verbs of sending a keyword back ("reply", "text", "press"), besides the request verbs. */
  menuVerbs: words.default(""),
  /** "of", "de", "ng", "ka": after a code noun it says which code ("código de referido"). */
  ofWords: words.default(""),
  /** Others a code is passed on to: "friends", "amigos", "teman". A code for them is a referral. */
  sharedWithOthers: words.default(""),
  /** "or", "atau", "أو": "…BALANCE for your balance, or PIN for…" lists another keyword. */
  orWords: words.default(""),
  /** "keyword", "palabra": "send the word PIN". */
  keywordNouns: words.default(""),
});

export type LanguageData = z.input<typeof languageDataSchema>;
export type ParsedLanguageData = z.output<typeof languageDataSchema>;
