import type { FlowNodeOf } from "@benteng/shared";
import type { Executor, ExecutorContext } from "../executor.ts";

/**
 * Shows WhatsApp's "Send location" button and waits. A shared location is stored (coordinates as
 * numbers, the place's name and address as text, empty for a dropped pin); any other answer gets the
 * button again with the re-prompt, and after maxAttempts of those the "giveUp" path.
 */
export const locationRequestExecutor: Executor<"locationRequest"> = {
  enter(node, ctx) {
    ctx.state.attempts = 0;
    ctx.send({ kind: "locationRequest", body: node.data.prompt });
    return { wait: true };
  },
  resume(node, event, ctx) {
    const location = event.location;
    if (location) {
      const { latitudeVariable, longitudeVariable, nameVariable, addressVariable } = node.data;
      const store = (name: string, value: string | number) => {
        if (name !== "") ctx.state.variables[name] = value;
      };
      store(latitudeVariable, location.latitude);
      store(longitudeVariable, location.longitude);
      store(nameVariable, location.name ?? "");
      store(addressVariable, location.address ?? "");
      ctx.state.attempts = 0;
      return { next: "next" };
    }
    ctx.state.attempts += 1;
    ctx.log(
      `location request ${node.id}: the answer is a ${event.messageType} message, not a location, attempt ${ctx.state.attempts}`,
    );
    if (ctx.state.attempts >= node.data.maxAttempts) {
      ctx.state.attempts = 0;
      return { next: "giveUp" };
    }
    reprompt(node, ctx);
    return { wait: true };
  },
};

/** The button comes back with the re-prompt (or the request itself when there is none). */
function reprompt(node: FlowNodeOf<"locationRequest">, ctx: ExecutorContext): void {
  const body = node.data.repromptText.trim() === "" ? node.data.prompt : node.data.repromptText;
  ctx.send({ kind: "locationRequest", body });
}
