import type { FlowNodeOf } from "@benteng/shared";
import type { Executor, ExecutorContext } from "../executor.ts";

/** Sends reply buttons; a tap (by reply id, else by typed title) takes that button's path. */
export const buttonsExecutor: Executor<"buttons"> = {
  enter(node, ctx) {
    send(node, ctx);
    return { wait: true };
  },
  resume(node, event, ctx) {
    const typed = event.text.trim().toLocaleLowerCase();
    const button =
      (event.replyId !== undefined ? node.data.buttons.find((b) => b.id === event.replyId) : undefined) ??
      node.data.buttons.find((b) => b.title.trim().toLocaleLowerCase() === typed);
    if (!button) {
      ctx.log(`buttons ${node.id}: the answer matches no button, sent again`);
      send(node, ctx);
      return { wait: true };
    }
    if (node.data.saveAs) ctx.state.variables[node.data.saveAs] = button.title;
    return { next: button.id };
  },
};

function send(node: FlowNodeOf<"buttons">, ctx: ExecutorContext): void {
  const { header, body, footer, buttons } = node.data;
  ctx.send({
    kind: "buttons",
    ...(header ? { header } : {}),
    body,
    ...(footer ? { footer } : {}),
    buttons: buttons.map((b) => ({ id: b.id, title: b.title })),
  });
}
