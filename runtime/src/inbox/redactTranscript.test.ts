import { describe, expect, it } from "vitest";
import { buildFlow } from "../testing/sampleFlow.ts";
import { isSensitivePrompt, redactTranscript } from "./redactTranscript.ts";

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
});
