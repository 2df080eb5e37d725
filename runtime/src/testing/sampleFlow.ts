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
