import { sql } from "kysely";
import type { Db } from "../tables/database.ts";

export interface BlockInsight {
  /** Conversations that received at least one message from this block. */
  visits: number;
  /** Conversations still active whose last message came from this block (where people stop). */
  waiting: number;
}

/** Per-block visit and drop-off counts over every version of a flow, from the transcript. */
export async function flowInsights(
  db: Db,
  workspaceId: string,
  flowId: string,
): Promise<Record<string, BlockInsight>> {
  const visits = await sql<{ block_id: string; n: number }>`
    select t.block_id, count(distinct t.conversation_id)::int as n
    from transcript t
    join conversations c on c.id = t.conversation_id
    join flow_versions v on v.id = c.flow_version_id
    where v.flow_id = ${flowId}::uuid and c.workspace_id = ${workspaceId}::uuid
      and t.direction = 'out' and t.block_id is not null
    group by t.block_id`.execute(db);
  const waiting = await sql<{ block_id: string; n: number }>`
    select last.block_id, count(*)::int as n from (
      select distinct on (t.conversation_id) t.conversation_id, t.block_id
      from transcript t
      join conversations c on c.id = t.conversation_id
      join flow_versions v on v.id = c.flow_version_id
      where v.flow_id = ${flowId}::uuid and c.workspace_id = ${workspaceId}::uuid
        and c.status = 'active' and t.direction = 'out' and t.block_id is not null
      order by t.conversation_id, t.id desc
    ) last
    group by last.block_id`.execute(db);
  const out: Record<string, BlockInsight> = {};
  for (const r of visits.rows) out[r.block_id] = { visits: Number(r.n), waiting: 0 };
  for (const r of waiting.rows)
    out[r.block_id] = { visits: out[r.block_id]?.visits ?? 0, waiting: Number(r.n) };
  return out;
}
