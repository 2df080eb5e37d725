import { describe, expect, it } from "vitest";
import { detectSecretRequest } from "./detectSecretRequest.ts";

const blocks = (text: string) => detectSecretRequest(text).block;

describe("detectSecretRequest", () => {
  it.each([
    "Please send us your PIN",
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
