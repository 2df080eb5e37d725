import type { Flow } from "../flowSchema.ts";

/** Starter: a menu of common questions that loops back until the customer is done. */
export function faqTemplate(): Flow {
  const answer = (id: string, x: number, y: number, text: string) => ({
    id,
    type: "message" as const,
    position: { x, y },
    data: { text },
  });
  return {
    version: 1,
    nodes: [
      { id: "start", type: "start", position: { x: 0, y: 0 }, data: { keywords: [] } },
      {
        id: "menu",
        type: "list",
        position: { x: 320, y: 0 },
        data: {
          body: "Hi! What would you like to know?",
          button: "Questions",
          sections: [
            {
              title: "Frequently asked",
              rows: [
                { id: "hours", title: "Opening hours" },
                { id: "delivery", title: "Delivery", description: "Areas, times and costs" },
                { id: "returns", title: "Returns", description: "How to return an item" },
              ],
            },
            { title: "Something else", rows: [{ id: "person", title: "Talk to a person" }] },
          ],
        },
      },
      answer("a_hours", 700, -240, "We're open Monday to Saturday, 9:00 to 18:00."),
      answer(
        "a_delivery",
        700,
        -40,
        "We deliver across the city in 1–2 days. Delivery is free for orders over 200,000.",
      ),
      answer(
        "a_returns",
        700,
        160,
        "You can return unused items within 14 days. Reply to your order message to start a return.",
      ),
      {
        id: "again",
        type: "buttons",
        position: { x: 1040, y: 0 },
        data: {
          body: "Anything else?",
          buttons: [
            { id: "back", title: "Back to questions" },
            { id: "done", title: "No, thanks" },
          ],
        },
      },
      {
        id: "bye",
        type: "message",
        position: { x: 1360, y: 120 },
        data: { text: "Glad I could help. Have a nice day!" },
      },
      { id: "end", type: "end", position: { x: 1680, y: 120 }, data: {} },
      {
        id: "agent",
        type: "handoff",
        position: { x: 700, y: 360 },
        data: { message: "Connecting you to our team. Someone will reply here shortly.", team: "" },
      },
    ],
    edges: [
      { id: "e1", source: "start", sourceHandle: "next", target: "menu" },
      { id: "e2", source: "menu", sourceHandle: "hours", target: "a_hours" },
      { id: "e3", source: "menu", sourceHandle: "delivery", target: "a_delivery" },
      { id: "e4", source: "menu", sourceHandle: "returns", target: "a_returns" },
      { id: "e5", source: "menu", sourceHandle: "person", target: "agent" },
      { id: "e6", source: "a_hours", sourceHandle: "next", target: "again" },
      { id: "e7", source: "a_delivery", sourceHandle: "next", target: "again" },
      { id: "e8", source: "a_returns", sourceHandle: "next", target: "again" },
      { id: "e9", source: "again", sourceHandle: "back", target: "menu" },
      { id: "e10", source: "again", sourceHandle: "done", target: "bye" },
      { id: "e11", source: "bye", sourceHandle: "next", target: "end" },
    ],
    variables: [],
    settings: { safetyNotice: true },
  };
}
