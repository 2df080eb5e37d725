import { sql } from "kysely";
import { jsonRows } from "../json.ts";
import type { Db } from "../tables/database.ts";

/** Where a queue keeps its leases: the table, the deadline column and the status of leased rows. */
export interface LeasedQueue {
  table: "inbox" | "outbox";
  deadline: "lease_until" | "next_attempt_at";
  leasedStatus: "pending" | "queued";
}

/**
 * Pushes the deadline of leases their owners still hold; returns the ids renewed. A row another
 * claim took over, or that left the queue, is left alone. One statement for all of them.
 */
export async function renewLeases(
  db: Db,
  queue: LeasedQueue,
  leases: ReadonlyArray<{ id: string; owner: string }>,
  leaseMs: number,
): Promise<string[]> {
  if (leases.length === 0) return [];
  const result = await sql<{ id: string }>`
    update ${sql.table(queue.table)} q set ${sql.ref(queue.deadline)} = now() + ${`${leaseMs} milliseconds`}::interval
    from ${jsonRows(leases, { id: "bigint", owner: "uuid" }, "v")}
    where q.id = v.id and q.lease_owner = v.owner and q.status = ${queue.leasedStatus}
    returning q.id`.execute(db);
  return result.rows.map((r) => String(r.id));
}
