import { describe, expect, it } from "vitest";
import { detectSecretRequest } from "./detectSecretRequest.ts";
import { inflect, malayicActive, meN } from "./languages/morphology.ts";
import { readWord } from "./lexicon.ts";

const blocks = (text: string) => detectSecretRequest(text).block;

describe("morphology generated from stems", () => {
  it("builds Malay/Indonesian meN- with its nasal and the -kan/-lah forms", () => {
    expect(["kirim", "hantar", "tulis", "sampai", "beri", "perlu", "kemuka", "masuk"].map(meN)).toEqual([
      "mengirim",
      "menghantar",
      "menulis",
      "menyampai",
      "memberi",
      "memerlukan".slice(0, -3),
      "mengemuka",
      "memasuk",
    ]);
    const forms = malayicActive("masuk", false).split(" ");
    expect(forms).toContain("masukkan");
    expect(forms).toContain("memasukkan");
    expect(forms).not.toContain("masuk");
  });

  it("crosses stems with prefixes and suffixes, '-' standing for none", () => {
    expect(inflect("b3at", "- te", "- li").split(" ").sort()).toEqual([
      "b3at",
      "b3atli",
      "teb3at",
      "teb3atli",
    ]);
  });
});

describe("requests caught through the morphology of each language", () => {
  it.each([
    // Malay: meN- + -kan, formal verbs of conveying, the business as "pihak kami".
    "Pihak bank memerlukan kata laluan anda untuk menyelesaikan aduan.",
    "Tuan dikehendaki menyampaikan kod TAC yang diterima kepada pegawai kami.",
    "Sila tuliskan nombor PIN kad anda di ruangan ini.",
    "Mohon dikemukakan nombor kad kredit penuh tuan.",
    // Hinglish verbs from stems, infinitive as a request, verb-final lists.
    "OTP yahan likhna, phir order confirm hoga.",
    "Apna UPI PIN batayiye sir.",
    "Card number aur CVV dono bhejiyega.",
    "Credit card ka number aur expiry yahan daalna.",
    "PAN ke saath credit card ki photo bhejo.",
    // Arabic script: glued recipients and formal verbs of informing.
    "أفيدونا برمز التحقق الذي وصلك.",
    "ابلغنا بالرقم السري للبطاقة لإكمال الطلب.",
    "اكتبلي كلمة السر تبعك هون.",
    "ارسلولنا رقم البطاقة كامل.",
    // Arabizi: present-tense prefixes, recipients, dropped vowels, "h" written for 7.
    "law sama7t teb3atli el otp elli wasalak",
    "mumken t2olelna el password beta3ak?",
    "b3tli el ramz el sirri",
    "mehtagin ra2am el kart kamel",
  ])("blocks: %s", (text) => {
    expect(blocks(text)).toBe(true);
  });

  it.each([
    "Jangan sesekali memberikan kata laluan anda kepada sesiapa.",
    "Pihak ketiga mungkin meminta PIN anda; abaikan mesej itu.",
    "Kod pengesahan telah dihantar ke telefon anda.",
    "Aadhaar card ki photo bhejo, KYC ke liye.",
    "Apna OTP kisi ko bhi na batayein.",
    "Delivery ke liye apna PIN code aur address bhejiye.",
    "لا ترسلوا الرقم السري لأي شخص.",
    "رمز التفعيل الخاص بك هو 5521.",
    "ma teb3atsh el otp le 7ad",
    "el password bta3 el wifi howa 1234abcd",
  ])("allows: %s", (text) => {
    expect(blocks(text)).toBe(false);
  });

  it("reads Arabizi spelled without vowels or with h for 7 only when it is otherwise unknown", () => {
    expect(readWord("b3tli")).not.toBe("b3tli");
    expect(readWord("thanks")).toBe("thanks");
    expect(readWord("which")).toBe("which");
    expect(readWord("hotel")).toBe("hotel");
  });
});

describe("descriptions and word order", () => {
  it.each([
    // A glued Arabic article makes a bare code definite, like "the code" after a verb.
    "أرسلي الرمز الآن من فضلك.",
    "اكتبوا هنا الكود المكون من أربعة أرقام.",
    // "ظهر" after "which" is "appeared", not "back": where the code appeared is its source.
    "اكتب لنا الرمز الذي ظهر على شاشة جوالك.",
    // The bank's message, forwarded or pictured, in either word order.
    "Please forward the bank's text message to this chat.",
    "Bank ka SMS yahan forward kijiye.",
    "Bank ke message ka screenshot bhejiye.",
    // Egyptian "want" and Arabizi construct-state picture words.
    "3awzeen el ramz elli wasalak delwa2ti",
    "ab3at sorat el visa men el wesh wel dahr",
  ])("blocks: %s", (text) => {
    expect(blocks(text)).toBe(true);
  });

  it.each([
    "الرمز الترويجي للعرض هو EID50.",
    "Forward this message to your friends and get 10% off.",
    "Bank ka message aaya ho to kisi ko forward mat karna.",
    "عايزين نعرف رأيك في الخدمة.",
    "Kirim kode unik yang tertera di struk belanja.",
  ])("allows: %s", (text) => {
    expect(blocks(text)).toBe(false);
  });
});

describe("Arabic dialect verbs and 'only' before a place", () => {
  it.each([
    "هاتلي الرمز اللي وصلك دلوقتي.",
    "دزلي الكود اللي اجاك بالمسج.",
    "صيفطلينا الرمز ديال البنك.",
    "قم بكتابة كلمة المرور هنا لإكمال الطلب.",
    "عطونا رقم البطاقة كامل.",
    "bdi el code yalli wsolak",
    "chnou l code li wslek f sms?",
    "6arrashli el otp",
  ])("blocks: %s", (text) => {
    expect(blocks(text)).toBe(true);
  });

  it.each([
    "أدخل رمزك السري فقط في جهاز الصراف الآلي.",
    "اكتبي كلمة المرور فقط في التطبيق.",
    "Hati-hati, penipu sering meminta kode OTP.",
  ])("allows: %s", (text) => {
    expect(blocks(text)).toBe(false);
  });

  it("still opens a clause at 'only' before a verb: the request after a warning counts", () => {
    expect(blocks("لن نتصل بك أبداً فقط أرسل الرمز هنا")).toBe(true);
  });
});

describe("codes described by their arrival, forwarded messages and formal verbs of conveying", () => {
  it.each([
    "Reply with the numbers that just came to your phone.",
    "Mándame los números que te llegaron hace un momento.",
    "Envie os números que chegaram no seu telefone agora.",
    "Kirim angka-angka yang baru masuk ke HP kamu.",
    "ib3atli el ar2am elli wasaletak 3al mobile",
    "ابعتلي الأرقام اللي وصلتك على الموبايل",
    "Jo numbers abhi aaye hain phone pe, woh bhej do.",
    "Envoyez-moi les chiffres que vous venez de recevoir par SMS.",
    "Ipadala mo yung mga numero na dumating sa phone mo.",
    "Forward us the message you got from your bank a moment ago.",
    "حولي لنا الرسالة اللي وصلتك من البنك.",
    "7awwelli el resala elli gatlak men el bank",
    "Pakiforward yung text galing sa bangko.",
    "Reenvíanos el mensaje que te mandó el banco.",
    "Kindly communicate the verification code sent to your registered number.",
    "Le rogamos nos comunique la clave recibida por SMS.",
    "Veuillez nous faire parvenir le code reçu par SMS.",
    "Kripya OTP ki pushti karein.",
    "Apna net banking password prastut karein.",
    "Sila sahkan nombor pengenalan peribadi anda.",
    "Mangyaring ipagbigay-alam ang OTP na ipinadala sa inyo.",
    "Solicitamos que nos informe o código recebido por SMS.",
  ])("blocks: %s", (text) => {
    expect(blocks(text)).toBe(true);
  });

  it.each([
    "The numbers that came in the draw today are 4, 12 and 33.",
    "Los números ganadores llegaron: 12, 15, 44.",
  ])("allows: %s", (text) => {
    expect(blocks(text)).toBe(false);
  });
});

describe("a credential described by the moment it is typed", () => {
  it.each([
    "What do you usually type when you log in to our app?",
    "To help you, what do you use to sign in? Send it here.",
    "¿Qué pones cuando entras a la app del banco? Escríbelo aquí.",
    "Lo que escribes para hacer una transferencia, mándamelo.",
    "O que você digita para entrar no aplicativo? Me manda aqui.",
    "Ce que vous tapez pour vous connecter, envoyez-le moi.",
    "Biasanya masuk aplikasi pakai apa, kak? Ketik di sini ya.",
    "Apa yang encik taip untuk log masuk? Balas di sini.",
    "Login karte waqt aap kya daalte ho? Yahan likho.",
    "بتدخل التطبيق بإيش عادة؟ اكتبه هنا.",
  ])("blocks: %s", (text) => {
    expect(blocks(text)).toBe(true);
  });

  it.each([
    "What app do you use to transfer money?",
    "What do you use the app for? Transfers, bills, or top-ups?",
    "We use encryption when you log in.",
    "Qué usas más: transferencias o pagos con tarjeta?",
    "Apa yang kamu pakai untuk transfer, aplikasi atau ATM?",
  ])("allows: %s", (text) => {
    expect(blocks(text)).toBe(false);
  });
});

describe("emoji as clause breaks, codes still to arrive, purchase alerts and renewals behind links", () => {
  it.each([
    "Don't worry, this isn't a scam — just send the code we texted you.",
    "Ne vous inquiétez pas, ce n'est pas une fraude : il suffit de nous envoyer le code reçu.",
    "Tenang, ini bukan penipuan 😊 cukup kirim kode OTP-nya ke sini.",
    "Jangan risau, ini bukan scam 🙂 hantar je kod TAC tu.",
    "Tranquilo, no es una estafa 🙂 solo mándame el código que te llegó.",
    "Fikar mat karo, ye fraud nahi hai 🙂 bas OTP bhej do.",
    "Kindly communicate the authorisation code you received.",
    "Le agradeceríamos que nos comunique la clave de acceso.",
    "Merci de nous faire parvenir votre code confidentiel.",
    "Pásame la clave del banco porfa.",
    "Hi mum, I lost my phone, this is my new number. Send me the code that's about to arrive on your phone please.",
    "Hola mamá, cambié de número. Pásame el código que te va a llegar ahora.",
    "Oi pai, troquei de número. Me manda o código que vai chegar no seu celular.",
    "fi code nazal 3andak hala2, ib3atli yah",
    "Receita: seu CPF está irregular. Regularize agora em cpf-regulariza.top",
    "Compra de R$ 1.200 aprovada. Não reconhece? Cancele em banco-cancela.online",
    "Achat de 899€ validé. Ce n'est pas vous ? Annulez ici : cb-annulation.com",
    "Votre carte Vitale expire. Commandez la nouvelle ici : vitale-renouvellement.com",
  ])("blocks: %s", (text) => {
    expect(detectSecretRequest(text, { linkAllowlist: [] }).block).toBe(true);
  });

  it.each([
    "This is not a scam warning: never send the code to anyone.",
    "Ini bukan promo. Jangan kirim kode OTP ke siapa pun.",
  ])("allows: %s", (text) => {
    expect(detectSecretRequest(text, { linkAllowlist: [] }).block).toBe(false);
  });

  it("still joins letters spelled out around emoji", () => {
    expect(blocks("send your p🔒i🔒n here")).toBe(true);
  });
});

describe("formal verbs of conveying, codes named by their issuing, Arabizi spellings of the secret number", () => {
  it.each([
    "We'd appreciate it if you could communicate the authorization code you were issued.",
    "Le pedimos que nos comunique el código de autorización emitido a su teléfono.",
    "Merci de bien vouloir nous faire parvenir le code reçu.",
    "Suraksha code ki pushti yahan karein.",
    "Aapko apna UPI PIN yahan dena anivarya hai.",
    "ektebli el ra2m el sirri beta3 el card",
    "law sama7t 2olli el ramz el serri",
    "el 6 ar2am elli wasalouk, ib3atli yahom",
    "الخانات الأربع اللي تدخلها في مكينة الصرف، اكتبها لي.",
  ])("blocks: %s", (text) => {
    expect(blocks(text)).toBe(true);
  });

  it.each([
    "Solo hacemos envíos a estos códigos postales: 28001 y 28002.",
    "We're grateful if you could rate our service from 1 to 5.",
    "Code seri produk anda: AB-22931.",
  ])("allows: %s", (text) => {
    expect(blocks(text)).toBe(false);
  });
});

describe("a short digit-count hint takes its meaning from the sentence before", () => {
  it.each([
    "We texted you a code. 6 digits please.",
    "What's your delivery address? Also, the 6 digits we sent you by SMS please.",
  ])("blocks: %s", (text) => {
    expect(blocks(text)).toBe(true);
  });

  it.each([
    "What's your zip code? 5 digits please.",
    "Ano ang zip code ninyo? 4 na numero po.",
    "Berapa kode pos Anda? 5 digit ya.",
  ])("allows: %s", (text) => {
    expect(blocks(text)).toBe(false);
  });
});

describe("'however' after a warning, copy-and-paste requests, threats of pending or expiring", () => {
  it.each([
    "Nunca pedimos tu clave; sin embargo, hoy por mantenimiento respóndenos con ella.",
    "We never ask for your PIN; however, due to an upgrade, please reply with it today.",
    "Hindi namin hinihingi ang PIN; pero ngayon, i-send mo na dito.",
    "Copy the code from the text we sent and paste it here.",
    "Kopyahin mo yung code sa text at i-paste dito.",
    "Copia el código del SMS y pégalo aquí.",
    "Recopiez le code reçu par SMS ici.",
    "Salin kode dari SMS lalu tempel di sini.",
    "Copie o código do SMS e cole aqui.",
    "Read me the code from the SMS.",
    "Léeme el código que te llegó.",
    "Bacakan kode yang masuk ke HP kamu.",
    "Receita Federal: seu CPF tem pendências. Regularize em receita-cpf.top",
    "Votre carte arrive à expiration. Renouvelez-la ici : carte-renouv.com",
  ])("blocks: %s", (text) => {
    expect(detectSecretRequest(text, { linkAllowlist: [] }).block).toBe(true);
  });

  it.each([
    "Copy the link and paste it in your browser to track your order.",
    "Copia el código de descuento VERANO10 y pégalo al pagar.",
    "Your CPF is up to date. Nothing to do.",
  ])("allows: %s", (text) => {
    expect(detectSecretRequest(text, { linkAllowlist: [] }).block).toBe(false);
  });
});

describe("asking what a code named before says", () => {
  it.each([
    "We sent a verification code to your phone. What does it say?",
    "Te mandamos un código por SMS. ¿Qué dice?",
    "Enviamos um código para o seu celular. O que ele diz?",
    "Nagpadala kami ng OTP sa phone mo. Ano ang nakalagay?",
  ])("blocks: %s", (text) => {
    expect(blocks(text)).toBe(true);
  });

  it.each([
    "We sent you a newsletter. What does it say about the new branch?",
    "Your order is on its way. What does the tracking page show? It updates hourly.",
    "We sent a verification code to your phone. What does it say about us if we never ask for it? Trust.",
  ])("allows: %s", (text) => {
    expect(blocks(text)).toBe(false);
  });
});

describe("several words spelled out letter by letter", () => {
  it.each([
    "Send the p.i.n c.o.d.e now",
    "ابعت الـ ر.ق.م ا.ل.س.ر.ي",
    "Responde con el c.ó.d.i.g.o de 6 d.í.g.i.t.o.s",
    "Please send your P I N",
    "k-i-r-i-m k-o-d-e o-t-p",
  ])("blocks: %s", (text) => {
    expect(blocks(text)).toBe(true);
  });

  it.each(["Meet me at the U.S.A. pavilion at 5 p.m.", "Our office is at 4 P.M. R.D. street."])(
    "allows: %s",
    (text) => {
      expect(blocks(text)).toBe(false);
    },
  );
});

describe("verb-final forwarding with a pointer, credentials described by use in Malay/Indonesian and Arabic", () => {
  it.each([
    "Bank se jo SMS abhi aaya hai woh yahan forward karo.",
    "Bank ka jo message aaya hai usko forward kar dijiye.",
    "Boleh diinfokan yang biasa dipakai buat login?",
    "Sebutkan yg biasa kamu ketik waktu login.",
    "عادةً بتفتح التطبيق بإيش؟ اكتبه هنا.",
  ])("blocks: %s", (text) => {
    expect(blocks(text)).toBe(true);
  });

  it.each([
    "Kode yang dipakai untuk login akan dikirim via SMS.",
    "Bank ka message aaya ho to usko kisi ko forward mat karna.",
    "Aplikasi yang biasa dipakai untuk login adalah BCA mobile.",
  ])("allows: %s", (text) => {
    expect(blocks(text)).toBe(false);
  });
});

describe("Spanish 'él' folded to 'el', and what the reader puts in at the ATM", () => {
  it.each([
    "Nunca pedimos tu PIN por teléfono; aun así, hoy contéstanos con él.",
    "Te llegó un código. Respóndeme con él ahora.",
    "Al sacar dinero en el cajero, ¿cuál pones?",
    "¿Qué pones en el cajero cuando retiras efectivo?",
    "Nunca pedimos su PIN; sin embargo, respóndanos con él hoy.",
    "El banco jamás solicita su PIN; sin embargo, respóndanos con él.",
    "El banco nunca pide su PIN; respóndanos con él.",
    "Jamás solicitamos su PIN; respóndanos con él.",
  ])("blocks: %s", (text) => {
    expect(blocks(text)).toBe(true);
  });

  it.each([
    "Respóndenos con el número de pedido, por favor.",
    "Nunca compartas tu PIN; nadie del banco te lo pedirá, ni siquiera con él en la mano.",
    "¿Cuál usas más en el cajero, la tarjeta o el celular?",
  ])("allows: %s", (text) => {
    expect(blocks(text)).toBe(false);
  });
});
