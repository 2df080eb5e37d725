import type { Db } from "../tables/database.ts";

export interface AuditEvent {
  id: string;
  action: string;
  actorUserId: string | null;
  actorName: string | null;
  /** What the action was on; rows from before targets were typed have only an id (type and label null). */
  target: { type: string | null; id: string; label: string | null } | null;
  details: Record<string, unknown>;
  createdAt: Date;
}

/** One page of a workspace's audit log, newest first (keyset paging on the id). */
export async function auditPage(
  db: Db,
  input: { workspaceId: string; action?: string; actorUserId?: string; beforeId?: string; limit: number },
): Promise<{ events: AuditEvent[]; nextBeforeId: string | null }> {
  let q = db
    .selectFrom("audit_log as a")
    .leftJoin("users as u", "u.id", "a.actor_user_id")
    .select([
      "a.id",
      "a.action",
      "a.actor_user_id",
      "u.display_name",
      "a.target",
      "a.target_type",
      "a.target_label",
      "a.details",
      "a.created_at",
    ])
    .where("a.workspace_id", "=", input.workspaceId)
    .orderBy("a.id", "desc")
    .limit(input.limit + 1);
  // A prefix filter: "version." shows submissions, approvals, rejections, publishes and rollbacks.
  if (input.action) q = q.where("a.action", "like", `${input.action.replace(/[\\%_]/g, "\\$&")}%`);
  if (input.actorUserId) q = q.where("a.actor_user_id", "=", input.actorUserId);
  if (input.beforeId) q = q.where("a.id", "<", input.beforeId);
  const rows = await q.execute();
  const page = rows.slice(0, input.limit);
  return {
    events: page.map((r) => ({
      id: String(r.id),
      action: r.action,
      actorUserId: r.actor_user_id,
      actorName: r.display_name,
      target: r.target === null ? null : { type: r.target_type, id: r.target, label: r.target_label },
      details: r.details,
      createdAt: new Date(r.created_at),
    })),
    nextBeforeId: rows.length > input.limit ? String(page[page.length - 1]?.id) : null,
  };
}
