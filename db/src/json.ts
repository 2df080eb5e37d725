import { type RawBuilder, sql } from "kysely";

/**
 * A value for a jsonb column. Sent as text and cast by PostgreSQL, because the two drivers disagree
 * on plain strings (postgres.js would store a JSON *string* of the JSON); this reads the same on both.
 */
export function jsonb<T>(value: T): RawBuilder<T> {
  return sql<T>`cast(${JSON.stringify(value)}::text as jsonb)`;
}

/**
 * Rows for a set-based statement as ONE jsonb parameter: `from ${jsonRows(rows, {id: "uuid"}, "v")}`
 * reads `rows from (jsonb_to_recordset(…) as (id uuid)) with ordinality as v(id, ord)`. The statement's
 * text (so its prepared plan) is the same for 1 row or 1,000, no batch meets PostgreSQL's 65,535
 * parameter limit, and `order by v.ord` keeps the caller's order (ids from a sequence follow it).
 */
export function jsonRows(
  rows: ReadonlyArray<Record<string, unknown>>,
  columns: Record<string, string>,
  alias: string,
): RawBuilder<unknown> {
  const names = Object.keys(columns);
  const definition = names.map((name) => `${name} ${columns[name]}`).join(", ");
  return sql`rows from (jsonb_to_recordset(cast(${toJson(rows)}::text as jsonb)) as (${sql.raw(definition)})) with ordinality as ${sql.raw(alias)}(${sql.raw(names.join(", "))}, ord)`;
}

/** int8 values may arrive as BigInt (postgres.js); JSON carries them as text, which PostgreSQL casts. */
function toJson(rows: ReadonlyArray<Record<string, unknown>>): string {
  try {
    return JSON.stringify(rows); // the common case, without a replacer call per value
  } catch {
    return JSON.stringify(rows, (_key, value) => (typeof value === "bigint" ? value.toString() : value));
  }
}
