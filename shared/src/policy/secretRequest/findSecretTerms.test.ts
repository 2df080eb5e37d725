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

  it("skips homonyms", () => {
    expect(kinds("pin your location, pinned message, Pinterest")).toEqual([]);
    expect(kinds("PIN code 560001")).toEqual([]);
    expect(kinds("we deliver to your PIN code area")).toEqual([]);
    expect(kinds("promo code, voucher code, tracking code, kode pos, código postal")).toEqual([]);
    expect(kinds("la palabra clave es SORTEO")).toEqual([]);
    expect(kinds("a password-protected PDF, the Wi-Fi password")).toEqual([]);
    expect(kinds("your membership card number")).toEqual([]);
  });

  it("reads homonym contexts from word lists, past the words a list allows between", () => {
    expect(kinds("the back of my earring pin, the hinge pin on the gate, a safety pin")).toEqual([]);
    expect(kinds("resultados de su TAC, token listrik, tic tac")).toEqual([]);
    expect(kinds("el código de confirmación de la reserva")).toEqual([]);
    expect(kinds("card ending 1234, gift card number")).toEqual([]);
    // Only spaces or hyphens may stand between: a comma breaks the context.
    expect(kinds("my earring, PIN please")).toEqual(["pin"]);
    expect(kinds("the confirmation code, your booking is next")).toEqual(["otp"]);
  });
});
