import { describe, expect, it } from "vitest";
import { lintFlow } from "../lintFlow.ts";
import { testFlow } from "../testFlow.ts";

const hits = (code: string) =>
  lintFlow(testFlow([{ id: "js", type: "script", data: { code, outputMapping: [] } }])).filter(
    (f) => f.ruleId === "scriptSecretRequest",
  );

describe("scriptSecretRequest", () => {
  it("blocks a request split across concatenated literals and points at the expression", () => {
    const code = 'const reply = "Please send us " + "your P" + "IN";\nreturn { reply };';
    const [f, ...rest] = hits(code);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ blockId: "js", field: "code", severity: "error" });
    expect(code.slice(f!.span!.start, f!.span!.end)).toBe('"Please send us " + "your P" + "IN"');
  });

  it("blocks a template built from constants", () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the string is JavaScript source under test
    expect(hits("const k = 'OTP';\nreturn { text: `Reply with the ${k} we sent you` };")).toHaveLength(1);
  });

  it("ignores comments and warnings, and ordinary scripts", () => {
    expect(
      hits('// earlier copy asked for "your PIN"?\nreturn { note: "We will never ask for your PIN" };'),
    ).toEqual([]);
    expect(hits("const r = await fetch(url); return { status: (await r.json()).status };")).toEqual([]);
  });
});
