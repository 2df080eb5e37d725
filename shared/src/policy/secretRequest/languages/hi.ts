import type { LanguageData } from "./languageData.ts";
import { inflect } from "./morphology.ts";

/**
 * Hinglish verbs of handing over, from their stems: the imperatives (tu/tum/aap, with "-iyega" and
 * the compound "-do"/"-dijiye"), the infinitive used as a request ("bhejna") and spelling variants.
 * "bhej" → "bhejo bhejiye bhejein bhejen bhejna bhejdo …", "bata" → "batao bataiye batayein …".
 */
const HINDI_ASK_VERBS = [
  inflect("bhej likh bol daal dal padh bhar", "-", "- o iye ie iyega ein en na do dein dijiye dena"),
  inflect(
    "bata btaa bta dikha bhijwa suna de",
    "-",
    "o iye yiye yie iyega yein yen ein en ye na do dein dijiye dena",
  ),
].join(" ");

/** Hindi written in Latin script, usually mixed with English (Hinglish), as in Indian bank and UPI chats. */
export const hinglish: LanguageData = {
  code: "hi",
  name: "Hindi (Latin script)",
  homonymContexts: [
    { kind: "password", words: "wifi hotspot" },
    { kind: "pin", words: "location map" },
  ],
  secrets: [
    {
      kind: "recovery-phrase",
      phrases: "recovery phrase|seed phrase|recovery words|secret words|wallet ke secret words",
    },
    {
      kind: "pin",
      phrases:
        "upi pin|upi ka pin|atm pin|debit pin|card pin|card ka pin|gupt sankhya|pin number|green pin|atm ka pin|upi pin",
    },
    {
      kind: "password",
      phrases:
        "transaction password|txn password|net banking password|netbanking password|login password|profile password|gupt shabd|ipin|i-pin|tpin|t-pin|grid card|grid values|grid card values|net banking ke login details|login details|gupt uttar",
    },
    {
      kind: "otp",
      phrases:
        "suraksha code|satyapan code|pushti code|otp code|one time password|verification code|otp number|aadhaar otp|whatsapp code|whatsapp ka code",
    },
    {
      kind: "cvv",
      phrases:
        "card ke peeche|peeche wale 3 digit|peeche ke 3 digit|peeche wale teen digit|teen digit wala code",
    },
    {
      kind: "security-answer",
      phrases:
        "maiden name|jawab jo aapne set kiya|answer jo aapne set kiya|jawab jo aapne chuna|answer jo aapne chuna|maa ka naam|mother ka maiden name|pehla school|security question|secret question|secret answer|gupt uttar|pehle pet ka naam|pehle school ka naam|bachpan ka naam|maa ka shaadi se pehle ka naam|shaadi se pehle ka naam|pehla pet|pehle pet|maa ka maiden name",
    },
  ],
  codeNouns: "code number digit digits ank",
  deliveredWords:
    "aaya aayi aaye aya mila mili mile bheja bheji bheje gaya sms message msg authenticator app call bola dikh rahe bheja bheje bheji chala chali gayi",
  givenCodeWords: "pickup coupon promo order tracking delivery pincode area serial imei",
  askVerbs: `pushti satyapit ${HINDI_ASK_VERBS} bhejo bhejiye bhejein bhejen bhej bhejna bhejdo batao bataiye batayein bataye bataen bata batana batado bolo boliye bolein daalo daaliye daliye daalein dalo daal likho likhiye likhein likh dijiye dijie dedo dedijiye dena dein sunao padho padhiye pradan prastut pesh suchit sajha saanjha uplabdh bataiye batayein bata`,
  needWords:
    "anivarya avashyak aavashyak aawashyak awashyak zaroori zaruri zaroorat zarurat jarurat jaroorat zaruri jaruri chahiye chaahiye maange maangta maangte mangta maango mangna maangna chahie",
  questionWords: "kya kaunsa kaun konsa kitna",
  pleaseWords: "kripya krupya plz pls please zara jaldi anurodh nivedan",
  possessives: "aapka aapki aapke apna apni apne tumhara tumhari tera teri",
  filler: "aapka aapki apna apni wala wali ka ki ke",
  negators: "nahi nahin nhi mat kabhi",
  negationCancellers: "bhoolein bhoolna bhule",
  thirdParties: "koi kisi fraudster thag",
  relativePronouns: "jo jab",
  purposeWords: "liye taaki taki",
  conditionals: "agar jab",
  placeFiller: "yahan yaha idhar abhi turant reply mein chat",
  informingSubjects: "hum humne hamne",
  readerSubjects: "aap aapko tum",
  clauseStarters: "lekin phir isliye toh",
  commaClauseStarters: "bas aur humein hume toh",
  manageVerbs: "bhool bhoole bhule change badlo badlein set reset",
  currentWords: "purana",
  anaphors: "woh wo usko use ise isko",
  entryVerbs: "daalo daaliye daliye daalein dalo daal",
  nobodyTargets: "kisi ke saath|kisi ko bhi|kisi ko|kisi se bhi|kisi aur ko",
  safePlaces: "atm machine mein|atm mein|machine mein|app mein|app me",
  definitions: "kya hota hai|kya hai ye",
  linkRequests:
    "link par login|link pe login|link par click karke|login karke details|details verify karein|details verify karo|kyc update karein|kyc update karo|agar aapne nahi kiya|agar ye aap nahi|aap nahi the",
  receivedQuestions: "mil gaya|mila kya|aaya kya|mil gayi|kya aapko otp mila",
  statusWords:
    "badal diya gaya|badal gaya|badal di gayi|bhej diya gaya|bheja gaya|bhej diya hai|expire ho|expire hoga|valid hai|block ho gaya|block hai|safalta purvak|safaltapurvak|samasya|problem",
  exceptionWords: "sivay siway chhodkar sirf",
  hereWords: "yahan yahin idhar humein hume chat official",
  arrivalWords: "mila mili mil aaya aayi aa aya gaya gayi",
  menuOutcomes: "jaankari jankari janne jaanne jaankaari maloomat madad help info",
  menuVerbs: "likhiye likhein likho bhejiye bhejein reply",
  keywordNouns: "shabd keyword",
  digitWords: "digit digits ank number numbers",
  countWords: "teen char paanch chhe aath",
  pinUseWords: "atm nikalte nikalna nikaalte withdraw",
  openWords: "kholte kholna kholo",
  backWords: "peeche piche peechhe pichhe",
  frontWords: "front aage",
  cardWords: "card",
  notPaymentCardWords: "aadhaar pan ration",
  lastWords: "aakhri akhri last pehle",
  photoWords: "photo pic tasveer screenshot",
  forwardVerbs: "forward",
  messageNouns: "sms message msg",
  sourceOwners: "bank",
  locatives: "par pe mein me",
  numberNouns: "number",
  postalWords: "delivery address pata area shipping courier pincode",
  copulas: "hai hain tha thi",
  showingWords: "dikh dikhta dikhega aa rahe raha",
  lightWords:
    "do dijiye dijie dena dein de kar karo karein kijiye kariye karna karne jaldi abhi yahan yahin turant hume humein mujhe zara sakte sakta sakti wapas",
  hyphenObjects: "",
  conjunctions: "aur phir",
  bornWords: "paida janm shaadi shadi",
  parentWords: "maa mummy mother pita papa",
  childhoodWords: "bachpan",
  historyNouns: "naam nickname gali dost school",
  verifyVerbs: "verify update confirm secure kyc",
  dataNouns: "details detail kyc pan account card",
  loginWords: "login karke|login karein|log in karke|login kare",
  codeDevices: "authenticator token",
  freshWords: "naya nayi naye",
  placePrepositions: "mein me par pe",
  sentWords: "bheja bheje",
  destinationWords: "pe par",
  preverbAnaphors: "woh wo usko use isko ise",
  yesNoParticles: "kya",
  orWords: "ya",
  determiners: "woh wo",
  ofWords: "ka ki ke",
  sharedWithOthers: "dost doston",
  threatWords:
    "block blocked band suspend suspended freeze frozen kat katega katne kaat kaatne bakaya pending fail failed expire penalty jurmana deactivate deactivated",
  rewardWords: "jeeta jeete jeetne inaam inam reward cashback refund lottery badhai congratulations",
  payVerbs: "pay bharein bhariye bharo chukayein bhugtan",
  claimVerbs: "claim redeem bhariye bharein bharo fill",
  navVerbs: "click visit",
  accountNouns: "account khata card bank kyc pan aadhaar upi wallet netbanking",
  hostWords: "kyc update verify login",
  feeWords: "charge charges fee shulk shulka bill",
  secretAdjectives: "secret gupt",
  failurePhrases: "nahi ho paya|nahi ho saka|fail ho gaya|fail hua",
  thingWords: "kya kisse kis kaunsa",
  habitWords: "aap tum se ho normally",
  useVerbs: "daalte daalti daalta karte use likhte",
  credentialMoments: "login transfer",
  readOutWords: "likha likhi",
  nounAnaphors: "code number",
  firstWords: "pehla pehli pehle pahla pahli",
  firstNouns: "pet school teacher gaadi kutta billi boss naukri",
  attemptWords: "koshish koshishon galat",
  aloudWords: "zor bolkar awaaz",
  copyVerbs: "copy paste padh padho padhke padhiye padhkar padhna",
  contentNouns: "content",
  verbNegators: [
    { negator: "na", verbs: `karein karen kare karo kariye kijiye kar do dein den ${HINDI_ASK_VERBS}` },
  ],
  promptVerbs: "maangta maangti maangte maangega puchta",
  moneyWords: "paise paisa payment",
  passiveNeeds: "zaroori jaruri zaruri avashyak",
};
