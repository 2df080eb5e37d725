import { describe, expect, it } from "vitest";
import { detectSecretRequest } from "./detectSecretRequest.ts";
import { readWord } from "./lexicon.ts";

const blocks = (text: string) => detectSecretRequest(text).block;

describe("detectSecretRequest", () => {
  it.each([
    "Please send us your PIN",
    "Read out the message our system just sent to your phone, word for word.",
    "Wrong code enter the OTP again",
    "If it's not too much trouble, could you let me know your password?",
    "Écrivez votre C O D E   C O N F I D E N T I E L ci-dessous",
    "Taip 6 angka yang anda guna untuk keluarkan duit di mesin ATM.",
    "we never call you, so type your PIN here",
    "Reply with the OTP we sent",
    "What is your PIN?",
    "PIN: ____",
    "masukkan PIN",
    "ketik kode OTP nya",
    "informe sua senha",
    "envíanos tu contraseña",
    "Sila masukkan kata laluan anda",
    "Hantar kod TAC sekarang",
    "Please type the 3 digits on the back of your card",
    "Reply with the code we just texted you",
    "send the 16 digits on your card",
    "We sent you an OTP. Reply with it here.",
    "Don't forget to enter your PIN",
    "The PIN can be typed right here in the chat.",
    "PIN boleh ditaip terus di sini.",
    "Tu NIP se puede escribir aquí.",
    "A senha pode ser digitada aqui mesmo no chat.",
    "Please take a photo of the front and back of your card and send it.",
    "¿Cuál es el número de la tarjeta de crédito?",
    "Voy a necesitar los tres dígitos del reverso de tu tarjeta.",
  ])("blocks a request: %s", (text) => {
    expect(blocks(text)).toBe(true);
  });

  it.each([
    "We will never ask for your PIN",
    "Your OTP was sent to the number you gave us here.",
    "Nunca, tu NIP no se puede escribir aquí.",
    "Vas a necesitar tu NIP en el cajero.",
    "jangan berikan PIN anda kepada siapa pun",
    "nunca compartas tu clave",
    "pin your location",
    "This is a pinned message",
    "Follow us on Pinterest",
    "Enter your PIN code so we can check delivery to your area",
    "PIN code 560001",
    "Use promo code SAVE10 at checkout",
    "Your statement is a password-protected PDF",
    "We'll send you an OTP",
    "Your OTP is 123456. Do not share it with anyone.",
    "Forgot your password? Tap the link to reset your password.",
    "Enter your PIN only at the ATM.",
    "Your card was blocked after 3 wrong attempts to enter your PIN. Please visit a branch.",
    "Tu tarjeta fue bloqueada tras 3 intentos fallidos de ingresar el PIN.",
    "Kod OTP telah dihantar ke nombor berakhir 5521. Masukkan kod itu dalam aplikasi untuk log masuk.",
    "Saisissez votre code confidentiel uniquement sur le clavier du distributeur, jamais ici.",
    "Circulan mensajes falsos a nuestro nombre pidiendo el código de seguridad. Nosotros jamás lo pedimos.",
  ])("lets a warning or homonym pass: %s", (text) => {
    expect(blocks(text)).toBe(false);
  });

  it.each([
    ["send your P I N", "P I N"],
    ["send your p.i.n", "p.i.n"],
    ["send your p🔒i🔒n", "p🔒i🔒n"],
    ["send your ℙ𝕀ℕ", "ℙ𝕀ℕ"],
    ["send your ＰＩＮ", "ＰＩＮ"],
    ["send your ΡΙΝ", "ΡΙΝ"],
    ["send your p\u200bi\u200bn", "p\u200bi\u200bn"],
    ["send your pa55w0rd", "pa55w0rd"],
    ["kirim раsswоrd kamu", "раsswоrd"],
  ])("sees through obfuscation and points at the original characters: %s", (text, matched) => {
    const result = detectSecretRequest(text);
    expect(result.block).toBe(true);
    const finding = result.findings[0]!;
    expect(finding.matched).toBe(matched);
    expect(text.slice(finding.span.start, finding.span.end)).toBe(matched);
  });

  it.each([
    ["Send us the code shown in your app: your clave dinámica", true],
    ["Envía la clave dinámica que aparece en tu app.", true],
    ["Recibirás un código por SMS; ingrésalo solo en nuestra app oficial.", false],
    ["Type RESEND to get a new OTP.", false],
    ["Request a new PIN at any branch.", false],
    ["Is it safe to share my OTP? No! Never share it.", false],
    ["Send my PIN now", true],
    ["Your one-time password will never be requested by our staff.", false],
    ["Update your details: card number, expiry date and CVV.", true],
    ["Enter password SUMMER24 to open your e-statement.", false],
    ["Tolong kirimkan k o d e O T P nya", true],
    ["Mohon dikirim ya kak kode OTP yang barusan masuk.", true],
    ["Kata laluan mesti sekurang-kurangnya 8 aksara.", false],
  ])("reads who asks whom for what: %s", (text, expected) => {
    expect(blocks(text)).toBe(expected);
  });

  it("names the kind of secret and explains it in plain words", () => {
    const [finding] = detectSecretRequest("Kindly confirm your CVV to continue").findings;
    expect(finding?.kind).toBe("cvv");
    expect(finding?.explanation).toMatch(/security code/);
    expect(finding?.explanation).toMatch(/never ask/);
  });

  it("never throws, whatever it is given", () => {
    for (const input of [
      "",
      "\u0000\uffff\ud800",
      "a".repeat(50_000),
      undefined as unknown as string,
      "🔒".repeat(999),
    ])
      expect(() => detectSecretRequest(input)).not.toThrow();
  });
});

describe("detectSecretRequest: the mechanisms of the second round", () => {
  const asks = (text: string) => detectSecretRequest(text, { linkAllowlist: [] }).block;

  it("takes a secret in a sentence that asks something of the reader as asked for, whatever the verb", () => {
    expect(asks("Could you let our agent know the passcode you use for mobile banking?")).toBe(true);
    expect(asks("Relax — simply drop the one-time code in this chat.")).toBe(true);
    expect(asks("Mucho le agradeceríamos nos remitiera la contraseña de su banca en línea.")).toBe(true);
    expect(asks("Kripya satyapan ke liye apna OTP humein uplabdh karayein.")).toBe(true);
    // …but not where its own clause warns, tells a status, or asks whether a code arrived.
    expect(asks("Your card PIN will be sent by post separately from your card.")).toBe(false);
    expect(asks("Has the verification code arrived? Tap Resend if not.")).toBe(false);
    expect(asks("Namaste, code aa gaya kya? Bas HAAN ya NAHI reply karein.")).toBe(false);
  });

  it("ends a negation at a dash, a semicolon or 'so/just/only', and reads an exception as a request", () => {
    expect(asks("We never ask by phone — so type it here.")).toBe(false); // nothing named before "it"
    expect(asks("We never ask for your PIN by phone — so type it here.")).toBe(true);
    expect(asks("No compartas tu código con nadie; solo envíalo a este chat oficial.")).toBe(true);
    expect(asks("Jangan kongsi TAC dengan sesiapa, kecuali dengan ejen rasmi ini.")).toBe(true);
    expect(asks("هذا ليس احتيالاً، نحتاج فقط الرقم السري لبطاقتك.")).toBe(true);
    expect(asks("Never share your PIN. Reply HELP for assistance.")).toBe(false);
  });

  it("reads secrets described by their source or use, and security questions, in any language", () => {
    expect(asks("Quel est le code à 4 chiffres que vous tapez au distributeur ?")).toBe(true);
    expect(asks("el 6 ar2am elli wasalouk fi resala men el bank, ektebhom hena")).toBe(true);
    expect(asks("Card ka front aur back dono ka photo bhej do.")).toBe(true);
    expect(asks("¿En qué ciudad nació tu madre? Es tu pregunta de seguridad.")).toBe(true);
    expect(asks("What's your booking reference? It's the 6-letter code on your email.")).toBe(false);
  });

  it("lets keyword menus, codes the bot gives out, homonyms and postal codes pass", () => {
    expect(asks("Reply PIN to learn how to reset your PIN at a branch, or CARD to order a new card.")).toBe(
      false,
    );
    expect(asks("اكتب رصيد لمعرفة رصيدك أو PIN لمعرفة طريقة تغيير الرقم السري.")).toBe(false);
    expect(asks("كود التفعيل الخاص بك هو 448812")).toBe(false);
    expect(asks("Basahin ang naka-pin na message sa group para sa schedule.")).toBe(false);
    expect(asks("Ano password ng wifi niyo? Nakalimutan ko.")).toBe(false);
    expect(asks("Delivery ke liye apne area ka 6 digit PIN code bhejiye.")).toBe(false);
  });

  it("reads Arabic with tatweel and Arabizi verbs carrying their object", () => {
    expect(asks("ارسـل الـرمـز السـري هـنا")).toBe(true);
    expect(asks("e7na ma bnotlobsh el password 3al telephone — 3ashan keda ektebo hena")).toBe(true);
  });

  it("reads the longest text whole, and holds back one naming a secret past the cap", () => {
    const paragraph =
      "Hola, tu pedido está en camino y llegará el jueves por la tarde a la dirección que nos diste. " +
      "Puedes seguirlo desde la aplicación en cualquier momento. Nunca te pediremos tu clave. ";
    const long = paragraph.repeat(50).slice(0, 8192);
    expect(asks(long)).toBe(false);
    expect(asks(`${long.slice(0, 8150)} Envíanos tu clave.`)).toBe(true);
    expect(detectSecretRequest("pin,".repeat(2048)).block).toBe(true);
  });

  it("reads this round's mechanisms (issue 13, third round)", () => {
    // The last 3 digits on the back or the signature strip are the CVV; the last 4 identify a card.
    expect(asks("Turn the card over and tell me the last 3 digits on the signature strip.")).toBe(true);
    expect(asks("Please confirm the last 4 digits of your card number.")).toBe(false);
    // A manage verb after the secret makes it the topic.
    expect(asks("Mot de passe oublié ? Touchez « Mot de passe oublié » dans l'appli.")).toBe(false);
    // "card number, expiry date" is a list of what to send, not a service.
    expect(asks("Send us the card number, expiry date and the name on the card.")).toBe(true);
    // A command of several keywords in capitals, and a keyword followed by when to send it.
    expect(asks("OTP nahi aaya? OTP HELP likh ke bhejein.")).toBe(false);
    expect(asks("Envie CODIGO se o SMS não chegar.")).toBe(false);
    expect(asks("Mohon kirim MPIN OCTO Mobile Anda agar poin bisa dicairkan.")).toBe(true);
    // A secret's name quoted after a copula is said, not asked for.
    expect(asks('The magic word is "password", say it at the door.')).toBe(false);
    // Recovery phrases and security questions by more names.
    expect(asks("Écrivez ici vos mots secrets de récupération.")).toBe(true);
    expect(asks("Apakah nama ibu anda sebelum berkahwin?")).toBe(true);
    // Arabizi: a code that will arrive, then "send it"; "or not" ('wala') still negates in Arabic.
    expect(asks("hayewsallak code dlwa2ty, ib3ato hena")).toBe(true);
    expect(asks("احفظ عبارة الاسترداد ولا تكتبها في أي موقع.")).toBe(false);
    // A count, a "last" word or a linker, then digits: "3 últimos dígitos", "6 na numero".
    expect(asks("Dime los 3 últimos dígitos de la franja de atrás de tu tarjeta.")).toBe(true);
    expect(asks("Ibigay mo yung 6 na numero na tinext namin sa iyo.")).toBe(true);
    expect(asks("We sell enamel pin's and badges, 5€ each.")).toBe(false);
    // Asked whether it came, then a bare request before a "that/because" clause.
    expect(asks("¿Ya recibiste el código? Dímelo ya que se vence.")).toBe(true);
    expect(asks("Did the code arrive? Great, no need to send it.")).toBe(false);
    // An Arabizi word spelled with other vowels than the file's ("7ottelna" for "7ottilna").
    expect(asks("7ottelna kelmet el ser hena")).toBe(true);
    // Ordinary l33t and numbers are not read as Arabizi.
    expect(readWord("h3llo")).toBe("hello");
    expect(readWord("2024")).toBe("2024");
  });
});

describe("text shown in another order than it is written", () => {
  it("holds back a text with a bidirectional override, whatever it says (\\u202Edrowssap\\u202C shows as password)", () => {
    for (const text of [
      "Please reply with your \u202Edrowssap\u202C",
      "your card's \u202Dvvc\u202C code",
      "Hi \u202E",
    ]) {
      const r = detectSecretRequest(text);
      expect(r.block).toBe(true);
      expect(r.findings[0]?.explanation).toMatch(/override/);
    }
    // Arabic needs no override: plain right-to-left text is judged on its words.
    expect(detectSecretRequest("مرحبا، كيف يمكننا مساعدتك اليوم؟").block).toBe(false);
  });
});
