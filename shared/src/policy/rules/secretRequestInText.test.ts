import { describe, expect, it } from "vitest";
import { lintFlow } from "../lintFlow.ts";
import { testFlow } from "../testFlow.ts";

const hits = (blocks: Parameters<typeof testFlow>[0]) =>
  lintFlow(testFlow(blocks)).filter((f) => f.ruleId === "secretRequestInText");

describe("secretRequestInText", () => {
  it("reads a re-prompt after its question: a digit count after a postal question is a format hint", () => {
    const question = (prompt: string, repromptText: string) => ({
      id: "q",
      type: "question",
      data: { prompt, variable: "answer", input: { type: "text" }, repromptText, maxAttempts: 3 },
    });
    expect(hits([question("What's your ZIP code?", "5 digits please.")])).toEqual([]);
    expect(hits([question("Berapa kode pos tujuan pengiriman?", "5 digit ya kak.")])).toEqual([]);
    // After a question about a code it still asks, and a re-prompt that names the secret always does.
    expect(hits([question("We texted you a code.", "6 digits please.")]).length).toBeGreaterThan(0);
    expect(hits([question("What's your ZIP code?", "Sorry, send your PIN instead.")]).length).toBeGreaterThan(
      0,
    );
  });

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

describe("secretRequestInText reads the flow, not only single texts", () => {
  const lint = (flow: ReturnType<typeof testFlow>) =>
    lintFlow(flow).filter((f) => f.ruleId === "secretRequestInText" || f.ruleId === "questionCollectsSecret");

  it("catches a request spread over a message and the question after it", () => {
    const flow = testFlow(
      [
        { id: "s", type: "start" },
        { id: "m", type: "message", data: { text: "We sent you a code by SMS." } },
        { id: "q", type: "question", data: { prompt: "Please type it here", variable: "answer" } },
        { id: "e", type: "end" },
      ],
      ["s:next>m", "m:next>q", "q:next>e"],
    );
    expect(lint(flow).map((f) => f.blockId)).toContain("q");
  });

  it("catches a constant a set-variable block stores and a later text inserts", () => {
    const flow = testFlow(
      [
        { id: "s", type: "start" },
        { id: "v", type: "setVariable", data: { variable: "what", value: "PIN" } },
        { id: "m", type: "message", data: { text: "Please send us your {{what}}" } },
        { id: "e", type: "end" },
      ],
      ["s:next>v", "v:next>m", "m:next>e"],
    );
    expect(lint(flow).map((f) => f.blockId)).toContain("m");
  });

  it("follows a constant made of another constant", () => {
    const flow = testFlow(
      [
        { id: "s", type: "start" },
        { id: "a", type: "setVariable", data: { variable: "part", value: "contra" } },
        { id: "b", type: "setVariable", data: { variable: "word", value: "{{part}}seña" } },
        { id: "m", type: "message", data: { text: "Confírmanos tu {{word}} de la banca online" } },
        { id: "e", type: "end" },
      ],
      ["s:next>a", "a:next>b", "b:next>m", "m:next>e"],
    );
    expect(lint(flow).map((f) => f.blockId)).toContain("m");
  });

  it("tries what a script spells out in the variable its output is mapped to", () => {
    const flow = testFlow(
      [
        { id: "s", type: "start" },
        {
          id: "c",
          type: "script",
          data: {
            code: "const k = String.fromCharCode(67, 86, 86); return { k };",
            outputMapping: [{ field: "k", variable: "k" }],
          },
        },
        {
          id: "q",
          type: "question",
          data: { prompt: "What is the {{k}} on the back of your card?", variable: "x" },
        },
        { id: "e", type: "end" },
      ],
      ["s:next>c", "c:success>q", "q:next>e"],
    );
    expect(lint(flow).map((f) => f.blockId)).toContain("q");
  });

  it.each(["otp_cd", "userPwd", "p1n", "kata_sandi", "mpin", "upiPin", "mdp", "customerPassword2"])(
    "catches a question storing its answer in %s",
    (variable) => {
      const flow = testFlow(
        [
          { id: "s", type: "start" },
          { id: "q", type: "question", data: { prompt: "Thanks! One more thing.", variable } },
          { id: "e", type: "end" },
        ],
        ["s:next>q", "q:next>e"],
      );
      expect(lint(flow).map((f) => f.ruleId)).toContain("questionCollectsSecret");
    },
  );

  it("leaves a message and a harmless question alone", () => {
    const flow = testFlow(
      [
        { id: "s", type: "start" },
        { id: "m", type: "message", data: { text: "We sent you a code by SMS." } },
        { id: "q", type: "question", data: { prompt: "What is your first name?", variable: "name" } },
        { id: "e", type: "end" },
      ],
      ["s:next>m", "m:next>q", "q:next>e"],
    );
    expect(lint(flow)).toEqual([]);
  });

  it("catches a request spread over a run of texts read without answering", () => {
    const flow = testFlow(
      [
        { id: "s", type: "start" },
        {
          id: "m1",
          type: "message",
          data: { text: "To confirm it is you, reply in the next message with your" },
        },
        { id: "c", type: "condition", data: {} },
        { id: "m2", type: "message", data: { text: "ATM PIN" } },
        {
          id: "q",
          type: "question",
          data: { prompt: "Type the four digits you use at the cash machine", variable: "answer" },
        },
        { id: "e", type: "end" },
      ],
      ["s:next>m1", "m1:next>c", "c:else>m2", "m2:next>q", "q:next>e"],
    );
    const hits = lint(flow);
    expect(hits.map((f) => f.blockId)).toContain("m2");
    expect(hits.map((f) => f.blockId)).not.toContain("m1");
  });

  it("does not join texts across the customer's answer", () => {
    const flow = testFlow(
      [
        { id: "s", type: "start" },
        {
          id: "q1",
          type: "question",
          data: { prompt: "Which do you want to change: your address or your", variable: "x" },
        },
        { id: "m", type: "message", data: { text: "PIN" } },
        { id: "e", type: "end" },
      ],
      ["s:next>q1", "q1:next>m", "m:next>e"],
    );
    expect(lint(flow).map((f) => f.blockId)).not.toContain("m");
  });

  it("leaves a warning followed by ordinary questions alone, also in a loop", () => {
    const flow = testFlow(
      [
        { id: "s", type: "start" },
        { id: "m", type: "message", data: { text: "Remember: we will never ask for your PIN or OTP." } },
        { id: "m2", type: "message", data: { text: "Let's book your delivery." } },
        { id: "q", type: "question", data: { prompt: "What is your postcode?", variable: "postcode" } },
        { id: "e", type: "end" },
      ],
      ["s:next>m", "m:next>m2", "m2:next>q", "q:next>m", "q:next>e"],
    );
    expect(lint(flow)).toEqual([]);
  });

  it("reads a flow of many branches that join again in time linear in its size", () => {
    // 2^60 paths from Start to the end: each block is read after a bounded number of contexts.
    const blocks: Array<{ id: string; type: string; data?: Record<string, unknown> }> = [
      { id: "s", type: "start" },
    ];
    const edges: string[] = [];
    let prev = "s";
    for (let i = 0; i < 60; i++) {
      blocks.push(
        { id: `c${i}`, type: "condition", data: {} },
        {
          id: `a${i}`,
          type: "message",
          data: { text: `Step ${i}: ${"we are checking your order. ".repeat(20)}` },
        },
        {
          id: `b${i}`,
          type: "message",
          data: { text: `Part ${i}: ${"your parcel is on its way. ".repeat(20)}` },
        },
        { id: `j${i}`, type: "setVariable", data: { variable: "x", value: "1" } },
      );
      edges.push(
        `${prev}:next>c${i}`,
        `c${i}:else>a${i}`,
        `c${i}:else>b${i}`,
        `a${i}:next>j${i}`,
        `b${i}:next>j${i}`,
      );
      prev = `j${i}`;
    }
    blocks.push(
      { id: "m", type: "message", data: { text: "Please reply with your" } },
      { id: "m2", type: "message", data: { text: "card PIN" } },
    );
    edges.push(`${prev}:next>m`, "m:next>m2");
    const started = Date.now();
    const hits = lint(testFlow(blocks, edges));
    expect(hits.map((f) => f.blockId)).toContain("m2");
    // Generous for a machine under load; an exponential walk would not finish at all.
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});
