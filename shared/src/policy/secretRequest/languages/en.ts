import type { LanguageData } from "./languageData.ts";

/**
 * English. The words English shares with the first five languages' request grammar live in
 * ../requestWords.ts and ../secretTerms.ts; this file holds the roles added since.
 */
export const english: LanguageData = {
  code: "en",
  name: "English",
  homonymContexts: [
    { kind: "password", words: "wifi wi-fi hotspot router" },
    { kind: "pin", words: "map maps location" },
  ],
  secrets: [
    { kind: "otp", phrases: "authorisation code|authorization code|one-time authorisation code|auth code" },
    { kind: "pin", phrases: "personal identification number" },
    { kind: "otp", phrases: "whatsapp code|whatsapp verification code|security token code|token code" },
    {
      kind: "security-answer",
      phrases:
        "maiden name|answer you set|answer you chose|answer you picked|answer you created|answer you gave when you signed up|answer you registered|mother's maiden name|mothers maiden name|mother maiden name|first pet|first pet's name|name of your first pet|name of your first school|memorable word|memorable information|memorable date|memorable name|secret answer|secret question|security question|security answer|answer to your security question|answers to your security questions|security questions|memorable word|characters of your memorable word|primary school|elementary school|childhood nickname|first school|first car|first teacher|favourite teacher|favorite teacher|street you grew up on|place of birth of your mother",
    },
    {
      kind: "recovery-phrase",
      phrases:
        "seed phrase|seed words|recovery phrase|secret recovery phrase|recovery words|mnemonic phrase|wallet phrase|private key|12 word phrase|24 word phrase|12-word phrase|24-word phrase|backup phrase",
    },
    {
      kind: "password",
      phrases:
        "online banking password|internet banking password|user id and password|login id and password|username and password|transaction password|app password|mpin|banking credentials|username and secret|user id and secret|login id and secret|banking username and password|banking login|online banking login|3d secure password|secure access code|pinsentry code|card reader code|response from your card reader|digipass code",
    },
  ],
  codeNouns: "code codes number numbers digits",
  deliveredWords:
    "issued sent texted received got arrived appears appeared shown showing displayed popped sms text message messages app authenticator call voice automated dictated read token reader device generator send messaged emailed shows show shown displays came come comes coming",
  givenCodeWords:
    "locker pickup collection parcel promo promotional voucher discount coupon tracking booking reservation referral order reference gift door gate wifi serial imei model registered qr barcode product item event class course invite invitation country zip draw contest",
  askVerbs:
    "communicate convey transmit read recite forward relay send give provide share type enter input tell reply respond answer confirm verify submit forward write fill paste drop mention state specify disclose reveal insert put dm whatsapp quote spell show sending giving providing sharing typing entering replying submitting confirming telling verifying gimme pop furnish supply include attach revert spill",
  linkRequests:
    "log in via|log in at|log in here|log in through|login via|login at|login here|sign in via|sign in at|sign in here|log into your account via|verify your details|verify your account|verify your identity at|verify your information|confirm your details|confirm your card|confirm your card information|confirm your card details|confirm your information|update your details|update your information|update your card|update your payment|validate your account|validate your details|reactivate your account|unlock your account at|complete your pin|complete your details|complete your verification|enter your pin at|enter your details at|enter your card|re-enter your|restore access|avoid suspension|to avoid suspension|secure link|if this wasn't you|if this was not you|if it wasn't you|if it was not you|not you|wasn't you|if you did not make|if you didn't make|if you did not authorize|if you didn't authorize|if you do not recognize|if you don't recognize",
  receivedQuestions:
    "did you get the code|did you receive the code|did you get the otp|did you receive the otp|have you received the code|have you received the otp|have you received your|did you get our|did the code arrive|has the code arrived|got the code",
  statusWords:
    "has been changed|have been changed|was changed|been reset|has been reset|has expired|have expired|expired|will expire|expires in|is valid|valid for|valid until|has been sent|have been sent|was sent|were sent|will be sent|is being sent|has been blocked|is blocked|was blocked|is locked|has been updated|was updated|successfully|is personal|is confidential|is private|is secret|not working|problem with|problems with|trouble with|issue with|issues with|help with",
  exceptionWords: "except only simply just",
  hereWords: "here us me chat conversation agent official chat",
  arrivalWords: "arrived arrive arrives received receive got get come came reached reach",
  menuOutcomes:
    "learn know see get receive find information info instructions help reset unlock options menu steps guide",
  menuVerbs: "reply text sms press tap select choose type send write",
  keywordNouns: "word keyword",
  digitWords: "digit digits numbers",
  countWords: "three four five six eight",
  pinUseWords: "atm atms withdraw withdrawing withdrawal cashpoint",
  openWords: "open opens unlock",
  backWords: "back behind reverse signature panel strip",
  frontWords: "front",
  cardWords: "card cards",
  notPaymentCardWords: "id identity student membership loyalty insurance library business sim gift",
  lastWords: "last final first",
  photoWords: "photo photos picture pic image scan screenshot snap photograph",
  forwardVerbs: "forward",
  messageNouns: "sms text message messages email",
  sourceOwners: "bank",
  locatives: "on in at inside from under",
  numberNouns: "number numbers",
  postalWords: "delivery deliver shipping ship courier postal post address area city zip pincode",
  suffixes: "'s",
  whatPronouns: "what whatever",
  copulas: "is are was",
  showingWords: "showing shows shown displayed displaying appears appearing appeared popped",
  lightWords:
    "today now right away asap immediately quickly back us me over just only then okay ok thanks can could would will you",
  hyphenObjects: "",
  conjunctions: "and then",
  bornWords: "born birth maiden married marriage",
  parentWords: "mother mother's mom mum father father's dad",
  childhoodWords: "childhood grew",
  historyNouns: "nickname street friend school name teacher",
  verifyVerbs:
    "verify confirm validate update complete reactivate re-enter secure review kyc connect sync synchronize",
  dataNouns: "details detail information info data account identity card payment credentials",
  loginWords: "log in|login|sign in|signin|log into|sign into",
  codeDevices: "reader authenticator token generator digipass securid pinsentry",
  freshWords: "new another replacement",
  placeNouns:
    "atm atms app apps application machine terminal keypad pinpad edc reader pos website site portal",
  safePlaces:
    "our website|our site|our app|our official app|our official website|our portal|our own app|payment page|payment link|payment form|checkout page|secure payment page|only you|only for you|only by you",
  placePrepositions: "at in on into through via using inside",
  sentWords: "sent texted messaged emailed smsed",
  destinationWords: "to",
  needWords: "need needs needed require requires required request requesting requested ask asks asking",
  questionWords: "what whats what's which",
  pleaseWords: "please pls plz plis kindly",
  possessives: "your ur yr yours you",
  filler:
    "your ur the a an my o me us with and card atm bank full complete number code current new old sms take snap",
  negators:
    "never not no dont don't doesnt doesn't won't wont cannot can't cant shouldnt shouldn't mustnt mustn't nobody none neither nor avoid without refrain",
  negationCancellers:
    "forget lupa olvides olvide esqueca esquecer hesitate ragu dudes dude hesite worry khawatir kuatir risau",
  thirdParties:
    "someone somebody anyone anybody scammer scammers fraudster fraudsters criminal criminals hacker hackers stranger strangers impostor impostors imposter imposters whoever caller callers thieves beware careful waspada awas berhati hati cuidado desconfie desconfia desconfiem desconfiar",
  relativePronouns: "who which that",
  purposeWords: "to for so",
  conditionals: "if se when whenever quando",
  placeFiller: "here below now in the this chat message ok please sms via wa whatsapp to",
  informingSubjects: "we we'll weve we've i i'll ive i've will shall bank system automatically",
  readerSubjects: "you you'll youll vas",
  clauseStarters: "so but then however instead therefore otherwise now if unless because since when while",
  commaClauseStarters:
    "and just please we i you simply only now immediately urgently could can would will may",
  manageVerbs:
    "reset change update create set setup choose forgot forget forgotten recover unlock block activate renew protect keep guard secure",
  currentWords: "current old existing antiga antigua",
  anaphors: "it them this that code codes number digits angka",
  entryVerbs: "enter type input key insert use entering typing log sign login signin write dial punch",
  topicNouns: "reset resets change changes recovery renewal expiry strength policy hint manager reminder",
  carriers:
    "message messages call calls email emails e-mail e-mails link links site sites website websites text texts sms page pages app apps",
  carrierLinks: "asking requesting that which who",
  preventWords: "to avoid prevent protect from against",
  scamLabels: "scam scams scammer scammers fraud frauds fraudulent fake phishing hoax",
  listIntros: "update following details detail data info information",
  recipients: "us me our the this that you",
  nounAnaphors: "code codes number digits",
  determiners: "the that this those these",
  handedOverWords: "typed entered written shared pasted accepted provided",
  passiveNeeds: "required needed essential mandatory necessary compulsory",
  participles: "provided sent entered shared submitted given typed confirmed supplied disclosed forwarded",
  orWords: "or",
  ofWords: "of",
  sharedWithOthers: "friends friend family others",
  threatWords:
    "suspended suspend suspension suspending locked lock lockout blocked block blocking deactivated deactivate deactivation disabled disable restricted restriction limited frozen freeze terminated termination cancelled canceled cancellation unusual suspicious unauthorized unauthorised unrecognized unrecognised compromised hold held withheld detained unpaid outstanding overdue failed failure declined disconnected disconnection penalty penalties fine arrest warrant undelivered undeliverable incomplete unsuccessful missed awaiting returned",
  rewardWords:
    "won winner prize prizes reward rewards refund refunds refundable rebate cashback jackpot lottery congratulations congrats eligible selected lucky bonus compensation",
  payVerbs: "pay paying settle settling",
  claimVerbs: "claim claiming redeem redeeming collect release fill complete",
  navVerbs: "click tap visit go follow access proceed",
  accountNouns:
    "account accounts card cards bank banking billing payment identity credentials kyc wallet netbanking login profile",
  hostWords:
    "login signin logon verify verification verif secure security account update unlock kyc auth confirm validate validation billing wallet suspend suspended blocked restore recovery reactivate reset",
  feeWords: "fee fees charge charges customs duty duties toll tolls surcharge postage",
  secretAdjectives: "secret confidential",
  failurePhrases:
    "could not|couldn't|were unable|was unable|unable to|failed to|has failed|have failed|did not go through|didn't go through",
  thingWords: "what whatever",
  habitWords: "do does did you u normally usually always typically",
  useVerbs: "type use enter put punch key tap",
  credentialMoments: "login log sign signin transfer transfers unlock",
  readOutWords: "say says show shows read",
  firstWords: "first",
  firstNouns: "pet pets dog cat school teacher car street boss job employer",
  attemptWords: "attempts attempt failed wrong incorrect unsuccessful",
  aloudWords: "out aloud",
  copyVerbs: "copy paste read recite dictate",
  contentNouns: "content contents",
  promptVerbs: "asks prompts",
  moneyWords: "money cash payment payments",
};
