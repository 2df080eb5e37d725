import type { FlowNodeOf } from "@benteng/shared";
import type { Executor, ExecutorContext } from "../executor.ts";
import { validateAnswer } from "../validateAnswer.ts";

/** Asks, validates the answer, re-prompts, and takes "giveUp" after maxAttempts invalid answers. */
export const questionExecutor: Executor<"question"> = {
  enter(node, ctx) {
    ctx.state.attempts = 0;
    sendPrompt(node, ctx);
    return { wait: true };
  },
  resume(node, event, ctx) {
    const verdict = validateAnswer(node.data.input, event.text);
    if (verdict.ok) {
      if (node.data.variable) ctx.state.variables[node.data.variable] = verdict.value;
      ctx.state.attempts = 0;
      return { next: "next" };
    }
    ctx.state.attempts += 1;
    ctx.log(`question ${node.id}: invalid answer (${verdict.reason}), attempt ${ctx.state.attempts}`);
    if (ctx.state.attempts >= node.data.maxAttempts) {
      ctx.state.attempts = 0;
      return { next: "giveUp" };
    }
    if (node.data.repromptText) ctx.send({ kind: "text", body: node.data.repromptText });
    else sendPrompt(node, ctx);
    return { wait: true };
  },
};

function sendPrompt(node: FlowNodeOf<"question">, ctx: ExecutorContext): void {
  const { input } = node.data;
  // Choices are listed under the prompt so the customer can answer with a number or a label.
  const choices =
    input.type === "choice" ? input.choices.map((c, i) => `${i + 1}. ${c.label}`).join("\n") : "";
  ctx.send({ kind: "text", body: choices ? `${node.data.prompt}\n\n${choices}` : node.data.prompt });
}
