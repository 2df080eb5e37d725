// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are JavaScript source under test, not templates
import { describe, expect, it } from "vitest";
import { extractScriptStrings } from "./extractScriptStrings.ts";

const texts = (code: string) => extractScriptStrings(code).map((s) => s.text);

describe("extractScriptStrings", () => {
  it("joins literals concatenated with +, across quotes and escapes", () => {
    expect(texts(`return { reply: "Send us " + 'your \\u0050' + "IN" };`)).toContain("Send us your PIN");
  });

  it("resolves constants and template placeholders built from literals", () => {
    const code = "const what = 'OTP';\nconst verb = \"Reply with\";\nreturn `${verb} the ${what} we sent`;";
    expect(texts(code)).toContain("Reply with the OTP we sent");
  });

  it("follows += onto a constant", () => {
    expect(texts('let m = "Type your "; m += "pass" + "word";')).toContain("Type your password");
  });

  it("skips comments and regular expressions, and reads unknown values as a space", () => {
    const code = '// "send your PIN"\n/* "CVV" */ const ok = /"pin"/.test(x); return "Hi " + name + "!";';
    expect(texts(code)).toEqual(["Hi  !"]);
  });

  it("points at the whole expression in the code", () => {
    const code = 'x = "a" + "b";';
    const [s] = extractScriptStrings(code);
    expect(code.slice(s!.start, s!.end)).toBe('"a" + "b"');
  });

  it("never throws on broken code", () => {
    for (const code of ['"unterminated', "`${", "/[/", "\\", "a = `x${`y${'z'}`}`"]) {
      expect(() => extractScriptStrings(code)).not.toThrow();
    }
    expect(texts("a = `x${`y${'z'}`}`")).toContain("xyz");
  });
});

describe("extractScriptStrings folds what a script builds at run time", () => {
  it.each([
    ['return ["Send", "your", "P" + "IN"].join(" ");', "Send your PIN"],
    ['return "NIP ruoy dneS".split("").reverse().join("");', "Send your PIN"],
    ['const w = ["N", "I", "P"].reverse().join(""); return `Type your ${w}`;', "Type your PIN"],
    ["return 'Reply with your ' + String.fromCharCode(79, 84, 80);", "Reply with your OTP"],
    ['return "Send your ".concat("pass", "word");', "Send your password"],
    ['return "enter your " + atob("UElO");', "enter your PIN"],
  ])("%s", (code, text) => {
    expect(texts(code)).toContain(text);
  });
});
