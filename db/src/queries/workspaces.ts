import { sql } from "kysely";
import { jsonb } from "../json.ts";
import type { Db } from "../tables/database.ts";

/**
 * The workspace of this installation, created on first use. The schema allows several workspaces;
 * the product starts with one per installation.
 */
export async function ensureInstallationWorkspace(db: Db): Promise<string> {
  const existing = await db
    .selectFrom("workspaces")
    .select("id")
    .orderBy("created_at")
    .limit(1)
    .executeTakeFirst();
  if (existing) return existing.id;
  // Two processes starting at once could both insert; the advisory lock makes the first one win.
  return db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(7301)`.execute(tx);
    const again = await tx
      .selectFrom("workspaces")
      .select("id")
      .orderBy("created_at")
      .limit(1)
      .executeTakeFirst();
    if (again) return again.id;
    const row = await tx
      .insertInto("workspaces")
      .values({ name: "My workspace", link_allowlist: jsonb([]) })
      .returning("id")
      .executeTakeFirstOrThrow();
    return row.id;
  });
}

export async function workspaceById(db: Db, workspaceId: string) {
  return db
    .selectFrom("workspaces")
    .select(["id", "name", "link_allowlist"])
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
