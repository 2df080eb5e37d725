import {
  type ButtonsData,
  blockDefinition,
  type ContactCardData,
  emptyFlow,
  type Flow,
  type FlowNode,
  type LocationRequestData,
  type QuestionData,
  type ScriptData,
} from "@benteng/shared";
import { describe, expect, it } from "vitest";
import { flowDiff } from "./flowDiff.ts";

function withMessage(text: string, extra = false): Flow {
  const f = emptyFlow();
  f.nodes.push({ id: "welcome", type: "message", position: { x: 300, y: 0 }, data: { text } });
  f.edges.push({ id: "e1", source: "start", sourceHandle: "next", target: "welcome" });
  if (extra) {
    f.nodes.push({ id: "bye", type: "message", position: { x: 600, y: 0 }, data: { text: "Bye" } });
    f.edges.push({ id: "e2", source: "welcome", sourceHandle: "next", target: "bye" });
  }
  return f;
}

/** A flow with a buttons block, a question and a script: every kind of field a reviewer must see. */
interface Parts {
  script: { data: ScriptData };
  question: { data: QuestionData };
  buttons: { data: ButtonsData };
  flow: Flow;
}

function rich(change: (parts: Parts) => void = () => {}) {
  const f = emptyFlow();
  const script = {
    id: "lookup",
    type: "script",
    position: { x: 0, y: 300 },
    data: {
      ...(blockDefinition("script").defaults() as ScriptData),
      code: "return { ok: true };",
      allowedHosts: ["api.toko.example"],
      secrets: ["SHOP_KEY"],
      inputSchema: [{ name: "orderId", type: "string" as const, required: true }],
    },
  };
  const question = {
    id: "ask",
    type: "question",
    position: { x: 0, y: 600 },
    data: { ...(blockDefinition("question").defaults() as QuestionData), prompt: "Your order number?" },
  };
  const buttons = {
    id: "menu",
    type: "buttons",
    position: { x: 300, y: 0 },
    data: {
      ...(blockDefinition("buttons").defaults() as ButtonsData),
      body: "What do you need?",
      buttons: [
        { id: "b_track", title: "Track order" },
        { id: "b_talk", title: "Talk to us" },
      ],
    },
  };
  const parts: Parts = {
    script: structuredClone(script),
    question: structuredClone(question),
    buttons: structuredClone(buttons),
    flow: f,
  };
  change(parts);
  f.nodes.push(
    { ...buttons, data: parts.buttons.data } as FlowNode,
    { ...script, data: parts.script.data } as FlowNode,
    { ...question, data: parts.question.data } as FlowNode,
  );
  f.edges.push(
    { id: "e1", source: "start", sourceHandle: "next", target: "menu" },
    { id: "e2", source: "menu", sourceHandle: "b_track", target: "lookup" },
  );
  return f;
}

const changeOf = (base: Flow, next: Flow, blockId: string, field: string) =>
  flowDiff(base, next).changes.find((c) => c.blockId === blockId && c.field === field);

describe("flowDiff", () => {
  it("marks every block added when nothing is live yet", () => {
    const d = flowDiff(null, withMessage("Hi"));
    expect(d.counts).toEqual({ added: 2, removed: 0, changed: 0 });
  });

  it("finds the changed message and shows its old and new text", () => {
    const d = flowDiff(withMessage("Hi there"), withMessage("Hi there, type your PIN"));
    expect(d.counts).toEqual({ added: 0, removed: 0, changed: 1 });
    expect(d.changes).toEqual([
      {
        blockId: "welcome",
        blockLabel: "Message: Hi there, type your PIN",
        field: "text",
        fieldLabel: expect.any(String),
        kind: "text",
        before: "Hi there",
        after: "Hi there, type your PIN",
      },
    ]);
  });

  it("shows a script's time limit, memory and code as a person reads them", () => {
    const base = rich();
    const next = rich(({ script }) => {
      script.data.timeoutMs = 3000;
      script.data.memoryMb = 64;
      script.data.code = "return { ok: false };";
    });
    expect(changeOf(base, next, "lookup", "timeoutMs")).toMatchObject({
      fieldLabel: "Time limit",
      kind: "number",
      before: "1,000 ms",
      after: "3,000 ms",
    });
    expect(changeOf(base, next, "lookup", "memoryMb")).toMatchObject({
      fieldLabel: "Memory",
      before: "32 MB",
      after: "64 MB",
    });
    expect(changeOf(base, next, "lookup", "code")).toMatchObject({
      kind: "text",
      after: "return { ok: false };",
    });
    expect(flowDiff(base, next).counts).toEqual({ added: 0, removed: 0, changed: 1 });
  });

  it("shows a question's attempts, a script's hosts, secrets and schema types", () => {
    const base = rich();
    const next = rich(({ script, question }) => {
      question.data.maxAttempts = question.data.maxAttempts + 2;
      script.data.allowedHosts = ["api.toko.example", "collect.evil.example"];
      script.data.secrets = [];
      script.data.inputSchema = [{ name: "orderId", type: "number", required: false }];
    });
    const attempts = changeOf(base, next, "ask", "maxAttempts");
    expect(attempts).toMatchObject({ fieldLabel: "Attempts", kind: "number" });
    expect(Number(attempts?.after) - Number(attempts?.before)).toBe(2);
    expect(changeOf(base, next, "lookup", "allowedHosts")).toMatchObject({
      fieldLabel: "Allowed hosts",
      kind: "list",
      before: "api.toko.example",
      after: "api.toko.example, collect.evil.example",
    });
    expect(changeOf(base, next, "lookup", "secrets")).toMatchObject({ before: "SHOP_KEY", after: "(none)" });
    expect(changeOf(base, next, "lookup", "inputSchema.0.type")).toMatchObject({
      fieldLabel: "Input schema 1 · type",
      before: "string",
      after: "number",
    });
    expect(changeOf(base, next, "lookup", "inputSchema.0.required")).toMatchObject({
      kind: "boolean",
      before: "yes",
      after: "no",
    });
  });

  it("shows button titles with the editor's labels, and the flow's settings and variables", () => {
    const base = rich();
    const next = rich(({ buttons, flow }) => {
      buttons.data.buttons = [
        buttons.data.buttons[0] as ButtonsData["buttons"][number],
        { id: "b_talk", title: "Call us" },
      ];
      flow.settings.safetyNotice = false;
      flow.variables.push({ name: "orderId", type: "text", description: "" });
    });
    expect(changeOf(base, next, "menu", "buttons.1.title")).toMatchObject({
      fieldLabel: "Button 2 title",
      before: "Talk to us",
      after: "Call us",
    });
    expect(changeOf(base, next, "", "settings.safetyNotice")).toMatchObject({
      blockLabel: "Flow",
      before: "yes",
      after: "no",
    });
    expect(changeOf(base, next, "", "variables.0.name")).toMatchObject({ before: null, after: "orderId" });
  });

  it("labels connections with the button title they leave from, never the internal id", () => {
    const base = rich();
    const next = rich(({ flow }) => {
      flow.edges.push({ id: "e3", source: "menu", sourceHandle: "b_talk", target: "ask" });
    });
    const added = flowDiff(base, next).edges.filter((e) => e.status === "added");
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      label: "Talk to us",
      from: "Reply buttons: What do you need?",
      to: "Question: Your order number?",
    });
    expect(JSON.stringify(flowDiff(base, next).edges.map((e) => e.label))).not.toContain("b_t");
  });

  it("finds added and removed blocks and connections, and ignores moves", () => {
    const moved = withMessage("Hi");
    (moved.nodes[1] as { position: { x: number } }).position.x = 999;
    expect(flowDiff(withMessage("Hi"), moved).counts).toEqual({ added: 0, removed: 0, changed: 0 });
    const grown = flowDiff(withMessage("Hi"), withMessage("Hi", true));
    expect(grown.counts.added).toBe(1);
    expect(grown.edges.filter((e) => e.status === "added")).toHaveLength(1);
    const shrunk = flowDiff(withMessage("Hi", true), withMessage("Hi"));
    expect(shrunk.nodes.find((n) => n.node.id === "bye")?.status).toBe("removed");
    expect(shrunk.changes).toContainEqual(
      expect.objectContaining({ blockId: "bye", before: "Bye", after: null }),
    );
  });
});

describe("the diff of location requests and contact cards", () => {
  const flowWith = (location: Partial<LocationRequestData>, card: Partial<ContactCardData>): Flow => {
    const f = emptyFlow();
    f.nodes.push(
      {
        id: "where",
        type: "locationRequest",
        position: { x: 0, y: 200 },
        data: { ...(blockDefinition("locationRequest").defaults() as LocationRequestData), ...location },
      },
      {
        id: "card",
        type: "contactCard",
        position: { x: 0, y: 400 },
        data: { ...(blockDefinition("contactCard").defaults() as ContactCardData), ...card },
      },
    );
    f.edges.push({ id: "e1", source: "where", sourceHandle: "next", target: "card" });
    return f;
  };

  it("shows every changed field by the name the editor gives it, and the output's label on the edge", () => {
    const before = flowWith(
      { prompt: "Where are you?" },
      { name: "Toko Ana", phones: [{ id: "p1", phone: "+62 812 0000 0000", type: "WORK" }] },
    );
    const after = flowWith(
      { prompt: "Where should we deliver?", maxAttempts: 5, addressVariable: "deliveryAddress" },
      {
        name: "Toko Ana Kurir",
        phones: [{ id: "p1", phone: "+62 812 3456 7890", type: "CELL" }],
        emails: [{ id: "e1", email: "kurir@tokoana.example", type: "WORK" }],
      },
    );
    const changes = flowDiff(before, after).changes.map((c) => [c.fieldLabel, c.before, c.after]);
    expect(changes).toEqual(
      expect.arrayContaining([
        ["Request text", "Where are you?", "Where should we deliver?"],
        ["Attempts", "3", "5"],
        ["Address variable", "locationAddress", "deliveryAddress"],
        ["Name on the card", "Toko Ana", "Toko Ana Kurir"],
        ["Phone 1", "+62 812 0000 0000", "+62 812 3456 7890"],
        ["Phone 1 · type", "WORK", "CELL"],
        ["E-mail 1", null, "kurir@tokoana.example"],
      ]),
    );
    expect(flowDiff(null, after).edges.map((e) => e.label)).toEqual(["Location shared"]);
  });
});
