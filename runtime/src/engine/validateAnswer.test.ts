import { describe, expect, it } from "vitest";
import { validateAnswer } from "./validateAnswer.ts";

describe("validateAnswer", () => {
  it("checks numbers with ranges, grouping and decimal commas", () => {
    const input = { type: "number" as const, min: 1, max: 10_000, integer: false };
    expect(validateAnswer(input, " 42 ")).toEqual({ ok: true, value: 42 });
    expect(validateAnswer(input, "3,5")).toEqual({ ok: true, value: 3.5 });
    expect(validateAnswer(input, "1.000")).toEqual({ ok: true, value: 1000 });
    expect(validateAnswer(input, "0").ok).toBe(false);
    expect(validateAnswer(input, "ten").ok).toBe(false);
    expect(validateAnswer({ ...input, integer: true }, "2.5").ok).toBe(false);
  });

  it("checks emails, phones and dates", () => {
    expect(validateAnswer({ type: "email" }, "Ana@Example.com")).toEqual({
      ok: true,
      value: "ana@example.com",
    });
    expect(validateAnswer({ type: "email" }, "ana@").ok).toBe(false);
    expect(validateAnswer({ type: "phone" }, "+62 812-3456-789")).toEqual({
      ok: true,
      value: "+628123456789",
    });
    expect(validateAnswer({ type: "phone" }, "12").ok).toBe(false);
    expect(validateAnswer({ type: "date" }, "31/12/2026")).toEqual({ ok: true, value: "2026-12-31" });
    expect(validateAnswer({ type: "date" }, "2026-02-30").ok).toBe(false);
  });

  it("checks text length, choices and patterns", () => {
    expect(validateAnswer({ type: "text", minLength: 3 }, "ab").ok).toBe(false);
    expect(validateAnswer({ type: "text", maxLength: 2 }, "👍🏽👍🏽").ok).toBe(true);
    const choice = {
      type: "choice" as const,
      choices: [
        { id: "s", label: "Small" },
        { id: "l", label: "Large" },
      ],
    };
    expect(validateAnswer(choice, "2")).toEqual({ ok: true, value: "Large" });
    expect(validateAnswer(choice, "small")).toEqual({ ok: true, value: "Small" });
    expect(validateAnswer(choice, "medium").ok).toBe(false);
    const pattern = { type: "pattern" as const, pattern: "[A-Z]{2}-\\d{4}", description: "" };
    expect(validateAnswer(pattern, "AB-1234").ok).toBe(true);
    expect(validateAnswer(pattern, "xAB-1234").ok).toBe(false);
    expect(validateAnswer(pattern, "A".repeat(5000))).toEqual({ ok: false, reason: "too long" });
  });

  it("runs a designer's pattern in linear time and explains one it cannot run", () => {
    const evil = { type: "pattern" as const, pattern: "(a+)+$", description: "" };
    expect(validateAnswer(evil, `${"a".repeat(999)}!`).ok).toBe(false);
    expect(validateAnswer(evil, "aaa").ok).toBe(true);
    const lookahead = { type: "pattern" as const, pattern: "(?=.*\\d)\\w+", description: "" };
    expect(validateAnswer(lookahead, "abc1")).toEqual({
      ok: false,
      reason: "the block's pattern cannot be used: lookahead and lookbehind are not supported in patterns",
    });
  });

  it("reads emails without the backtracking pattern, with the same answers", () => {
    const ok = (text: string) => validateAnswer({ type: "email" }, text).ok;
    expect(ok("a@b.co")).toBe(true);
    expect(ok("a@b.c.d")).toBe(true);
    expect(ok("a@bc.d")).toBe(false);
    expect(ok("a@.bcd")).toBe(false);
    expect(ok("a b@c.de")).toBe(false);
    expect(ok("a@b@c.de")).toBe(false);
  });

  it("refuses over-long numbers, phones, dates and choices before any pattern", () => {
    expect(validateAnswer({ type: "number", integer: false }, "1".repeat(65))).toEqual({
      ok: false,
      reason: "not a number",
    });
    expect(validateAnswer({ type: "phone" }, "1 ".repeat(40)).ok).toBe(false);
    expect(validateAnswer({ type: "date" }, `${"1".repeat(70)}-01-01`).ok).toBe(false);
  });
});
