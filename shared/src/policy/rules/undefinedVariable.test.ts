import { describe, expect, it } from "vitest";
import { lintFlow } from "../lintFlow.ts";
import { testFlow } from "../testFlow.ts";

const hits = (flow: ReturnType<typeof testFlow>) =>
  lintFlow(flow).filter((f) => f.ruleId === "undefinedVariable");

describe("undefinedVariable", () => {
  it("flags a misspelt {{variable}} in a message and points at it", () => {
    const text = "Hi {{ nmae }}, your order {{order}} is ready";
    const flow = testFlow([
      { id: "q", type: "question", data: { prompt: "Order number?", variable: "order" } },
      { id: "m", type: "message", data: { text } },
    ]);
    const [f, ...rest] = hits(flow);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ blockId: "m", field: "text", severity: "error" });
    expect(text.slice(f!.span!.start, f!.span!.end)).toBe("{{ nmae }}");
  });

  it("accepts declared variables and ones set by buttons or set-variable blocks", () => {
    const flow = testFlow(
      [
        {
          id: "b",
          type: "buttons",
          data: { body: "Size?", saveAs: "size", buttons: [{ id: "s", title: "S" }] },
        },
        { id: "v", type: "setVariable", data: { variable: "greeting", value: "Hello {{name}}" } },
        { id: "m", type: "message", data: { text: "{{greeting}}, size {{size}}" } },
      ],
      [],
      [{ name: "name", type: "text" }],
    );
    expect(hits(flow)).toEqual([]);
  });

  it("flags a condition on a variable nobody sets, and one with no variable chosen", () => {
    const flow = testFlow([
      {
        id: "c",
        type: "condition",
        data: {
          branches: [
            {
              id: "x",
              label: "",
              combinator: "and",
              rules: [{ variable: "tier", operator: "equals", value: "gold" }],
            },
            {
              id: "y",
              label: "",
              combinator: "and",
              rules: [{ variable: "", operator: "isSet", value: "" }],
            },
          ],
        },
      },
    ]);
    expect(hits(flow).map((f) => f.field)).toEqual([
      "branches.0.rules.0.variable",
      "branches.1.rules.0.variable",
    ]);
  });

  it("knows the variables a script sets, including the engine's lastScriptError", () => {
    const flow = testFlow([
      {
        id: "js",
        type: "script",
        data: { code: "return { total: 1 };", outputMapping: [{ field: "total", variable: "total" }] },
      },
      { id: "m", type: "message", data: { text: "Total {{total}}; or: {{lastScriptError}}" } },
    ]);
    expect(hits(flow)).toEqual([]);
    const withoutScript = testFlow([{ id: "m", type: "message", data: { text: "{{lastScriptError}}" } }]);
    expect(hits(withoutScript)).toHaveLength(1);
  });
});
