// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are JavaScript source under test, not templates
import { describe, expect, it } from "vitest";
import { scriptStaticChecks } from "./scriptStaticChecks.ts";

const rules = (code: string) => scriptStaticChecks(code).map((f) => `${f.ruleId}@${f.line}:${f.column}`);

describe("scriptStaticChecks", () => {
  it("accepts an ordinary script, including regexes, templates and division", () => {
    const code = [
      "const res = await fetch(`https://api.example.com/orders/${encodeURIComponent(input.id)}`);",
      "const { items } = await res.json(); // comment with require('x') and process.env",
      "const avg = items.length / 2 / 1; /* import x from 'y' */",
      "const ok = /^[A-Z]{2}-\\d{4}$/.test(input.id) && order.process !== 'x';",
      "const label = `total: ${items.map((i) => `${i.qty}`).join(', ')}`;",
      "return { ok, avg, label, process: 'manual', note: 'eval is fine in a string' };",
    ].join("\n");
    expect(scriptStaticChecks(code)).toEqual([]);
  });

  it("flags require, import, process, eval and Function with where they are and why", () => {
    const code = [
      "const fs = require('fs');",
      "const m = await import('node:fs');",
      "const key = process.env.API_KEY;",
      "const x = eval('1 + 1');",
      "const f = new Function('return this');",
    ].join("\n");
    expect(rules(code)).toEqual([
      "scriptRequire@1:12",
      "scriptImport@2:17",
      "scriptProcess@3:13",
      "scriptEval@4:11",
      "scriptEval@5:15",
    ]);
    const [first] = scriptStaticChecks(code);
    expect(first).toMatchObject({ severity: "error", message: expect.stringMatching(/fetch\(\)/) });
  });

  it("reads import declarations (which acorn refuses in a script) as imports, and other errors in acorn's words", () => {
    expect(rules('import x from "y";\nreturn 1')).toEqual(["scriptImport@1:1"]);
    expect(scriptStaticChecks("let a = 1 +;")).toMatchObject([
      { ruleId: "scriptSyntax", line: 1, column: 12, message: "Syntax error: Unexpected token." },
    ]);
    expect(rules("const process = 1; return order.process + obj?.eval + { Function: 2 }.Function;")).toEqual(
      [],
    );
  });

  it("reports unbalanced brackets at the offending position", () => {
    expect(rules("if (a) {\n  return [1, 2);\n}")).toEqual(["scriptSyntax@2:15"]);
    expect(scriptStaticChecks("if (a) {\n  return [1, 2);\n}")[0]!.message).toMatch(
      /opened at line 2, column 10/,
    );
    expect(rules("return 1;\n}")).toEqual(["scriptSyntax@2:1"]);
    expect(rules("function f() {\n  return 1;\n")).toEqual(["scriptSyntax@1:14"]);
  });

  it("reports unterminated strings, templates, comments and regexes", () => {
    expect(rules("const a = 'abc;\nreturn a")).toEqual(["scriptSyntax@1:11"]);
    expect(rules("const a = `abc ${1}\nreturn a")).toEqual(["scriptSyntax@1:11"]);
    expect(rules("/* never closed\nreturn 1")).toEqual(["scriptSyntax@1:1"]);
    expect(rules("return /abc;")).toEqual(["scriptSyntax@1:8"]);
  });

  it("never throws on arbitrary input", () => {
    for (const code of ["", "}", "`${", "/", "'\\", "a?.b?.[c]", "x = 1 / 2 / 3", "${}`"])
      expect(() => scriptStaticChecks(code)).not.toThrow();
  });
});
