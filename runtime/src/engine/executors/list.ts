import type { FlowNodeOf } from "@benteng/shared";
import type { Executor, ExecutorContext } from "../executor.ts";

/** Sends a list; a chosen row (by row id, else by typed title) takes that row's path. */
export const listExecutor: Executor<"list"> = {
  enter(node, ctx) {
    send(node, ctx);
    return { wait: true };
  },
  resume(node, event, ctx) {
    const rows = node.data.sections.flatMap((s) => s.rows);
    const typed = event.text.trim().toLocaleLowerCase();
    const row =
      (event.replyId !== undefined ? rows.find((r) => r.id === event.replyId) : undefined) ??
      rows.find((r) => r.title.trim().toLocaleLowerCase() === typed);
    if (!row) {
      ctx.log(`list ${node.id}: the answer matches no row, sent again`);
      send(node, ctx);
      return { wait: true };
    }
    if (node.data.saveAs) ctx.state.variables[node.data.saveAs] = row.title;
    return { next: row.id };
  },
};

function send(node: FlowNodeOf<"list">, ctx: ExecutorContext): void {
  const { header, body, footer, button, sections } = node.data;
  ctx.send({
    kind: "list",
    ...(header ? { header } : {}),
    body,
    ...(footer ? { footer } : {}),
    button,
    sections: sections.map((s) => ({
      title: s.title,
      rows: s.rows.map((r) => ({
        id: r.id,
        title: r.title,
        ...(r.description ? { description: r.description } : {}),
      })),
    })),
  });
}
