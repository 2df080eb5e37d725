import type { Flow } from "../flowSchema.ts";

/** Starter: a customer checks an order by its number; a person takes over when needed. */
export function orderStatusTemplate(): Flow {
  return {
    version: 1,
    nodes: [
      { id: "start", type: "start", position: { x: 0, y: 0 }, data: { keywords: [] } },
      {
        id: "welcome",
        type: "message",
        position: { x: 320, y: 0 },
        data: { text: "Hi! I can tell you where your order is." },
      },
      {
        id: "ask_order",
        type: "question",
        position: { x: 640, y: 0 },
        data: {
          prompt: "Please type your order number, for example AB-1234.",
          variable: "orderNumber",
          input: {
            type: "pattern",
            pattern: "[A-Za-z]{2}-[0-9]{4}",
            description: "an order number like AB-1234",
          },
          repromptText:
            "That doesn't look like an order number. It has two letters, a dash and four digits, like AB-1234.",
          maxAttempts: 3,
        },
      },
      {
        id: "status",
        type: "message",
        position: { x: 960, y: 0 },
        data: {
          text: "Thanks! Order {{orderNumber}} is being packed and ships within 2 working days. We'll message you the tracking link.",
        },
      },
      {
        id: "more",
        type: "buttons",
        position: { x: 1280, y: 0 },
        data: {
          body: "Can I help with anything else?",
          buttons: [
            { id: "talk", title: "Talk to a person" },
            { id: "done", title: "All done" },
          ],
        },
      },
      {
        id: "bye",
        type: "message",
        position: { x: 1600, y: 120 },
        data: { text: "Thank you for shopping with us!" },
      },
      { id: "end", type: "end", position: { x: 1920, y: 120 }, data: {} },
      {
        id: "agent",
        type: "handoff",
        position: { x: 1600, y: -160 },
        data: { message: "Connecting you to our team. Someone will reply here shortly.", team: "Orders" },
      },
    ],
    edges: [
      { id: "e1", source: "start", sourceHandle: "next", target: "welcome" },
      { id: "e2", source: "welcome", sourceHandle: "next", target: "ask_order" },
      { id: "e3", source: "ask_order", sourceHandle: "next", target: "status" },
      { id: "e4", source: "ask_order", sourceHandle: "giveUp", target: "agent" },
      { id: "e5", source: "status", sourceHandle: "next", target: "more" },
      { id: "e6", source: "more", sourceHandle: "talk", target: "agent" },
      { id: "e7", source: "more", sourceHandle: "done", target: "bye" },
      { id: "e8", source: "bye", sourceHandle: "next", target: "end" },
    ],
    variables: [{ name: "orderNumber", type: "text", description: "The order the customer asked about" }],
    settings: { safetyNotice: true },
  };
}
