import { z } from "zod";
import {
  agentReplyInput,
  agentTemplateInput,
  claimForAgent,
  finishHandoff,
  inboxConversation,
  inboxList,
  inboxWaitingCount,
  replyAsAgent,
  sendTemplateAsAgent,
  templatesForConversation,
} from "../../services/agentInbox.ts";
import { permittedProcedure, router } from "../init.ts";
import { memberOf } from "../requestActor.ts";

const conversationId = z.object({ conversationId: z.uuid() });

/** The agent inbox: conversations handed to a person (README, "Agent inbox"). */
export const inboxRouter = router({
  /** Conversations waiting for a person, the latest handoff first. */
  list: permittedProcedure("agent").query(({ ctx }) => inboxList(ctx, memberOf(ctx))),

  /** How many conversations want this member's attention (the navigation's count). */
  count: permittedProcedure("agent").query(async ({ ctx }) => ({
    waiting: await inboxWaitingCount(ctx, memberOf(ctx)),
  })),

  /** One conversation: redacted transcript, collected variables, path, window, delivery. */
  conversation: permittedProcedure("agent")
    .input(conversationId)
    .query(({ ctx, input }) => inboxConversation(ctx, memberOf(ctx), input.conversationId)),

  claim: permittedProcedure("agent")
    .input(conversationId)
    .mutation(async ({ ctx, input }) => {
      await claimForAgent(ctx, memberOf(ctx), input.conversationId);
      return { ok: true };
    }),

  reply: permittedProcedure("agent")
    .input(agentReplyInput)
    .mutation(({ ctx, input }) => replyAsAgent(ctx, memberOf(ctx), input)),

  /** The channel's approved templates, read from the Graph API. */
  templates: permittedProcedure("agent")
    .input(conversationId)
    .query(({ ctx, input }) => templatesForConversation(ctx, memberOf(ctx), input.conversationId)),

  sendTemplate: permittedProcedure("agent")
    .input(agentTemplateInput)
    .mutation(({ ctx, input }) => sendTemplateAsAgent(ctx, memberOf(ctx), input)),

  /** The customer's next message starts the bot again. */
  handBack: permittedProcedure("agent")
    .input(conversationId)
    .mutation(async ({ ctx, input }) => {
      await finishHandoff(ctx, memberOf(ctx), input.conversationId, "hand_back");
      return { ok: true };
    }),

  /** Resolved by the agent; the customer's next message starts the bot again. */
  close: permittedProcedure("agent")
    .input(conversationId)
    .mutation(async ({ ctx, input }) => {
      await finishHandoff(ctx, memberOf(ctx), input.conversationId, "close");
      return { ok: true };
    }),
});
