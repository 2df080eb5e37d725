import { z } from "zod";
import {
  allowedHostInput,
  changeHandoffAlertMinutes,
  changeLinkAllowlist,
  handoffAlertMinutesInput,
  workspaceSettings,
} from "../../services/workspace.ts";
import { permittedProcedure, router } from "../init.ts";
import { memberOf } from "../requestActor.ts";

export const workspaceRouter = router({
  /** What the editor needs to lint like the server does. */
  settings: permittedProcedure("flow.read").query(({ ctx }) => workspaceSettings(ctx.db, memberOf(ctx))),

  /** Hosts customer-facing links may point at; links elsewhere get a warning the reviewer must acknowledge. */
  setLinkAllowlist: permittedProcedure("workspace.manage", { twoFactor: true })
    .input(z.object({ hosts: z.array(allowedHostInput).max(200) }))
    .mutation(({ ctx, input }) => changeLinkAllowlist(ctx.db, memberOf(ctx), input.hosts)),

  /** Minutes a conversation may wait for a person before it shows up as a notice. */
  setHandoffAlert: permittedProcedure("workspace.manage")
    .input(z.object({ minutes: handoffAlertMinutesInput }))
    .mutation(({ ctx, input }) => changeHandoffAlertMinutes(ctx.db, memberOf(ctx), input.minutes)),
});
