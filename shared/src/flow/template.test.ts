import { describe, expect, it } from "vitest";
import { MAX_CUSTOMER_TEXT } from "../text/textLimits.ts";
import { fillTemplate, referencedVariables } from "./template.ts";

describe("fillTemplate", () => {
  it("substitutes plain text, objects as JSON, unknown variables as nothing", () => {
    expect(fillTemplate("Hi {{ name }}, order {{o}}{{missing}}.", { name: "Ana", o: { id: 7 } })).toBe(
      'Hi Ana, order {"id":7}.',
    );
    expect(referencedVariables("{{a}} {{ b_2 }} {{3x}}")).toEqual(["a", "b_2"]);
  });

  it("stops at MAX_CUSTOMER_TEXT, or a given limit, however often a long answer is repeated", () => {
    const answer = "x".repeat(MAX_CUSTOMER_TEXT);
    const text = "{{a}}".repeat(4000);
    expect(fillTemplate(text, { a: answer })).toHaveLength(MAX_CUSTOMER_TEXT);
    expect(fillTemplate("Thanks {{a}}", { a: answer }, 4096)).toBe(`Thanks ${"x".repeat(4096 - 8)}…`);
    expect(fillTemplate("Thanks {{a}}", { a: "Ana" }, 4096)).toBe("Thanks Ana");
    // A variable filled from itself in a loop doubles each time; the cap holds it.
    let value = "ab";
    for (let i = 0; i < 40; i++) value = fillTemplate("{{v}}{{v}}", { v: value });
    expect(value).toHaveLength(MAX_CUSTOMER_TEXT);
  });

  it("never cuts an emoji in half at the cap", () => {
    const filled = fillTemplate("{{a}}", { a: `${"x".repeat(MAX_CUSTOMER_TEXT - 2)}👍👍` });
    expect(filled).toBe(`${"x".repeat(MAX_CUSTOMER_TEXT - 2)}…`);
  });
});

describe("values a script returned", () => {
  it("lose NUL characters and lone surrogates before they go into a message", () => {
    expect(fillTemplate("Hi {{v}}", { v: "a\u0000b\uD800c" })).toBe("Hi ab\uFFFDc");
    expect(fillTemplate("{{v}}", { v: "👋" })).toBe("👋");
  });
});
