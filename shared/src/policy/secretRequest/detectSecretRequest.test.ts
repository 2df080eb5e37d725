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
  ])("blocks a request: %s", (text) => {
    expect(blocks(text)).toBe(true);
  });

  it.each([
    "We will never ask for your PIN",
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
