import { describe, expect, it } from "vitest";
import { describedMentions } from "./describedSecrets.ts";
import { normaliseText } from "./normaliseText.ts";
import { splitClauses } from "./splitClauses.ts";

/** The kinds and words of the secrets a text describes without naming them. */
function described(text: string): string[] {
  const folded = normaliseText(text).text;
  const tokens = splitClauses(folded, []);
  return describedMentions(
    tokens,
    tokens.map((t) => t.word),
    folded,
  ).map((m) => `${m.kind}:${folded.slice(m.start, m.end)}`);
}

describe("describedMentions", () => {
  it("reads a code-like noun plus where it came from as a one-time code, in any language", () => {
    expect(described("the code we just texted you")).toEqual(["otp:code"]);
    expect(described("What number did the automated call read to you?")).toEqual(["otp:number"]);
    expect(described("le numéro que l'appel vocal vient de vous dicter")).toEqual(["otp:numero"]);
    expect(described("Nombor yang keluar dalam mesej dari bank tadi")).toEqual(["otp:nombor"]);
    expect(described("el 6 ar2am elli wasalouk fi resala")).toEqual(["otp:6 ar2am"]);
  });

  it("reads a count of digits as a code, unless it is about an address", () => {
    expect(described("Reply with the 6-digit code")).toEqual(["otp:6-digit code"]);
    expect(described("Kabari kode 6 digitnya ya")).toEqual(["otp:6 digitnya"]);
    expect(described("the 6-digit PIN code of your delivery address")).toEqual([]);
  });

  it("reads where a code is used: the ATM or opening the app is a PIN, the back of the card a CVV", () => {
    expect(described("the 4-digit number you use when withdrawing cash at the ATM")).toEqual([
      "pin:4-digit number",
    ]);
    expect(described("Quel est le code à 4 chiffres que vous tapez au distributeur ?")).toEqual([
      "pin:code",
      "pin:4 chiffres",
    ]);
    expect(described("tiga angka di belakang kartu")).toEqual(["cvv:tiga angka"]);
    expect(described("the 3 digits on the back of your card")).toEqual(["cvv:3 digits"]);
    expect(described("el número completo de tu tarjeta")).toEqual(["card-number:numero"]);
  });

  it("reads a photo of a card and a forwarded message from the bank as handing them over", () => {
    expect(described("a clear photo of both sides of your card")).toEqual(["card-number:card"]);
    expect(described("Foto kartu debit bagian depan dan belakang")).toEqual(["card-number:kartu"]);
    expect(described("forward us the SMS you received from your bank")).toEqual(["otp:sms"]);
    expect(described("a photo of your ID card")).toEqual([]);
    expect(described("forward this message to a friend")).toEqual([]);
  });

  it("leaves codes the business hands out, and partial card digits, alone", () => {
    expect(described("the promo code we sent you")).toEqual([]);
    expect(described("code 4821 was sent to you")).toEqual([]);
    expect(described("the code shown on your delivery box")).toEqual([]);
    expect(described("the last 4 digits of your card")).toEqual([]);
    expect(described("Send the promo code")).toEqual([]);
    expect(described("Give the code to the driver")).toEqual([]);
    expect(described("Share your code with friends")).toEqual([]);
  });

  it("reads a plain 'the code' or 'your code' right after a request verb as the one-time code", () => {
    expect(described("Send the code")).toEqual(["otp:code"]);
    expect(described("Pásame el código porfa")).toEqual(["otp:codigo"]);
    expect(described("Bagi kod tu cepat")).toEqual(["otp:kod"]);
  });
});
