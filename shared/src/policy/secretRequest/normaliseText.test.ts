import { describe, expect, it } from "vitest";
import { normaliseText } from "./normaliseText.ts";

const folded = (text: string) => normaliseText(text).text;

describe("normaliseText", () => {
  it("folds look-alike letters from other alphabets and fonts to plain lowercase Latin", () => {
    expect(folded("ＰＩＮ")).toBe("pin");
    expect(folded("ℙ𝕀ℕ")).toBe("pin");
    expect(folded("𝐏𝐈𝐍")).toBe("pin");
    expect(folded("ΡΙΝ")).toBe("pin"); // Greek capitals
    expect(folded("раsswоrd")).toBe("password"); // Cyrillic р, а, о
    expect(folded("ᴘɪɴ")).toBe("pin"); // small capitals
    expect(folded("contraseña código segurança")).toBe("contrasena codigo seguranca");
  });

  it("drops invisible characters and joins words spelled out letter by letter", () => {
    expect(folded("p\u200bi\u2060n\ufeff")).toBe("pin");
    expect(folded("P I N")).toBe("pin");
    expect(folded("p.i.n")).toBe("pin");
    expect(folded("p🔒i🔒n")).toBe("pin");
    expect(folded("o-t-p and c v v")).toBe("otp and cvv");
  });

  it("leaves ordinary words, pairs of letters and numbers alone", () => {
    expect(folded("Plan A or B")).toBe("plan a or b");
    expect(folded("Order 12345, call 0800 123")).toBe("order 12345, call 0800 123");
  });

  it("maps every folded character back to where it came from in the original", () => {
    const original = "Send ｙｏｕｒ p🔒i🔒n";
    const n = normaliseText(original);
    const at = n.text.indexOf("pin");
    expect(original.slice(n.start[at], n.end[at + 2])).toBe("p🔒i🔒n");
    expect(original.slice(n.start[n.text.indexOf("your")], n.end[n.text.indexOf("your") + 3])).toBe(
      "ｙｏｕｒ",
    );
  });
});
