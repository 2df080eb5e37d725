import { scriptSecretNameSchema } from "@benteng/shared";
import { z } from "zod";
import { proofTokenSchema } from "../../services/reauthentication.ts";
import { listSecrets, removeSecret, storeSecret } from "../../services/secrets.ts";
import { permittedProcedure, router } from "../init.ts";
import { memberOf } from "../requestActor.ts";

export const secretsRouter = router({
  /** Names only: a secret's value is write-only and never leaves the server again. */
  list: permittedProcedure("script.edit").query(({ ctx }) => listSecrets(ctx.db, memberOf(ctx))),

  set: permittedProcedure("script.edit")
    .input(
      z.object({
        name: scriptSecretNameSchema,
        value: z.string().min(1, "Enter the secret's value.").max(10_000),
        proof: proofTokenSchema,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      await storeSecret(ctx, memberOf(ctx), input);
      return { ok: true };
    }),

  remove: permittedProcedure("script.edit")
    .input(z.object({ name: scriptSecretNameSchema, proof: proofTokenSchema }))
    .mutation(async ({ ctx, input }) => {
      await removeSecret(ctx.db, memberOf(ctx), input);
      return { ok: true };
    }),
});
