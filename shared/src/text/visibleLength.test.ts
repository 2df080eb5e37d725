import { describe, expect, it } from "vitest";
import { visibleLength } from "./visibleLength.ts";

describe("visibleLength", () => {
  it("counts plain letters one each", () => expect(visibleLength("Halo")).toBe(4));
  it("counts an emoji with a skin tone as one", () => expect(visibleLength("👋🏽")).toBe(1));
  it("counts a flag and a family emoji as one each", () => expect(visibleLength("🇮🇩👨‍👩‍👧")).toBe(2));
  it("counts a letter with a combining accent as one", () => expect(visibleLength("e\u0301")).toBe(1));
  it("counts CJK characters one each", () => expect(visibleLength("你好")).toBe(2));
  it("stops counting past atMost", () => {
    expect(visibleLength("abcdef", 3)).toBe(4);
    expect(visibleLength("ab", 3)).toBe(2);
    expect(visibleLength("👍🏽".repeat(10_000), 5)).toBe(6);
  });
});
