import { describe, expect, it } from "vitest";
import { lintFlow } from "../lintFlow.ts";
import { testFlow } from "../testFlow.ts";

const hits = (blocks: Parameters<typeof testFlow>[0]) =>
  lintFlow(testFlow(blocks)).filter((f) => f.ruleId === "secretRequestInText");

describe("secretRequestInText", () => {
  it("blocks a message that asks for a PIN and highlights the word", () => {
    const text = "Please send us your PIN";
    const [f, ...rest] = hits([{ id: "m", type: "message", data: { text } }]);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: "error", blockId: "m", field: "text" });
    expect(text.slice(f!.span!.start, f!.span!.end)).toBe("PIN");
    expect(f?.message).toMatch(/^Message text: /);
  });

  it("clears once the text becomes a warning", () => {
    expect(hits([{ id: "m", type: "message", data: { text: "We will never ask for your PIN" } }])).toEqual(
      [],
    );
  });

  it("checks button titles, list rows, headers and question prompts too", () => {
    const found = hits([
      {
        id: "b",
        type: "buttons",
        data: { body: "Verify", buttons: [{ id: "x", title: "Send my PIN now" }] },
      },
      {
        id: "l",
        type: "list",
        data: {
          header: "Ketik kode OTP nya",
          body: "Pilih",
          sections: [{ title: "", rows: [{ id: "r", title: "Kirim kata sandi" }] }],
        },
      },
      { id: "q", type: "question", data: { prompt: "Informe sua senha", variable: "resposta" } },
    ]);
    expect(found.map((f) => `${f.blockId}.${f.field}`)).toEqual([
      "b.buttons.0.title",
      "l.header",
      "l.sections.0.rows.0.title",
      "q.prompt",
    ]);
  });
});
