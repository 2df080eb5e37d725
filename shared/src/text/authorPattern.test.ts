import { describe, expect, it } from "vitest";
import { compileAuthorPattern, MAX_PATTERN_INPUT } from "./authorPattern.ts";

const tester = (source: string, options = {}) => {
  const p = compileAuthorPattern(source, options);
  if (!p.ok) throw new Error(p.reason);
  return p.test;
};

describe("compileAuthorPattern (RE2, linear time)", () => {
  it("matches the way authors write patterns: whole answers, or anywhere ignoring case", () => {
    const orderNo = tester("[A-Z]{2}-\\d{4}", { whole: true });
    expect(orderNo("AB-1234")).toBe(true);
    expect(orderNo("xAB-1234")).toBe(false);
    const city = tester("^ja", { ignoreCase: true });
    expect(city("Jakarta")).toBe(true);
    expect(city("Bandung")).toBe(false);
    expect(tester("\\p{L}+", { whole: true })("Olá")).toBe(true);
  });

  it("answers the classic catastrophic patterns on hostile input (no backtracking exists to explode)", () => {
    const hostile = `${"a".repeat(MAX_PATTERN_INPUT - 1)}!`;
    for (const source of ["(a+)+$", "(a|a)*$", "(a*)*b", "(.*a){20}", "^(\\w+\\s?)*$"]) {
      expect(tester(source, { whole: true })(hostile)).toBe(false);
    }
  });

  it("never matches text over MAX_PATTERN_INPUT", () => {
    expect(tester("a*", { whole: true })("a".repeat(MAX_PATTERN_INPUT))).toBe(true);
    expect(tester("a*", { whole: true })("a".repeat(MAX_PATTERN_INPUT + 1))).toBe(false);
  });

  it("refuses what has no linear-time implementation, and invalid patterns, with a reason", () => {
    const reason = (source: string) => {
      const p = compileAuthorPattern(source);
      return p.ok ? null : p.reason;
    };
    expect(reason("(?=\\d)\\d+")).toMatch(/lookahead and lookbehind/);
    expect(reason("(a)\\1")).toMatch(/backreferences/);
    expect(reason("(")).toMatch(/not a valid pattern/);
    expect(reason("((a{100}){100}){100}")).toMatch(/not a valid pattern/);
  });
});
