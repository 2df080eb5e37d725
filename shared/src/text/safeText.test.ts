import { describe, expect, it } from "vitest";
import { findUnsafeInput, isSafeText, MAX_INPUT_DEPTH, safeString, unsafeTextReason } from "./safeText.ts";

describe("the bad bytes rule", () => {
  it("passes any real Unicode, emoji (surrogate pairs) included, and refuses NUL and lone surrogates", () => {
    expect(isSafeText("Halo kak 👋🏽 ¿qué tal? 你好")).toBe(true);
    expect(isSafeText("")).toBe(true);
    expect(unsafeTextReason("a\u0000b")).toBe("NUL character");
    expect(unsafeTextReason("a\ud83d")).toBe("lone surrogate");
    expect(unsafeTextReason("\ude00a")).toBe("lone surrogate");
    expect(unsafeTextReason("\ud83d\ud83d\ude00")).toBe("lone surrogate");
  });

  it("is a zod string schema whose message names the problem", () => {
    expect(safeString().max(5).safeParse("fine").success).toBe(true);
    const nul = safeString().safeParse("x\u0000");
    expect(nul.success).toBe(false);
    expect(nul.error?.issues[0]?.message).toBe("contains a NUL character");
    expect(safeString().max(3).safeParse("long").success).toBe(false);
  });

  it("finds the first bad string or key in parsed JSON and says where", () => {
    expect(findUnsafeInput({ a: ["ok", { b: 1, c: null, d: true }] })).toBeNull();
    expect(findUnsafeInput({ a: ["ok", "x\u0000"] })).toEqual({ path: "a[1]", reason: "NUL character" });
    expect(findUnsafeInput({ a: { "k\ud800": 1 } })).toEqual({ path: "a (a key)", reason: "lone surrogate" });
    expect(findUnsafeInput("\u0000")).toEqual({ path: "(input)", reason: "NUL character" });
    expect(findUnsafeInput([[1, ["\udfff"]]])).toEqual({ path: "[0][1][0]", reason: "lone surrogate" });
  });

  it("caps nesting without using the call stack, however deep the input", () => {
    const nest = (depth: number) => {
      let v: unknown = 1;
      for (let i = 0; i < depth; i++) v = { x: v };
      return v;
    };
    expect(findUnsafeInput(nest(MAX_INPUT_DEPTH))).toBeNull();
    expect(findUnsafeInput(nest(MAX_INPUT_DEPTH + 1))?.reason).toBe("nested deeper than 64 levels");
    const deep = findUnsafeInput(nest(1_000_000));
    expect(deep?.reason).toBe("nested deeper than 64 levels");
    expect(deep?.path.length).toBeLessThanOrEqual(201);
  });
});
