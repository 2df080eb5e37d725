import type { LanguageData } from "./languageData.ts";
import { inflect } from "./morphology.ts";

/**
 * Imperatives of handing over in Arabic script, with the endings people glue to them: feminine and
 * plural ("ي", "وا") and the recipient ("لي", "لنا", "ني", "نا"); an object glued on ("اكتبه", write
 * it) is left to objectSuffixes, which makes the verb point back at a secret named before. Formal verbs
 * of informing ("زود", "افد", "ابلغ", "وضح") ask like "send". Prefixes "و"/"ف" are read elsewhere.
 */
const ARABIC_ASK_VERBS = inflect(
  "ارسل أرسل ابعت ابعث اكتب شارك تقول تبعت تبعث ترسل تكتب تعطي تدخل اعط أعط ادخل أدخل زود افد أفد افيد أفيد ابلغ أبلغ وضح اذكر أذكر حدد قل قول خبر اخبر أخبر رد ارفق أرفق سجل حط قدم اعطي عط عطي هات دز طرش صيفط سيفط",
  "-",
  "- ي وا لي لنا ني نا ونا يلي يلنا وني ولي ولنا يني ينا",
);

/**
 * Arabizi verbs of handing over, from their stems: with the second-person prefixes of the spoken
 * present ("te2olli", "tb3atli": would you tell/send me) on stems that start with a consonant, and
 * the glued recipient ("-li", "-lna", "-lena"; an object "-o", "-ha" is left to objectSuffixes). Vowels dropped or doubled
 * ("b3atli", "ba3attli") are read by the spelling key in ../lexicon.ts.
 */
/**
 * Arabizi "the secret number / code" in the spellings writers vary (ra2am, ra2m, raqam, rakam;
 * serri, sirri, sery…), with and without the article: a cross product of the parts, as phrases.
 */
const ARABIZI_SECRET_NUMBER = (() => {
  const out: string[] = [];
  for (const n of ["ra2am", "ra2m", "raqam", "rakam", "ra2em", "ramz", "ramez", "code", "kod"])
    for (const adj of ["serri", "sirri", "sery", "sirry", "serry", "sereya", "serreya"]) {
      out.push(`el ${n} el ${adj}`, `${n} ${adj}`, `${n} el ${adj}`);
    }
  return [...new Set(out)].join("|");
})();

/**
 * Arabizi writes the article as "el", "al", "il" or a bare "l": every phrase listed with "el" stands
 * for all four ("kalimat el morour", "kalimat al morour", "l code dyal…").
 */
function withArticles(phrases: string): string {
  const out = new Set<string>();
  for (const p of phrases.split("|")) {
    out.add(p);
    if (!/(^| )el /.test(p)) continue;
    for (const a of ["al", "il", "l"]) out.add(p.replace(/(^| )el /g, `$1${a} `));
  }
  return [...out].join("|");
}

/**
 * Arabizi "the secret word" (a password): kelma, kelmet, kilma, kalima… with serreya, sirriya, el sir…
 * "kalimat" with an adjective is plural ("secret words", a recovery phrase) and is listed there.
 */
const ARABIZI_SECRET_WORD = (() => {
  const out: string[] = [];
  for (const n of ["kelma", "kelmet", "kilma", "kilmet", "kalima", "kalmet", "kelmit", "kilmit"])
    for (const adj of ["serreya", "sirriya", "sereya", "serriya", "sirreya", "serya", "sirriye", "serriye"])
      out.push(`el ${n} el ${adj}`, `${n} ${adj}`, `${n} el ${adj}`);
  for (const n of ["kelmet", "kilmet", "kalimat", "kalmet", "kelmit", "kilmit", "kelma", "kalima"])
    for (const sir of ["sir", "ser", "sirr", "serr", "morour", "mrour", "morur", "mourour", "moror"])
      out.push(`${n} el ${sir}`, `${n} ${sir}`);
  return [...new Set(out)].join("|");
})();

/** Arabizi "the verification / activation code": its nouns and their many spellings, crossed. */
const ARABIZI_CODE = (() => {
  const out: string[] = [];
  for (const n of ["ramz", "ramez", "code", "kod", "kood", "ra2am", "ra2m", "rakam"])
    for (const what of [
      "ta7a2o2",
      "ta7a22o2",
      "ta7a22ol",
      "ta7aqqoq",
      "ta7aqoq",
      "tahaqoq",
      "tahakkok",
      "tafeel",
      "taf3eel",
      "tafe3l",
      "taf3il",
      "ta2keed",
      "ta2kid",
      "takid",
      "ta2eed",
    ])
      out.push(`${n} el ${what}`, `${n} ${what}`, `el ${n} el ${what}`);
  return [...new Set(out)].join("|");
})();

const ARABIZI_ASK_VERBS = [
  inflect(
    "b3at b3as ba3at ersel rsel ktob kteb ekteb ektb ktb 2ra2 d5al dkhal dakhal 2ol 2oul 2ool 7ot 7ott 7ett 3ti 3ati 3tee share sharek shareek dakhel da5el d5l akked akid a2ra 2ra 2ara 2ayed sajel sagel 6arrash tarrash 6arsh dezz dizz sayft sift",
    "- te t ti",
    "- li lli ly lly le lle lna lena lina lelna na ni ny i y ili ilna eli elna",
  ),
  inflect(
    "eb3at ab3at ib3at ersil ersal ektib aktob ol oul a3ti e3ti e2ra i2ra e2ra2 i2ra2 a2ra2 ed5al ad5al",
    "-",
    "- li lli ly lly lna lena lina lelna na ni ny i y ili ilna eli elna",
  ),
  // Egyptian "hat" (give) only with its recipient: bare "hat", "hati" are words of other languages.
  inflect("hat", "-", "li lli ly lna lena lina"),
].join(" ");

/**
 * Arabic: Modern Standard and Gulf/Levantine/Egyptian chat forms in Arabic script, and Arabizi (Arabic
 * in Latin letters with digits for sounds: 3 = ع, 7 = ح). Words are written as people write them; the
 * loader folds hamza forms, alif maqsura and ta marbuta like the text it is matched against.
 */
export const arabic: LanguageData = {
  code: "ar",
  name: "Arabic",
  homonymContexts: [
    { kind: "password", words: "الواي واي وايفاي wifi" },
    { kind: "pin", words: "الموقع الخريطه" },
  ],
  secrets: [
    {
      kind: "password",
      phrases: withArticles(
        `كلمة المرور|كلمة مرور|كلمة السر|كلمة سر|كلمه السر|الباسورد|باسورد|الباسوورد|رمز الدخول|بيانات الدخول|kelmet el ser|kilmet el sir|kelmet el sir|kalimat el sir|kalimat al sir|kelmet sir|el password|el pass|kalmet el morour|kelmet el mrour|بيانات الدخول|بيانات تسجيل الدخول|bayanat el dokhool|bayanat el dokhol|el rakam el sery|rakam sery|el rakam el sirri|el ra2am el sery|ra2am sery|el ramz el sery|ramz sery|kelmet el morour|kelmet el sirr|ramz el dokhoul|ramz el dokhool|ramz el do5ool|ramz dokhoul|kelmet el morour taba3 el online banking|el username wel password|${ARABIZI_SECRET_WORD}`,
      ),
    },
    {
      kind: "pin",
      phrases: withArticles(
        `الرقم السري|رقم سري|الرقم السرى|رقمك السري|الرمز السري|رمز سري|رمزك السري|الرقم السري للبطاقة|رقم البين|البين|بين كود|el pin|raqam sirri|ra2am sirri|el ra2am el sirri|el raqam el sirri|el rakam el serri|rakam serri|el ramz el sirri|ramz sirri|رمز نفاذ|رمز ابشر|الرقم السري لمحفظه|pin instapay|pin vodafone cash|${ARABIZI_SECRET_NUMBER}`,
      ),
    },
    {
      kind: "cvv",
      phrases:
        "رمز الامان|رمز الأمان|الارقام الثلاثة|الأرقام الثلاثة على ظهر|الثلاث ارقام|رمز التحقق من البطاقة|cvv",
    },
    {
      kind: "otp",
      phrases: withArticles(
        `رمز التحقق|رمز التفعيل|رمز التأكيد|الرمز المؤقت|رمز لمرة واحدة|كلمة المرور لمرة واحدة|كود التفعيل|كود التحقق|رمز الاستخدام لمرة واحدة|الرمز المرسل|الكود المرسل|رمز otp|كود otp|code el ta7a2o2|ramz el ta7a22o2|ramz el tafeel|el code elli wasalak|el code elli jak|el code illi wasalak|كود واتساب|رمز واتساب|كود الواتساب|code whatsapp|kod el whatsapp|${ARABIZI_CODE}`,
      ),
    },
    {
      kind: "card-number",
      phrases: withArticles(
        "رقم البطاقة|رقم بطاقتك|رقم الكارت|رقم الفيزا|بيانات البطاقة|بيانات بطاقتك|معلومات البطاقة|ارقام البطاقة|الأرقام الستة عشر|ra2am el kart|raqam el bita2a|ra2am el card|rakam el visa",
      ),
    },
    {
      kind: "security-answer",
      phrases: withArticles(
        "اسم والدتك قبل الزواج|اسم عائلة والدتك|اسم الام قبل الزواج|سؤال الأمان|سؤال الامان|السؤال السري|اجابة سؤال الأمان|إجابة سؤال الأمان|الإجابة السرية|اسم حيوانك الأليف الأول|اول حيوان اليف|الاجابه السريه|el egaba el serreya|el egaba el sereya|egaba serreya|so2al el aman|el so2al el serry|اسم اول مدرسه|اول مدرسه|اسم اول حيوان اليف|اول حيوان اليف لك|esm awel 7ayawan alif|awel 7ayawan alif|esm walditak 2abl el gawaz|esm walditak abl el gawaz|esm mamtak 2abl el gawaz|awel madrasa|awal madrasa|esm madrastak el oula|awel 7ayawan|awel mo3allem|awel modares|awel sayyara|esm omak 2abl el gawaz|esm ommak 2abl el zawaj|esm el share3 elli etrabet feeh",
      ),
    },
    {
      kind: "recovery-phrase",
      phrases: withArticles(
        "عبارة الاسترداد|12 كلمه|ال12 كلمه|الـ12 كلمه|ال١٢ كلمه|24 كلمه|ال 12 كلمه|الكلمات ال 12|الكلمات الـ12|الكلمات 12|12 kelma|12 kalima|el 12 kelma|العبارة السرية|كلمات الاسترداد|المفتاح الخاص|seed phrase|كلمات الاسترجاع|كلمات الاسترجاع السريه|كلمات الاسترداد السريه|عباره الاسترجاع|الكلمات السريه للمحفظه|kalimat el esterja3|kalimat el esterga3|kelmat el esterga3|kalemat el esterdad|kalimat el estirdad|el kalimat el sirriye|kalimat sirriye|kalimat el esterja3 el sirriye",
      ),
    },
  ],
  codeNouns: "الرمز رمز الكود كود code الرقم رقم ramz kod",
  deliveredWords:
    "وصلك وصلتك وصل جالك جاك اجاك المرسل ارسلناه أرسلناه ارسلنا بعتنالك رسالة الرسالة رساله sms مسج المسج nazal nazlet nezel nezlet nazallak wasalak wasalek wasalk wasaletak wasaltak wselatak jatlak gatlak jatak gatak jatak jatek جتك جاتك جتلك جاتلك وصلتلك jak ja2ak ajak gaalak gaalek gaak jaalak wsalak wselak risala resala msg wasalouk ظهرت يظهر الظاهر ارسلنا ارسلت بعتنا ba3atnalak ba3atnaholak gak galak wslek wsalek هيوصلك هيجيلك سيصلك يوصلك بيوصلك راح hayewsallak haywsalak hywsalak hyewsalak haywsallak yewsalak yewsallak hayji ra7 wsolak wsolek wosolak wslk wsalk wsolk wslak ejak ijak ejjak eja2ak atak ataak etak jaatak wesilak weslak wesslak weslek wassalak wasalna",
  givenCodeWords: "استلام الخزانة خصم الخصم ترويجي الطلب تتبع البريدي الواي wifi serial المسجل",
  askVerbs: `${ARABIC_ASK_VERBS} ${ARABIZI_ASK_VERBS} ارسل ارسلي ارسلوا أرسل أرسلي تقديم بتقديم rod rodd roddi roddili ابعث ابعثي ابعتلي ابعتلنا ابعت ابعتي ابعثلي ابعثلنا زودنا زودني تزويدنا بتزويدنا ادخل أدخل ادخلي ادخال إدخال كتابه كتابة اكتب اكتبي اكتبلي شارك شاركي شاركنا مشاركة اعطني أعطني اعطنا أعطنا اعطيني عطني عطيني قل قلي قولي قول خبرني اخبرني أخبرني اخبرنا قدم قدمي حط حطي حطلي اقرا اقرأ اقرالي اقرأي وجه حول ارسال إرسال تاكيد تأكيد اكد أكد اكدي أكدي ib3at ib3atli ba3atli eb3at eb3atli ersel ersal ersil 3tini a3tini a3teeni 3teeni 2olli 2oli ollee 2ollee 7ot 7otli 7ottli ekteb ektebli ektib aktob dakhel da5el dakhil shareek share ba3at ab3at ترسل ترسلي تبعت تبعتلي تعطيني تزودنا تكتب تكتبلي اعد تزويدنا افادتنا موافاتنا اعلامنا تزويد افاده موافاه tazweedna tezawedna teb3atli tb3atli teb3atly tb3atly eb3atly ab3atly ektebly 3atiny e2raly ersely sift siftli sifti 2ol 2oul 2ool ol oul e2ra e2rali i2ra 7ottilna 2olilna 2olelna جاوب جاوبي اجب أجب irsal 2irsal ersal tazweed tazwid tazwidna tazwidana tazweedana e3ta2 edini eddini iddini iddeeni edeeni idini edilna eddilna iddilna eddeeni i3ta2 idkhal id5al`,
  needWords:
    "يجب يتعين يتوجب ينبغي نحتاج نحتاجه نحتاجها يلزم مطلوب مطلوبه نطلب نطلبه يطلب يطلبون طلب بحاجة محتاجين بدنا بدي ne7tej n7tag mehtajin 3ayez 3ayza 3ayzeen 3ayzin 3awez 3awza 3awzeen 3awzin عايز عايزين عاوز عاوزين عايزه محتاج محتاجين badna bidna m7tajin m7tagin me7tajin mi7tajin m7tageen me7tageen ne7tag bne7tag mntaj lazem lazim لازم abgha ibgha abghi abi nabi bdna bdi nabgha ibgheet bgheet bghit ابغى ابي نبغى نبي ابغا khassna khasna khasni khassni 5assna 5asna 5asni bghina ضروري daroori darouri darory",
  questionWords:
    "ما ماهو ماهي هو هي شو شنو شنو ايش إيش وش ايه إيه كم اشنو شنوا shu sho shou eh esh wesh kam chno chnou chnu shno shnu achno ashno chnowa",
  pleaseWords:
    "narjou narjoo nerjou يرجى الرجاء رجاء فضلك فضلا فضلاً سمحت لوسمحت ممكن نرجو ارجو أرجو fadlak sama7t samaht sam7t التكرم nargo narjo nargoo yorga yurja nar7o narju nerjo nerju yorja",
  possessives:
    "لك الخاص الخاصة بك حقك تبعك تاعك انت أنت enta enti inta inti taba3 tab3 ta3 tab3ak taba3ak taba3ek ta3ak 7a22ak",
  filler: "الخاص الخاصة بك ك لنا لي",
  negators:
    "لا لن لم ليس ليست ابدا أبدا أبداً ابداً عدم اياك إياك ممنوع دون بدون مش مو ماحد محد مطلقا lan lam mish mesh mosh mush ma abadan abadan ma7ada ma7ad bala bdoon bedoon bidoon بلا ولا وما",
  negationCancellers: "تنسى تنسي tinsa tensa",
  thirdParties: "احد أحد محتال المحتال المحتالين النصابين نصاب مجهول 7ada a7ad 7ad",
  relativePronouns: "الذي التي اللي الي elli illi",
  purposeWords: "لكي كي حتى عشان علشان لاجل لأجل من اجل من أجل 3ashan 3shan la2an",
  conditionals: "اذا إذا لو عندما لما iza eza lamma law lau",
  placeFiller: "هنا هون هنانا الان الآن فورا في المحادثة hon hena hna hone 3al 3a",
  informingSubjects: "سنرسل سوف سيتم نرسل ارسلنا أرسلنا تم راح nersel",
  readerSubjects: "انت أنت ستحتاج تحتاج",
  clauseStarters: "لكن لذا لذلك ثم بس بعدين فقط لكن bas ba3den lakin",
  commaClauseStarters: "و فقط ممكن momken mumkin fik fiki feek bt2dar bti2dar te2dar",
  manageVerbs:
    "تغيير غير غيّر اعادة إعادة تعيين نسيت انسى استعادة احم احمي حافظ حماية انشاء أنشئ احتفظ احتفظي خزن خزني 7afez e7tafez tghayyer ghayyer tghayer ghayer yghayyer t3ayyer",
  currentWords: "الحالي الحالية القديم القديمة",
  anaphors: "الكود الرمز اياه إياه اياها yah yaha yahom iyyah",
  entryVerbs: inflect("ادخل أدخل اكتب استخدم", "-", "- ي وا"),
  prefixes: "وال بال لل فال كال ال و ف ب ل ك س",
  suffixes: "كم كن ك ه ها نا ي لي لك لنا",
  nobodyTargets:
    "مع اي شخص|مع أي شخص|لاي شخص|لأي شخص|مع احد|مع أحد|مع الآخرين|ma3 7ada|la 7ada|la 7ad|ma3 ay 7ad",
  safePlaces:
    "في جهاز الصراف|جهاز الصراف الآلي|في الصراف|في التطبيق|على التطبيق|في تطبيقنا|على موقعنا|في جهاز نقاط البيع",
  definitions: "ما هو ال|ما هي ال|شو يعني|ماذا يعني",
  linkRequests:
    "سجل الدخول|سجّل الدخول|تسجيل الدخول|حدث بياناتك|حدّث بياناتك|تحديث بياناتك|تحديث البيانات|اكد بياناتك|أكد بياناتك|تأكيد بياناتك|اكد بيانات بطاقتك|أكد بيانات بطاقتك|تحقق من بياناتك|فعل حسابك|تفعيل حسابك|عبر الرابط|من خلال الرابط|اضغط على الرابط|اذا لم تكن انت|إذا لم تكن أنت|لم تكن انت|مو انت|law mesh enta|lw msh enta",
  receivedQuestions:
    "هل وصلك|هل وصلتك|هل استلمت|وصلك الرمز|وصلك الكود|wsalak el code|wasalak el code|jak el code",
  statusWords:
    "تم تغيير|تم ارسال|تم تحديث|تم ايقاف|صالح لمدة|صالحه لمدة|صالح حتى|منتهي|انتهت صلاحيه|محظور|مقفل|بنجاح|شخصي|مشكله|et3'ayar|etghayar|et2afal|sale7|bi naga7|moshkela",
  exceptionWords: "الا سوى غير فقط ella gheir bas بس",
  hereWords: "هنا لنا لي ليا المحادثه الرسميه الشات hena hna lena chat",
  arrivalWords:
    "وصل وصلك وصلتك وصلت استلمت جالك جاك wasal wasalak wasalek wsalak galak gak jak wslek wsalek هيوصلك سيصلك يوصلك wesleet weslet wselet wiselak weselak wsolak wsolek wosolak hayewsallak yewsalak wslk wsalk wsolk wslak",
  menuOutcomes:
    "لمعرفه معرفه تعليمات معلومات المساعده مساعده القائمه te3raf ta3raf t3raf ma3lomat mosa3da te3ref ta3ref t3ref tet3allam",
  menuVerbs: "اكتب ارسل ابعت ابعث ekteb ektb ikteb ab3at eb3at ib3at ib3ath ab3ath arsel ersel irsel",
  keywordNouns: "كلمه kelma kelmet kelmat kalimat kalima kilma kilmet",
  digitWords: "خانات خانه ارقام الارقام ar2am arqam ar2aam",
  countWords: "ثلاثه اربعه خمسه سته ثمانيه",
  pinUseWords:
    "الصراف صراف الصرف مكينه ماكينه سحب السحب makina mkina makana maken sa7b tsa7eb tes7ab btes7ab btsa7eb ts7ab",
  openWords: "فتح تفتح بتفتح btefta7",
  backWords:
    "ظهر خلف ورا وراء الخلفي الخلفيه خلفي التوقيع wara dahr الشريط شريط abyad khat el5at jihatein wejhein الوجهين الجهتين",
  frontWords: "الامامي",
  cardWords: "بطاقه البطاقه بطاقتك الكارت كارت الفيزا فيزا kart card bita2a visa",
  notPaymentCardWords: "الهويه هويه",
  lastWords: "اخر الاخيره akher اول awel",
  photoWords:
    "صوره صور صورت sora sorat soret sooret soura sourat taswir tasweer screenshot سكرين سكرينشوت لقطه sawwer sawer sawwar sawwerli sawarli sawwarha sakrin skrin",
  forwardVerbs: `توجيه forward ${inflect("حول وجه تحول توجه", "-", "- ي وا لي لنا ني نا ونا يلي يلنا ولي ولنا")} ${inflect("7awwel 7awel 7wel 7awl t7awel t7awwel et7awel", "-", "- li lli lna lena ni na")} اقرالي اقرالنا 2ra2li e2ra2li i2ra2li a2ra2li 2ra2lna`,
  messageNouns: "رساله الرساله مسج المسج resala risala msg sms message masej masg",
  sourceOwners: "البنك بنك bank",
  locatives: "على في fi 3ala 3al 3a",
  numberNouns: "رقم الرقم raqam rakam ra2am ra2m",
  postalWords: "التوصيل عنوان البريدي الشحن المدينه",
  copulas: "هو هي howa heya",
  showingWords: "يظهر ظهر ظهرت الظاهر",
  lightWords:
    "الان الآن هنا فورا لي لنا حالا بسرعه hena dlwa2ty delwa2ti lel dlw2ty ممكن تقدر momken mumkin te2dar besor3a bsor3a 3ala tool 3latool علطول dlwa2ti halla2 hala2 hala halla delwa2ty dilwa2ti 7alan 7alan hal2 hal2a 3alaya 3layi 3aleya 3liya",
  objectSuffixes: "ه ها هم o oh uh ha hom hum",
  conjunctions: "و w",
  bornWords: "ولدت ولد مولد zawaj gawaz jawaz الزواج زواج زواجها twaldet itwaldet",
  parentWords:
    "والدتك امك والدك ابوك الام الاب emmak ommak omak mamtak walidtak walditak waldetak 2ommak 2emmak ummak",
  childhoodWords: "الطفوله طفولتك",
  historyNouns: "لقب شارع صديق مدرسه اسم",
  verifyVerbs: "اكد حدث تحقق فعل akked akkid 7adeth امن",
  dataNouns: "بيانات البيانات معلومات حساب بطاقه bayanat bayanatak ma3lomat 7esab",
  loginWords:
    "سجل الدخول|تسجيل الدخول|ادخل الى حسابك|ad5ol|odkhol|od5ol|sagel el dokhool|sajjel do5oolak|sajjel dokhoolak|sajel do5oolak|sajel dokhoolak|sajjel el do5ool|sajjel el dokhool|sagel do5olak|sagel dokholak|sajjel do5ool|sajjil do5oolak",
  codeDevices: "token",
  freshWords: "جديد جديده gedid",
  placePrepositions: "في على",
  sentWords: "ارسلنا بعتنا",
  destinationWords: "الى ila",
  preverbAnaphors: "اياه اياها اياهم yah yaha yahom yahon iyyah iyyaha",
  orWords: "او aw",
  determiners: "el l",
  definitePrefixes: "ال وال بال فال لل",
  ofWords: "beta3 bta3 tab3",
  sharedWithOthers: "اصدقائك اصحابك",
  threatWords:
    "موقوف موقوفه ايقاف إيقاف تعليق معلق معلقه محظور حظر مغلق اغلاق إغلاق تجميد مجمد مقفل قفل مشبوهه مشبوه مشبوهة غريبه مخالفه غرامه متاخره مسدده محتجز محتجزه et2afal mawqoof mawkoof maw2oof ta3lee2 mashbooha mashbooh ghareeba hayetsakkar hayet2afal yet2afal et2fal mo3allaq mo3la2 ma7zoor 7azr e2faal mu5alfa gharama فشل متوقفه",
  rewardWords:
    "جائزه جوائز ربحت فزت فائز مبروك تهانينا استرداد استرجاع مكافاه مكافأة هديه ja2eza ja2iza jayza jawa2ez rbe7t rabe7t ksebt kasabt fozt mabrook mabrouk mabruk mokafa2a hdiya hadiya",
  payVerbs: "ادفع سدد ادفعي سددي دفع تسديد sadded edfa3 idfa3 ed3f",
  claimVerbs: "استلم استلام استلمها احصل اطلب استرد ostalem estalem estelem املا املي عبي عبئ 3abbi emla",
  navVerbs:
    "اضغط انقر ادخل زور تفضل od5ol odkhol ad5ol dkhol ed5ol edkhol o5ol ekbes dos edghat edghaty odghot idghat dghat e2dghat ekbos kbos ekbes ادخلي اضغطي",
  accountNouns:
    "حساب حسابك الحساب بطاقه بطاقتك البطاقه بنك البنك البنكيه بنكي بيانات محفظه 7esab 7sab 7esabak 7sabak hesab card kart bank bita2a bayanat bayanatak",
  hostWords:
    "tahdeeth tahdith ta7deeth tawtheeq tawtheq ta7a2o2 tahaqoq sadad tafeel taf3eel hesab 7sab dafe",
  feeWords: "رسوم رسم الرسوم جمارك الجمارك غرامه سداد rosoom rsoom rusum gomrok",
  numeralLetters: "2 3 5 6 7 8 9",
  secretAdjectives: "السري السريه سري سريه sirri serri sery sirriye serreya",
  failurePhrases: "لم نتمكن|تعذر|لم يتم|ma 2dernash|ma2darnash|mat2darsh|ma 2darna",
  thingWords: "ايش إيش بإيش بايش شو وش ماذا ايه eh esh shu",
  habitWords: "عادة عاده عادةً انت enta 3adatan",
  useVerbs:
    "بتفتح تفتح btefta7 bteftah بتدخل تدخل تكتب بتكتب تستخدم بتستخدم btekteb bted5ol btedkhol btesta5dem btod5al btod5alha btod5alo tod5al tod5alha btektbo btektebha btektebo btektbha btdakhel btda5el",
  credentialMoments:
    "دخول تدخل بتدخل تسجيل تحويل tedkhol ted5ol bted5ol login ta7weel تحول التحويل t7awel bet7awel bt7awel",
  readOutWords: "مكتوب مكتوبه يقول maktoub maktoob",
  firstWords: "اول أول awwal awal awel 2awwal",
  firstNouns:
    "حيوان مدرسه معلم معلمه سياره وظيفه 7ayawan madrase madrasa madraset madrasa mo3allem m3allem sayyara wazifa",
  attemptWords: "محاولات محاوله خاطئه خاطئ خطا ghalat 3'alat mo7awlat",
  aloudWords: "بصوت صوت عالي 3ali sot sout",
  copyVerbs: "انسخ انسخه الصق اقرا اقراه اقراها nsakh ensakh insakh 2ra e2ra i2ra copy paste",
  copyToUsVerbs: "اقرالي اقرالنا 2ra2li e2ra2li i2ra2li a2ra2li 2ra2lna 2ralna 2rali e2rali i2rali",
  contentNouns: "محتوى المحتوى محتواها mo7tawa mo7tawaha",
  verbNegators: [
    {
      negator: "ما",
      verbs:
        "يطلب يطلبون يطلبه يطلبها نطلب نطلبه نطلبها بنطلب بيطلب بيطلبه بيطلبوا تعطي تعطيه تعطيها تشارك تشاركه تشاركها ترسل ترسله ترسلها",
    },
  ],
  promptVerbs: "يطلب يطلبلك يسالك ytlob yotlob byotlob bytlob yetlob bye6lob by6lob yo6lob",
  moneyWords: "فلوس الفلوس مبلغ المبلغ flos floos masari fulus",
  passiveNeeds: "ضروري ضرورية مطلوب مطلوبه daroori darouri darory daruri matloob",
};
