import { appendAudit } from "@benteng/db/queries/auditLog";
import { createChannel, listChannels, setChannelFlow } from "@benteng/db/queries/channels";
import { flowById } from "@benteng/db/queries/flows";
import { outboxCounts } from "@benteng/db/queries/outbox";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { permittedProcedure, router } from "../init.ts";

const secret = (what: string) => z.string().trim().min(1, `Enter the ${what}.`).max(2000);

function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: string })?.code;
  return code === "23505" || /unique|duplicate key/i.test(String((e as Error)?.message));
}

export const channelsRouter = router({
  /** Channels with their webhook URL and health; never their secrets. */
  list: permittedProcedure("workspace.manage").query(async ({ ctx }) => {
    const rows = await listChannels(ctx.db, ctx.session.workspaceId);
    return Promise.all(
      rows.map(async (c) => ({
        ...c,
        webhookUrl: `${ctx.origin}/webhooks/whatsapp/${c.id}`,
        // Delivery health: how many of this number's messages are waiting, sent, delivered, read, failed.
        deliveries: await outboxCounts(ctx.db, c.id),
      })),
    );
  }),

  // Connecting numbers and routing them to flows needs an admin who passed the second factor.
  create: permittedProcedure("workspace.manage", { twoFactor: true })
    .input(
      z.object({
        name: z.string().trim().min(1, "Name the channel.").max(100),
        phoneNumberId: z
          .string()
          .trim()
          .regex(/^\d{5,30}$/, "The phone number ID is the long number from WhatsApp Manager."),
        accessToken: secret("access token"),
        appSecret: secret("app secret"),
        verifyToken: secret("verify token"),
        graphBaseUrl: z.url({ protocol: /^https?$/, error: "Enter an http(s) URL." }).max(300),
        flowId: z.uuid().nullable(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      if (input.flowId && !(await flowById(ctx.db, ctx.session.workspaceId, input.flowId))) {
        throw new TRPCError({ code: "NOT_FOUND", message: `Flow ${input.flowId} was not found.` });
      }
      try {
        const id = await createChannel(ctx.db, ctx.cipher, {
          ...input,
          graphBaseUrl: input.graphBaseUrl.replace(/\/+$/, ""),
          workspaceId: ctx.session.workspaceId,
        });
        await appendAudit(ctx.db, {
          workspaceId: ctx.session.workspaceId,
          actorUserId: ctx.session.userId,
          action: "channel.created",
          target: id,
          details: { phoneNumberId: input.phoneNumberId, name: input.name },
        });
        return { id, webhookUrl: `${ctx.origin}/webhooks/whatsapp/${id}` };
      } catch (e) {
        if (isUniqueViolation(e)) {
          throw new TRPCError({
            code: "CONFLICT",
            message: `Phone number ID ${input.phoneNumberId} is already connected.`,
          });
        }
        throw e;
      }
    }),

  setFlow: permittedProcedure("workspace.manage", { twoFactor: true })
    .input(z.object({ channelId: z.uuid(), flowId: z.uuid().nullable() }))
    .mutation(async ({ ctx, input }) => {
      if (input.flowId && !(await flowById(ctx.db, ctx.session.workspaceId, input.flowId))) {
        throw new TRPCError({ code: "NOT_FOUND", message: `Flow ${input.flowId} was not found.` });
      }
      const ok = await setChannelFlow(ctx.db, ctx.session.workspaceId, input.channelId, input.flowId);
      if (!ok)
        throw new TRPCError({ code: "NOT_FOUND", message: `Channel ${input.channelId} was not found.` });
      await appendAudit(ctx.db, {
        workspaceId: ctx.session.workspaceId,
        actorUserId: ctx.session.userId,
        action: "channel.flow_changed",
        target: input.channelId,
        details: { flowId: input.flowId },
      });
      return { ok: true };
    }),
});
