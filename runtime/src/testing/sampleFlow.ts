import { type Flow, flowSchema } from "@benteng/shared";

type NodeInput = { id: string; type: string; data: Record<string, unknown> };

/**
 * Builds a valid flow document from blocks and `[source, handle, target]` edges, parsed with the real
 * schema so defaults apply exactly as they do for stored flows.
 */
export function buildFlow(
  nodes: NodeInput[],
  edges: Array<[string, string, string]>,
  settings: { safetyNotice?: boolean } = {},
): Flow {
  return flowSchema.parse({
    version: 1,
    nodes: nodes.map((n, i) => ({ ...n, position: { x: i * 200, y: 0 } })),
    edges: edges.map(([source, sourceHandle, target], i) => ({ id: `e${i}`, source, sourceHandle, target })),
    variables: [],
    settings: { safetyNotice: settings.safetyNotice ?? false },
  });
}

/**
 * The shop-assistant flow used by the integration tests and the benchmark: a question (order
 * number), a condition on it, reply buttons with two branches, and an end.
 */
export function sampleFlow(settings: { safetyNotice?: boolean } = {}): Flow {
  return buildFlow(
    [
      { id: "start", type: "start", data: { keywords: [] } },
      { id: "hello", type: "message", data: { text: "Hi! I'm the shop assistant." } },
      {
        id: "ask",
        type: "question",
        data: {
          prompt: "What is your order number?",
          variable: "order",
          input: { type: "number", min: 1, max: 999999, integer: true },
          maxAttempts: 2,
        },
      },
      {
        id: "check",
        type: "condition",
        data: {
          branches: [{ id: "big", rules: [{ variable: "order", operator: "greaterThan", value: "1000" }] }],
        },
      },
      {
        id: "menu",
        type: "buttons",
        data: {
          body: "Order {{order}}: what do you need?",
          buttons: [
            { id: "track", title: "Track it" },
            { id: "cancel", title: "Cancel it" },
          ],
        },
      },
      { id: "old", type: "message", data: { text: "Order {{order}} is archived." } },
      { id: "tracking", type: "message", data: { text: "Order {{order}} is on its way." } },
      { id: "cancelled", type: "message", data: { text: "Order {{order}} is cancelled." } },
      { id: "gaveUp", type: "handoff", data: { message: "Let me find a person to help you." } },
      { id: "bye", type: "end", data: {} },
    ],
    [
      ["start", "next", "hello"],
      ["hello", "next", "ask"],
      ["ask", "next", "check"],
      ["ask", "giveUp", "gaveUp"],
      ["check", "big", "menu"],
      ["check", "else", "old"],
      ["old", "next", "bye"],
      ["menu", "track", "tracking"],
      ["menu", "cancel", "cancelled"],
      ["tracking", "next", "bye"],
      ["cancelled", "next", "bye"],
    ],
    settings,
  );
}

/**
 * A flow with one block of every type, built around the mistake customers of real bots hit: a Number
 * question feeding a script whose input is a string, so the script fails its input schema and the
 * error path (a condition on `lastScriptError`, reply buttons, a handoff) is taken. "Something else"
 * in the list ends at once. Used by the trace and insights tests.
 */
export function everyBlockFlow(): Flow {
  return buildFlow(
    [
      { id: "start", type: "start", data: { keywords: [] } },
      { id: "hello", type: "message", data: { text: "Welcome to the shop." } },
      {
        id: "topic",
        type: "list",
        data: {
          body: "What brings you here?",
          button: "Choose",
          sections: [
            {
              title: "Topics",
              rows: [
                { id: "order", title: "An order" },
                { id: "other", title: "Something else" },
              ],
            },
          ],
          saveAs: "topic",
        },
      },
      { id: "source", type: "setVariable", data: { variable: "source", value: "whatsapp {{topic}}" } },
      {
        id: "ask",
        type: "question",
        data: {
          prompt: "How many items?",
          variable: "amount",
          input: { type: "number", min: 1, max: 1000, integer: true },
          maxAttempts: 2,
        },
      },
      {
        id: "calc",
        type: "script",
        data: {
          code: 'return { label: input.amount + " items" };',
          inputMapping: [{ field: "amount", variable: "amount" }],
          inputSchema: [{ name: "amount", type: "string", required: true }],
          outputSchema: [{ name: "label", type: "string", required: true }],
          outputMapping: [{ field: "label", variable: "label" }],
        },
      },
      { id: "thanks", type: "message", data: { text: "Noted: {{label}}." } },
      {
        id: "check",
        type: "condition",
        data: {
          branches: [
            {
              id: "schema",
              rules: [{ variable: "lastScriptError", operator: "contains", value: "input-schema" }],
            },
          ],
        },
      },
      {
        id: "menu",
        type: "buttons",
        data: {
          body: "Something went wrong on our side. Talk to a person?",
          buttons: [
            { id: "human", title: "Yes please" },
            { id: "bye", title: "No thanks" },
          ],
        },
      },
      { id: "agent", type: "handoff", data: { message: "A person will answer you here." } },
      { id: "done", type: "end", data: {} },
    ],
    [
      ["start", "next", "hello"],
      ["hello", "next", "topic"],
      ["topic", "order", "source"],
      ["topic", "other", "done"],
      ["source", "next", "ask"],
      ["ask", "next", "calc"],
      ["calc", "success", "thanks"],
      ["calc", "error", "check"],
      ["thanks", "next", "done"],
      ["check", "schema", "menu"],
      ["check", "else", "done"],
      ["menu", "human", "agent"],
      ["menu", "bye", "done"],
    ],
  );
}
