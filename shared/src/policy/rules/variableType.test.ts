import { describe, expect, it } from "vitest";
import { knownVariables, redactPhone } from "../../flow/flowVariables.ts";
import { lintFlow } from "../lintFlow.ts";
import { testFlow } from "../testFlow.ts";

const flow = (inputType: "number" | "text", fieldType: "string" | "number") =>
  testFlow(
    [
      { id: "start", type: "start" },
      {
        id: "q",
        type: "question",
        data: { prompt: "How many?", variable: "qty", input: { type: inputType } },
      },
      {
        id: "s",
        type: "script",
        data: {
          code: "return {};",
          inputSchema: [{ name: "count", type: fieldType, required: true }],
          inputMapping: [{ field: "count", variable: "qty" }],
        },
      },
      { id: "m", type: "message", data: { text: "Hi {{contactName}} ({{contactPhone}}) on {{channel}}" } },
    ],
    ["start:next>q", "q:next>s", "s:success>m"],
  );
const hits = (f: ReturnType<typeof flow>) =>
  lintFlow(f).filter((x) => x.ruleId === "variableType" || x.ruleId === "undefinedVariable");

describe("variable types and built-ins", () => {
  it("carries a Number question's type to a number script input", () => {
    expect(hits(flow("number", "number"))).toEqual([]);
    expect(knownVariables(flow("number", "number")).find((v) => v.name === "qty")).toMatchObject({
      type: "number",
      source: "Question",
    });
  });

  it("flags a text answer mapped to a number input, and a number mapped to text", () => {
    expect(hits(flow("text", "number"))).toEqual([
      expect.objectContaining({
        severity: "error",
        blockId: "s",
        field: "inputMapping.0.variable",
        message: expect.stringMatching(/expects a number, but "qty" holds text/),
      }),
    ]);
    expect(hits(flow("number", "string"))).toHaveLength(1);
  });

  it("knows the built-in variables and refuses a block that overwrites one", () => {
    const f = flow("number", "number");
    f.nodes.push({
      id: "sv",
      type: "setVariable",
      position: { x: 0, y: 0 },
      data: { variable: "channel", value: "x" },
    });
    expect(hits(f)).toEqual([
      expect.objectContaining({ blockId: "sv", message: expect.stringMatching(/built-in/) }),
    ]);
  });

  it("shows only the last 4 digits of a phone number", () => {
    expect(redactPhone("6281234567890")).toBe("•••• 7890");
    expect(redactPhone("12")).toBe("");
    expect(redactPhone(null)).toBe("");
  });
});
