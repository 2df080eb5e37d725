import { sql } from "kysely";
import type { Db } from "./tables/database.ts";

/**
 * Writes every changed page to the data files now (CHECKPOINT). On PostgreSQL it needs superuser or
 * pg_checkpoint; false when refused (the server checkpoints on its own schedule anyway).
 */
export async function checkpoint(db: Db): Promise<boolean> {
  try {
    await sql`checkpoint`.execute(db);
    return true;
  } catch {
    return false;
  }
}
