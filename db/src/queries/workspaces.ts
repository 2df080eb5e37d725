import { sql } from "kysely";
import { jsonb } from "../json.ts";
import type { Db } from "../tables/database.ts";

/**
 * The workspace of this installation, created on first use. The schema allows several workspaces;
 * the product starts with one per installation. Run it in the caller's transaction: two processes
 * starting at once could both insert, and the advisory lock (held to commit) makes the first one win.
 */
export async function ensureInstallationWorkspace(db: Db): Promise<string> {
  const first = () =>
    db.selectFrom("workspaces").select("id").orderBy("created_at").limit(1).executeTakeFirst();
  const existing = await first();
  if (existing) return existing.id;
  await sql`select pg_advisory_xact_lock(7301)`.execute(db);
  const again = await first();
  if (again) return again.id;
  const row = await db
    .insertInto("workspaces")
    .values({ name: "My workspace", link_allowlist: jsonb([]) })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function workspaceById(db: Db, workspaceId: string) {
  return db
    .selectFrom("workspaces")
    .select(["id", "name", "link_allowlist", "handoff_alert_minutes"])
    .where("id", "=", workspaceId)
    .executeTakeFirst();
}

/** The hosts customer-facing links may point at without a warning (lower-cased, unique, sorted). */
export async function linkAllowlist(db: Db, workspaceId: string): Promise<string[]> {
  const ws = await workspaceById(db, workspaceId);
  return Array.isArray(ws?.link_allowlist) ? ws.link_allowlist : [];
}

export async function setLinkAllowlist(db: Db, workspaceId: string, hosts: string[]): Promise<string[]> {
  const clean = [...new Set(hosts.map((h) => h.trim().toLowerCase()).filter(Boolean))].sort();
  await db
    .updateTable("workspaces")
    .set({ link_allowlist: jsonb(clean) })
    .where("id", "=", workspaceId)
    .execute();
  return clean;
}

/** How long a conversation may wait for a person before the team is told (minutes). */
export async function setHandoffAlertMinutes(db: Db, workspaceId: string, minutes: number): Promise<void> {
  await db
    .updateTable("workspaces")
    .set({ handoff_alert_minutes: minutes })
    .where("id", "=", workspaceId)
    .execute();
}
