import type { Flow } from "../flowSchema.ts";

/** Starter: collects a prospect's name, email and interest, then thanks them. */
export function leadCaptureTemplate(): Flow {
  return {
    version: 1,
    nodes: [
      { id: "start", type: "start", position: { x: 0, y: 0 }, data: { keywords: [] } },
      {
        id: "hello",
        type: "message",
        position: { x: 320, y: 0 },
        data: { text: "Hello! Tell us a little about yourself and we'll get back to you." },
      },
      {
        id: "ask_name",
        type: "question",
        position: { x: 640, y: 0 },
        data: {
          prompt: "What's your name?",
          variable: "name",
          input: { type: "text", minLength: 2, maxLength: 80 },
          repromptText: "Please type your name.",
          maxAttempts: 3,
        },
      },
      {
        id: "ask_email",
        type: "question",
        position: { x: 960, y: 0 },
        data: {
          prompt: "Thanks, {{name}}. What email address can we reach you at?",
          variable: "email",
          input: { type: "email" },
          repromptText: "That email address doesn't look right. Please check it and try again.",
          maxAttempts: 3,
        },
      },
      {
        id: "interest",
        type: "list",
        position: { x: 1280, y: 0 },
        data: {
          body: "Which of our services are you interested in?",
          button: "See services",
          sections: [
            {
              title: "Services",
              rows: [
                { id: "web", title: "Website design", description: "Sites and online shops" },
                { id: "ads", title: "Advertising", description: "Social media and search ads" },
                { id: "other", title: "Something else" },
              ],
            },
          ],
          saveAs: "interest",
        },
      },
      {
        id: "thanks",
        type: "message",
        position: { x: 1600, y: 0 },
        data: {
          text: "Thank you, {{name}}! Our team will email {{email}} about {{interest}} within one working day.",
        },
      },
      { id: "end", type: "end", position: { x: 1920, y: 0 }, data: {} },
      {
        id: "later",
        type: "message",
        position: { x: 1280, y: 260 },
        data: { text: "No problem. Message us again whenever you're ready." },
      },
      { id: "end_later", type: "end", position: { x: 1600, y: 260 }, data: {} },
    ],
    edges: [
      { id: "e1", source: "start", sourceHandle: "next", target: "hello" },
      { id: "e2", source: "hello", sourceHandle: "next", target: "ask_name" },
      { id: "e3", source: "ask_name", sourceHandle: "next", target: "ask_email" },
      { id: "e4", source: "ask_name", sourceHandle: "giveUp", target: "later" },
      { id: "e5", source: "ask_email", sourceHandle: "next", target: "interest" },
      { id: "e6", source: "ask_email", sourceHandle: "giveUp", target: "later" },
      { id: "e7", source: "interest", sourceHandle: "web", target: "thanks" },
      { id: "e8", source: "interest", sourceHandle: "ads", target: "thanks" },
      { id: "e9", source: "interest", sourceHandle: "other", target: "thanks" },
      { id: "e10", source: "thanks", sourceHandle: "next", target: "end" },
      { id: "e11", source: "later", sourceHandle: "next", target: "end_later" },
    ],
    variables: [
      { name: "name", type: "text" },
      { name: "email", type: "text" },
      { name: "interest", type: "text" },
    ],
    settings: { safetyNotice: true },
  };
}
