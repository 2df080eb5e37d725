import { z } from "zod";
import { finishHandoff } from "../../services/agentInbox.ts";
import {
  conversationTrace,
  conversationTranscript,
  listConversations,
} from "../../services/conversations.ts";
import { permittedProcedure, router } from "../init.ts";
import { memberOf } from "../requestActor.ts";

const conversationId = z.object({ conversationId: z.uuid() });

export const conversationsRouter = router({
  /** Recent conversations with their channel, flow and customer's display name (no phone numbers). */
  list: permittedProcedure("transcript.read")
    .input(z.object({ status: z.enum(["active", "ended", "handoff"]).optional() }).default({}))
    .query(({ ctx, input }) => listConversations(ctx, memberOf(ctx), input)),

  /** The transcript, as stored: card numbers and codes customers sent were masked before storage. */
  transcript: permittedProcedure("transcript.read")
    .input(conversationId)
    .query(({ ctx, input }) => conversationTranscript(ctx, memberOf(ctx), input.conversationId)),

  /** Every step the engine took (redacted like the transcript), delivery statuses, and the flow's id. */
  trace: permittedProcedure("transcript.read")
    .input(conversationId)
    .query(({ ctx, input }) => conversationTrace(ctx, memberOf(ctx), input.conversationId)),

  /** An agent finished a handed-over conversation: the customer's next message starts the bot again. */
  handBack: permittedProcedure("agent")
    .input(conversationId)
    .mutation(async ({ ctx, input }) => {
      await finishHandoff(ctx, memberOf(ctx), input.conversationId, "hand_back");
      return { ok: true };
    }),
});
