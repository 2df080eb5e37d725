import { sql } from "kysely";
import type { Db } from "../tables/database.ts";

/** What the trace says about one block over a range of time. */
export interface BlockInsight {
  /** Times conversations entered the block. */
  visits: number;
  /** Times the walk left it along one of its outputs. */
  exits: number;
  /** Conversations that went no further: their last step waited here and they never answered, or the walk stopped here. */
  dropOff: number;
  /** Conversations waiting here now: for the customer's answer, or for a person at a handoff (any age). */
  waiting: number;
  /** Failed script runs, and how many of each error kind. */
  errors: number;
  errorsByKind: Record<string, number>;
}

export interface FlowInsights {
  since: Date;
  blocks: Record<string, BlockInsight>;
  /** Per UTC day in the range: conversations that took a step, failed script runs, handoffs. */
  daily: Array<{ day: string; conversations: number; errors: number; handoffs: number }>;
}

const emptyInsight = (): BlockInsight => ({
  visits: 0,
  exits: 0,
  dropOff: 0,
  waiting: 0,
  errors: 0,
  errorsByKind: {},
});

/**
 * Per-block counts over every version of a flow, from the conversation trace since `since`. An
 * active conversation idle longer than `idleAfterMs` (the runtime's session timeout) has dropped off
 * rather than waiting; a conversation at a handoff waits for a person however long it has been.
 */
export async function flowInsights(
  db: Db,
  workspaceId: string,
  flowId: string,
  options: { since: Date; idleAfterMs: number },
): Promise<FlowInsights> {
  const since = options.since.toISOString();
  const ofFlow = sql`join conversations c on c.id = t.conversation_id
    join flow_versions v on v.id = c.flow_version_id
    where v.flow_id = ${flowId}::uuid and c.workspace_id = ${workspaceId}::uuid`;
  const counts = await sql<{ block_id: string; visits: number; exits: number }>`
    select t.block_id,
      count(*) filter (where t.action = 'enter')::int as visits,
      count(*) filter (where t.outcome = 'next')::int as exits
    from conversation_trace t ${ofFlow}
      and t.action <> 'system' and t.created_at >= ${since}::timestamptz
    group by t.block_id`.execute(db);
  const errors = await sql<{ block_id: string; error_kind: string; n: number }>`
    select t.block_id, t.error_kind, count(*)::int as n
    from conversation_trace t ${ofFlow}
      and t.error_kind is not null and t.created_at >= ${since}::timestamptz
    group by t.block_id, t.error_kind`.execute(db);
  const positions = await sql<{ block_id: string; waiting: number; drop_off: number }>`
    select last.block_id,
      count(*) filter (where last.waiting)::int as waiting,
      count(*) filter (where not last.waiting and last.outcome in ('wait', 'stopped')
        and last.created_at >= ${since}::timestamptz)::int as drop_off
    from (
      select distinct on (t.conversation_id) t.block_id, t.outcome, t.created_at,
        (c.status = 'handoff' and t.outcome = 'handoff')
          or (c.status = 'active' and t.outcome = 'wait'
            and c.updated_at > now() - ${`${options.idleAfterMs} milliseconds`}::interval) as waiting
      from conversation_trace t ${ofFlow}
        and t.action <> 'system' and (c.status <> 'ended' or c.updated_at >= ${since}::timestamptz)
      order by t.conversation_id, t.id desc
    ) last
    group by last.block_id`.execute(db);
  const daily = await sql<{ day: string; conversations: number; errors: number; handoffs: number }>`
    select to_char(date_trunc('day', t.created_at at time zone 'UTC'), 'YYYY-MM-DD') as day,
      count(distinct t.conversation_id)::int as conversations,
      count(*) filter (where t.error_kind is not null)::int as errors,
      count(*) filter (where t.outcome = 'handoff')::int as handoffs
    from conversation_trace t ${ofFlow} and t.created_at >= ${since}::timestamptz
    group by 1 order by 1`.execute(db);

  const blocks: Record<string, BlockInsight> = {};
  const at = (id: string): BlockInsight => {
    blocks[id] ??= emptyInsight();
    return blocks[id];
  };
  for (const r of counts.rows)
    Object.assign(at(r.block_id), { visits: Number(r.visits), exits: Number(r.exits) });
  for (const r of errors.rows) {
    const b = at(r.block_id);
    b.errors += Number(r.n);
    b.errorsByKind[r.error_kind] = Number(r.n);
  }
  for (const r of positions.rows)
    Object.assign(at(r.block_id), { waiting: Number(r.waiting), dropOff: Number(r.drop_off) });
  return {
    since: options.since,
    blocks,
    daily: daily.rows.map((r) => ({
      day: r.day,
      conversations: Number(r.conversations),
      errors: Number(r.errors),
      handoffs: Number(r.handoffs),
    })),
  };
}
