import { flowById } from "@benteng/db/queries/flows";
import { stepConversation } from "@benteng/runtime";
import { conversationStateSchema, inboundEventSchema } from "@benteng/shared";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { permittedProcedure, router } from "../init.ts";

export const simulatorRouter = router({
  /**
   * One customer message through the real engine, on the flow's SAVED draft (never a document the
   * browser sends: a simulation runs only code that passed the server's save checks). Simulator
   * conversations live in the editor that started them and never reach a real customer.
   */
  // Trying a flow runs its scripts for real (their hosts, their secrets): people who edit flows only.
  step: permittedProcedure("flow.edit")
    .input(
      z.object({
        flowId: z.uuid(),
        state: conversationStateSchema.nullable(),
        event: inboundEventSchema,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const flow = await flowById(ctx.db, ctx.session.workspaceId, input.flowId);
      if (!flow) throw new TRPCError({ code: "NOT_FOUND", message: `Flow ${input.flowId} was not found.` });
      const deps = ctx.engine.depsFor("simulator", ctx.session.workspaceId);
      const result = await stepConversation(flow.draft, input.state, input.event, deps);
      return { ...result, revision: flow.revision };
    }),
});
