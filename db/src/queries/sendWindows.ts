import { sql } from "kysely";
import type { Db } from "../tables/database.ts";

/**
 * Reserves up to `want` sends for a phone number in the current second, across every process, never
 * more than `limit` in one second. Returns how many were granted (0 when the second is used up) and how
 * long until the next second starts, by the database's clock.
 */
export async function reserveSends(
  db: Db,
  phoneNumberId: string,
  want: number,
  limit: number,
): Promise<{ granted: number; msLeft: number }> {
  const result = await sql<{ granted: number; ms_left: number }>`
    insert into send_windows as w (phone_number_id, window_start, used, last_granted)
    select ${phoneNumberId}, date_trunc('second', clock_timestamp()), least(${want}::int, ${limit}::int), least(${want}::int, ${limit}::int)
    on conflict (phone_number_id) do update set
      -- A reservation that waited for the row lock past a second boundary gets nothing (it must not
      -- reset the newer window).
      last_granted = case
        when excluded.window_start = w.window_start then least(w.used + ${want}::int, ${limit}::int) - w.used
        when excluded.window_start > w.window_start then excluded.used
        else 0 end,
      used = case
        when excluded.window_start = w.window_start then least(w.used + ${want}::int, ${limit}::int)
        when excluded.window_start > w.window_start then excluded.used
        else w.used end,
      window_start = greatest(w.window_start, excluded.window_start)
    returning last_granted as granted,
      greatest(0, extract(epoch from (window_start + interval '1 second' - clock_timestamp())) * 1000)::float8 as ms_left`.execute(
    db,
  );
  const row = result.rows[0];
  return { granted: Number(row?.granted ?? 0), msLeft: Number(row?.ms_left ?? 0) };
}
