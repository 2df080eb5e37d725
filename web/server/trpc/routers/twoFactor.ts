import { z } from "zod";
import { proofTokenSchema } from "../../services/reauthentication.ts";
import {
  beginEnrolment,
  confirmEnrolment,
  disableTwoFactor,
  regenerateRecoveryCodes,
  twoFactorStatus,
} from "../../services/twoFactor.ts";
import { authedProcedure, router } from "../init.ts";
import { clientOf, memberOf, setSessionCookie } from "../requestActor.ts";

const code = z.object({ code: z.string().trim().min(1, "Enter the code.").max(32) });
/** The proof made for this act alone (see reauthentication.ts); without it the refusal asks for one. */
const proved = z.object({ proof: proofTokenSchema }).nullish();

export const twoFactorRouter = router({
  status: authedProcedure.query(({ ctx }) => twoFactorStatus(ctx.db, memberOf(ctx))),

  /**
   * Starts enrolment (needs a proof for "2fa.enrol"): a new secret, kept server-side (encrypted)
   * until a code proves the app has it.
   */
  begin: authedProcedure
    .input(proved)
    .mutation(({ ctx, input }) => beginEnrolment(ctx, memberOf(ctx), input?.proof)),

  /**
   * Finishes enrolment with a code from the app: two-factor is on, recovery codes are shown once, and
   * a new (verified) session replaces the current one.
   */
  confirm: authedProcedure.input(code).mutation(async ({ ctx, input }) => {
    const { recoveryCodes, session } = await confirmEnrolment(ctx, clientOf(ctx), memberOf(ctx), input.code);
    setSessionCookie(ctx, session);
    return { recoveryCodes };
  }),

  /** New recovery codes (the old ones stop working); needs a proof for "2fa.recovery_codes". */
  regenerateRecoveryCodes: authedProcedure
    .input(proved)
    .mutation(({ ctx, input }) => regenerateRecoveryCodes(ctx, clientOf(ctx), memberOf(ctx), input?.proof)),

  /** Turns two-factor off (needs a proof for "2fa.disable"); no session stays verified. */
  disable: authedProcedure.input(proved).mutation(async ({ ctx, input }) => {
    const { session } = await disableTwoFactor(ctx, clientOf(ctx), memberOf(ctx), input?.proof);
    setSessionCookie(ctx, session);
    return { ok: true };
  }),
});
