import { z } from "zod";
import { listAuditEvents, verifyAudit } from "../../services/audit.ts";
import { permittedProcedure, router } from "../init.ts";
import { memberOf } from "../requestActor.ts";

export const auditRouter = router({
  /** The workspace's audit trail, newest first, filtered by action prefix and/or actor; paged by id. */
  list: permittedProcedure("workspace.manage")
    .input(
      z.object({
        action: z.string().trim().max(100).optional(),
        actorUserId: z.uuid().optional(),
        beforeId: z.string().regex(/^\d+$/).optional(),
        limit: z.number().int().min(1).max(200).default(50),
      }),
    )
    .query(({ ctx, input }) => listAuditEvents(ctx.db, memberOf(ctx), input)),

  /** Re-checks the hash chain of the whole log (the same check as `benteng audit verify`). */
  verify: permittedProcedure("workspace.manage").query(({ ctx }) => verifyAudit(ctx.db)),
});
