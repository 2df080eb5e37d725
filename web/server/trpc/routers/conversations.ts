import { appendAudit } from "@benteng/db/queries/auditLog";
import { CONTACT_NAME_PURPOSE } from "@benteng/db/queries/contacts";
import { handBackConversation } from "@benteng/db/queries/conversations";
import { transcriptForConversation } from "@benteng/db/queries/transcript";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { permittedProcedure, router } from "../init.ts";

const conversationId = z.object({ conversationId: z.uuid() });

export const conversationsRouter = router({
  /** Recent conversations with their channel, flow and customer's display name (no phone numbers). */
  list: permittedProcedure("transcript.read")
    .input(z.object({ status: z.enum(["active", "ended", "handoff"]).optional() }).default({}))
    .query(async ({ ctx, input }) => {
      let q = ctx.db
        .selectFrom("conversations")
        .innerJoin("contacts", "contacts.id", "conversations.contact_id")
        .innerJoin("channels", "channels.id", "conversations.channel_id")
        .innerJoin("flow_versions", "flow_versions.id", "conversations.flow_version_id")
        .innerJoin("flows", "flows.id", "flow_versions.flow_id")
        .select([
          "conversations.id",
          "conversations.status",
          "conversations.created_at",
          "conversations.updated_at",
          "contacts.name_enc",
          "channels.name as channelName",
          "flows.name as flowName",
          "flow_versions.number as versionNumber",
        ])
        .where("conversations.workspace_id", "=", ctx.session.workspaceId)
        .orderBy("conversations.updated_at", "desc")
        .limit(200);
      if (input.status) q = q.where("conversations.status", "=", input.status);
      const rows = await q.execute();
      return rows.map((r) => ({
        id: r.id,
        status: r.status,
        startedAt: new Date(r.created_at),
        updatedAt: new Date(r.updated_at),
        customer: r.name_enc ? ctx.cipher.decrypt(r.name_enc, CONTACT_NAME_PURPOSE) : "WhatsApp customer",
        channelName: r.channelName,
        flow: `${r.flowName} v${r.versionNumber}`,
      }));
    }),

  /** The transcript, as stored: card numbers and codes customers sent were masked before storage. */
  transcript: permittedProcedure("transcript.read")
    .input(conversationId)
    .query(async ({ ctx, input }) => {
      const owned = await ctx.db
        .selectFrom("conversations")
        .select("id")
        .where("id", "=", input.conversationId)
        .where("workspace_id", "=", ctx.session.workspaceId)
        .executeTakeFirst();
      if (!owned)
        throw new TRPCError({
          code: "NOT_FOUND",
          message: `Conversation ${input.conversationId} was not found.`,
        });
      return transcriptForConversation(ctx.db, ctx.cipher, ctx.session.workspaceId, input.conversationId);
    }),

  /** An agent finished a handed-over conversation: the customer's next message starts the bot again. */
  handBack: permittedProcedure("flow.edit")
    .input(conversationId)
    .mutation(async ({ ctx, input }) => {
      if (!(await handBackConversation(ctx.db, ctx.cipher, ctx.session.workspaceId, input.conversationId))) {
        throw new TRPCError({
          code: "NOT_FOUND",
          message: `No conversation ${input.conversationId} is waiting for a person.`,
        });
      }
      await appendAudit(ctx.db, {
        workspaceId: ctx.session.workspaceId,
        actorUserId: ctx.session.userId,
        action: "conversation.handed_back",
        target: input.conversationId,
      });
      return { ok: true };
    }),
});
