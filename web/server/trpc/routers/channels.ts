import { z } from "zod";
import {
  channelUpdateInput,
  createChannel,
  listChannels,
  newChannelInput,
  removeChannel,
  setFlowOfChannel,
  setWabaOfChannel,
  updateChannel,
  wabaIdInput,
} from "../../services/channels.ts";
import { proofTokenSchema } from "../../services/reauthentication.ts";
import type { Context } from "../context.ts";
import { permittedProcedure, router } from "../init.ts";
import { memberOf } from "../requestActor.ts";

const webhookUrl = (ctx: Context, channelId: string) => `${ctx.origin}/webhooks/whatsapp/${channelId}`;

export const channelsRouter = router({
  /** Channels with their webhook URL and delivery health; never their secrets. */
  list: permittedProcedure("workspace.manage").query(async ({ ctx }) =>
    (await listChannels(ctx.db, memberOf(ctx))).map((c) => ({ ...c, webhookUrl: webhookUrl(ctx, c.id) })),
  ),

  // Connecting numbers and routing them to flows needs an admin who passed the second factor.
  create: permittedProcedure("workspace.manage", { twoFactor: true })
    .input(newChannelInput)
    .mutation(async ({ ctx, input }) => {
      const { id, warning } = await createChannel(ctx, memberOf(ctx), input);
      return { id, webhookUrl: webhookUrl(ctx, id), warning };
    }),

  /** Re-points the number at another flow (needs a proof for "channel.flow"). */
  setFlow: permittedProcedure("workspace.manage", { twoFactor: true })
    .input(z.object({ channelId: z.uuid(), flowId: z.uuid().nullable(), proof: proofTokenSchema }))
    .mutation(async ({ ctx, input }) => {
      const { warning } = await setFlowOfChannel(ctx.db, memberOf(ctx), input);
      return { ok: true, warning };
    }),

  /** Rename; rotate secrets, re-point, pause or resume (each needs a proof made for it). */
  update: permittedProcedure("workspace.manage", { twoFactor: true })
    .input(channelUpdateInput)
    .mutation(({ ctx, input }) => updateChannel(ctx, memberOf(ctx), input)),

  /** Disconnects the number and deletes its conversations (needs a recent proof of identity). */
  remove: permittedProcedure("workspace.manage", { twoFactor: true })
    .input(z.object({ channelId: z.uuid(), proof: proofTokenSchema }))
    .mutation(({ ctx, input }) => removeChannel(ctx.db, memberOf(ctx), input.channelId, input.proof)),

  /** The WhatsApp Business Account whose approved templates agents may send (needs a proof). */
  setBusinessAccount: permittedProcedure("workspace.manage", { twoFactor: true })
    .input(z.object({ channelId: z.uuid(), wabaId: wabaIdInput, proof: proofTokenSchema }))
    .mutation(async ({ ctx, input }) => {
      await setWabaOfChannel(ctx.db, memberOf(ctx), input);
      return { ok: true };
    }),
});
