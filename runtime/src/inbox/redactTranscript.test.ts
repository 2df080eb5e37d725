import { describe, expect, it } from "vitest";
import { buildFlow } from "../testing/sampleFlow.ts";
import { isSensitivePrompt, redactTraceDetail, redactTranscript } from "./redactTranscript.ts";

describe("redactTranscript", () => {
  it("masks card numbers that pass Luhn, keeping the last four digits", () => {
    expect(redactTranscript("my card 4111 1111 1111 1111 thanks")).toBe("my card •••• •••• •••• 1111 thanks");
    expect(redactTranscript("4111111111111111")).toBe("••••••••••••1111");
    // Not Luhn-valid: an order or phone number stays readable.
    expect(redactTranscript("order 4111111111111112")).toBe("order 4111111111111112");
    expect(redactTranscript("call 628123456789")).toBe("call 628123456789");
  });

  it("masks short codes only right after a sensitive prompt", () => {
    expect(redactTranscript("it is 482913", { afterSensitivePrompt: true })).toBe("it is ••••••");
    expect(redactTranscript("it is 482913")).toBe("it is 482913");
  });

  it("recognises sensitive prompts in several languages", () => {
    const flow = (prompt: string) =>
      buildFlow(
        [
          { id: "start", type: "start", data: {} },
          { id: "q", type: "question", data: { prompt, variable: "x" } },
        ],
        [["start", "next", "q"]],
      );
    expect(isSensitivePrompt(flow("Masukkan kode verifikasi"), "q")).toBe(true);
    expect(isSensitivePrompt(flow("Type the code we sent you"), "q")).toBe(true);
    expect(isSensitivePrompt(flow("How many shirts?"), "q")).toBe(false);
    expect(isSensitivePrompt(flow("How many shirts?"), null)).toBe(false);
  });

  it("redacts a trace entry by the same rules: codes after a sensitive prompt or in a code-named variable, cards everywhere", () => {
    const flow = buildFlow(
      [
        { id: "start", type: "start", data: { keywords: [] } },
        {
          id: "ask",
          type: "question",
          data: { prompt: "Enter the code we sent", variable: "answer", input: { type: "text" } },
        },
        {
          id: "qty",
          type: "question",
          data: { prompt: "How many?", variable: "amount", input: { type: "text" } },
        },
      ],
      [
        ["start", "next", "ask"],
        ["ask", "next", "qty"],
      ],
    );
    const entry = (blockId: string, more: object) => ({
      blockId,
      blockType: "question" as const,
      action: "resume" as const,
      outcome: "next" as const,
      ...more,
    });
    expect(redactTraceDetail(flow, entry("ask", { variables: { answer: "482913" } }))).toEqual({
      variables: { answer: "••••••" },
    });
    expect(
      redactTraceDetail(
        flow,
        entry("qty", { variables: { amount: "3", otpCode: "9911", card: "4111 1111 1111 1111" } }),
      ),
    ).toEqual({ variables: { amount: "3", otpCode: "••••", card: "•••• •••• •••• 1111" } });
    expect(
      redactTraceDetail(
        flow,
        entry("qty", {
          script: {
            ok: false,
            error: {
              kind: "runtime",
              message: "bad card 4111111111111111 (line 1, column 7)",
              line: 1,
              column: 7,
            },
          },
          guard: [{ blocked: true, reason: "asks for 4111111111111111" }],
        }),
      ),
    ).toEqual({
      script: {
        ok: false,
        error: {
          kind: "runtime",
          message: "bad card ••••••••••••1111 (line 1, column 7)",
          line: 1,
          column: 7,
        },
      },
      guard: [{ blocked: true, reason: "asks for ••••••••••••1111" }],
    });
    expect(redactTraceDetail(flow, entry("qty", {}))).toBeUndefined();
  });
});
