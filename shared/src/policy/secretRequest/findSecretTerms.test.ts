import { describe, expect, it } from "vitest";
import { findSecretTerms } from "./findSecretTerms.ts";
import { normaliseText } from "./normaliseText.ts";

const kinds = (text: string) => findSecretTerms(normaliseText(text).text).map((m) => m.kind);

describe("findSecretTerms", () => {
  it("names secrets in five languages", () => {
    expect(kinds("password kata sandi kata laluan contraseña senha")).toEqual([
      "password",
      "password",
      "password",
      "password",
      "password",
    ]);
    expect(kinds("PIN NIP OTP TAC CVV")).toEqual(["pin", "pin", "otp", "otp", "cvv"]);
    expect(kinds("código de verificação, kod pengesahan, kode verifikasi")).toEqual(["otp", "otp", "otp"]);
  });

  it("recognises secrets described instead of named", () => {
    expect(kinds("the 3 digits on the back of your card")).toEqual(["cvv"]);
    expect(kinds("the 16 digits on your card")).toEqual(["card-number"]);
    expect(kinds("the code we just texted you")).toEqual(["otp"]);
    expect(kinds("tiga angka di belakang kartu")).toEqual(["cvv"]);
  });

  it("skips homonyms", () => {
    expect(kinds("pin your location, pinned message, Pinterest")).toEqual([]);
    expect(kinds("PIN code 560001")).toEqual([]);
    expect(kinds("we deliver to your PIN code area")).toEqual([]);
    expect(kinds("promo code, voucher code, tracking code, kode pos, código postal")).toEqual([]);
    expect(kinds("la palabra clave es SORTEO")).toEqual([]);
    expect(kinds("a password-protected PDF, the Wi-Fi password")).toEqual([]);
    expect(kinds("your membership card number")).toEqual([]);
  });
});
