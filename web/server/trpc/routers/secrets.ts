import { appendAudit } from "@benteng/db/queries/auditLog";
import { deleteSecret, listSecretNames, setSecret } from "@benteng/db/queries/secrets";
import { scriptSecretNameSchema } from "@benteng/shared";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { permittedProcedure, router } from "../init.ts";

export const secretsRouter = router({
  /** Names only: a secret's value is write-only and never leaves the server again. */
  list: permittedProcedure("script.edit").query(({ ctx }) =>
    listSecretNames(ctx.db, ctx.session.workspaceId),
  ),

  set: permittedProcedure("script.edit")
    .input(
      z.object({
        name: scriptSecretNameSchema,
        value: z.string().min(1, "Enter the secret's value.").max(10_000),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      await setSecret(ctx.db, ctx.cipher, {
        workspaceId: ctx.session.workspaceId,
        name: input.name,
        value: input.value,
        userId: ctx.session.userId,
      });
      await appendAudit(ctx.db, {
        workspaceId: ctx.session.workspaceId,
        actorUserId: ctx.session.userId,
        action: "secret.set",
        target: input.name,
      });
      return { ok: true };
    }),

  remove: permittedProcedure("script.edit")
    .input(z.object({ name: scriptSecretNameSchema }))
    .mutation(async ({ ctx, input }) => {
      if (!(await deleteSecret(ctx.db, ctx.session.workspaceId, input.name))) {
        throw new TRPCError({ code: "NOT_FOUND", message: `Secret ${input.name} was not found.` });
      }
      await appendAudit(ctx.db, {
        workspaceId: ctx.session.workspaceId,
        actorUserId: ctx.session.userId,
        action: "secret.removed",
        target: input.name,
      });
      return { ok: true };
    }),
});
