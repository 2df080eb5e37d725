import { blockName, type Rule, type RuleContext } from "./rule.ts";

/**
 * A loop made only of blocks that don't wait for the customer would spin forever (the engine's loop
 * guard would cut it off mid-conversation), flooding the customer with messages on the way.
 */
export const loopWithoutWait: Rule = {
  id: "loopWithoutWait",
  severity: "error",
  description: "Every loop passes a block that waits for the customer's answer.",
  check(ctx) {
    return nonWaitingCycles(ctx).map((cycle) => {
      const names = cycle.map((id) => {
        const node = ctx.nodeById.get(id);
        return node ? blockName(node) : id;
      });
      return {
        blockId: cycle[0],
        message: `These blocks form a loop that never waits for the customer: ${names.join(" → ")}. The bot would send messages endlessly. Add a question or buttons inside the loop, or break it.`,
      };
    });
  },
};

/** Strongly connected components (Tarjan, iterative) of the graph without waiting blocks that contain a cycle. */
function nonWaitingCycles(ctx: RuleContext): string[][] {
  const waits = (id: string) => ctx.nodeById.get(id)?.definition?.waitsForCustomer ?? false;
  const successors = (id: string) =>
    (ctx.outgoing.get(id) ?? []).map((e) => e.target).filter((t) => ctx.nodeById.has(t) && !waits(t));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  let counter = 0;
  for (const root of ctx.nodes) {
    if (waits(root.id) || index.has(root.id)) continue;
    const work: Array<{ id: string; next: string[]; i: number }> = [];
    const visit = (id: string) => {
      index.set(id, counter);
      low.set(id, counter);
      counter++;
      stack.push(id);
      onStack.add(id);
      work.push({ id, next: successors(id), i: 0 });
    };
    visit(root.id);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      if (frame.i < frame.next.length) {
        const w = frame.next[frame.i++]!;
        if (!index.has(w)) visit(w);
        else if (onStack.has(w)) low.set(frame.id, Math.min(low.get(frame.id)!, index.get(w)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) !== index.get(frame.id)) continue;
      const component: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== frame.id);
      const selfLoop = component.length === 1 && frame.next.includes(frame.id);
      if (component.length > 1 || selfLoop) cycles.push(component.reverse());
    }
  }
  return cycles;
}
