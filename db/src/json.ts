import { type RawBuilder, sql } from "kysely";

/**
 * A value for a jsonb column. Sent as text and cast by PostgreSQL, because the two drivers disagree
 * on plain strings (postgres.js would store a JSON *string* of the JSON); this reads the same on both.
 */
export function jsonb<T>(value: T): RawBuilder<T> {
  return sql<T>`cast(${JSON.stringify(value)}::text as jsonb)`;
}
