import { appendAudit } from "@benteng/db/queries/auditLog";
import { setLinkAllowlist, workspaceById } from "@benteng/db/queries/workspaces";
import { z } from "zod";
import { permittedProcedure, router } from "../init.ts";

const hostSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    "Enter host names such as shop.example.com (or *.example.com).",
  );

export const workspaceRouter = router({
  /** What the editor needs to lint like the server does. */
  settings: permittedProcedure("flow.read").query(async ({ ctx }) => {
    const ws = await workspaceById(ctx.db, ctx.session.workspaceId);
    return { name: ws?.name ?? "", linkAllowlist: ws?.link_allowlist ?? [] };
  }),

  /** Hosts customer-facing links may point at; links elsewhere get a warning the reviewer must acknowledge. */
  setLinkAllowlist: permittedProcedure("workspace.manage", { twoFactor: true })
    .input(z.object({ hosts: z.array(hostSchema).max(200) }))
    .mutation(async ({ ctx, input }) => {
      const hosts = await setLinkAllowlist(ctx.db, ctx.session.workspaceId, input.hosts);
      await appendAudit(ctx.db, {
        workspaceId: ctx.session.workspaceId,
        actorUserId: ctx.session.userId,
        action: "workspace.link_allowlist_changed",
        details: { hosts },
      });
      return { hosts };
    }),
});
