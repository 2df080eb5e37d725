import type { Flow, FlowNode } from "@benteng/shared";

/**
 * A realistic large flow: `count` blocks of every common kind in a connected chain of menus,
 * questions and messages laid out on a grid, as a big support bot would look.
 */
export function generateFlow(count: number): Flow {
  const nodes: FlowNode[] = [
    { id: "start", type: "start", position: { x: 0, y: 0 }, data: { keywords: [] } },
  ];
  const edges: Flow["edges"] = [];
  let prev = "start";
  for (let i = 1; i < count; i++) {
    const id = `b${i}`;
    const position = { x: (i % 25) * 320, y: Math.floor(i / 25) * 260 };
    const kind = i % 5;
    if (kind === 0) {
      nodes.push({
        id,
        type: "buttons",
        position,
        data: {
          body: `Step ${i}: which option do you prefer for your order?`,
          buttons: [
            { id: "yes", title: "Yes please" },
            { id: "no", title: "No thanks" },
          ],
        },
      });
    } else if (kind === 1) {
      nodes.push({
        id,
        type: "question",
        position,
        data: {
          prompt: `Question ${i}: what is your email address?`,
          variable: `answer${i}`,
          input: { type: "email" },
          repromptText: "Please type a valid email.",
          maxAttempts: 3,
        },
      });
    } else if (kind === 2) {
      nodes.push({
        id,
        type: "condition",
        position,
        data: {
          branches: [
            {
              id: "c1",
              label: "",
              combinator: "and",
              rules: [{ variable: `answer${i - 1}`, operator: "contains", value: "@example.com" }],
            },
          ],
        },
      });
    } else {
      nodes.push({
        id,
        type: "message",
        position,
        data: {
          text: `Message ${i}: thanks for waiting. Your request is being handled by our team and you will hear from us soon.`,
        },
      });
    }
    const handle =
      prev === "start"
        ? "next"
        : nodes.find((n) => n.id === prev)?.type === "buttons"
          ? "yes"
          : nodes.find((n) => n.id === prev)?.type === "condition"
            ? "c1"
            : "next";
    edges.push({ id: `e${i}`, source: prev, sourceHandle: handle, target: id });
    prev = id;
  }
  return { version: 1, nodes, edges, variables: [], settings: { safetyNotice: true } };
}
