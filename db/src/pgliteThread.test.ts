import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDatabase, type DatabaseHandle } from "./connect.ts";

// Embedded PGlite runs on a thread of its own (pgliteThread.ts): what Kysely and our queries rely on
// must come through the message port unchanged, and a long statement must leave this thread free.
describe("embedded PGlite on its own thread", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await connectDatabase({ kind: "pglite", dataDir: null });
    await sql`create table t (id int primary key, body bytea, doc jsonb, at timestamptz)`.execute(handle.db);
  });
  afterAll(() => handle.close());

  it("keeps this thread's event loop running while a long statement runs", async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const started = performance.now();
    await sql`select count(*) from generate_series(1, 1000000) g cross join lateral (select md5(g::text)) m`.execute(
      handle.db,
    );
    const ms = performance.now() - started;
    clearInterval(timer);
    // On this thread the statement would have let no timer run at all until it ended.
    expect(ms).toBeGreaterThan(50);
    expect(ticks).toBeGreaterThan(2);
  });

  it("returns rows, bytea, jsonb and timestamps as PGlite does, and commits or rolls back transactions", async () => {
    const at = new Date("2026-12-06T01:02:03.456Z");
    await handle.db.transaction().execute(async (tx) => {
      await sql`insert into t values (1, ${Buffer.from([0, 1, 255])}, ${JSON.stringify({ a: [1, "x"] })}::jsonb, ${at})`.execute(
        tx,
      );
    });
    const failed = await handle.db
      .transaction()
      .execute(async (tx) => {
        await sql`insert into t values (2, null, null, null)`.execute(tx);
        throw new Error("changed my mind");
      })
      .catch((e: Error) => e.message);
    expect(failed).toBe("changed my mind");
    const rows = await sql<{
      id: number;
      body: Uint8Array;
      doc: unknown;
      at: Date;
    }>`select * from t order by id`.execute(handle.db);
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0]?.body).toBeInstanceOf(Uint8Array);
    expect([...(rows.rows[0]?.body ?? [])]).toEqual([0, 1, 255]);
    expect(rows.rows[0]?.doc).toEqual({ a: [1, "x"] });
    expect(rows.rows[0]?.at).toEqual(at);
    const updated = await sql`update t set doc = null where id = 1`.execute(handle.db);
    expect(updated.numAffectedRows).toBe(1n);
  });

  it("throws PostgreSQL's errors with their code and constraint, and goes on after them", async () => {
    const error = await sql`insert into t values (1, null, null, null)`.execute(handle.db).catch((e) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ code: "23505", constraint: "t_pkey" });
    expect(error.message).toContain("duplicate key");
    // A failed statement inside a transaction aborts it; the handle itself stays usable.
    const aborted = await handle.db
      .transaction()
      .execute(async (tx) => {
        await sql`insert into t values (1, null, null, null)`.execute(tx).catch(() => {});
        await sql`select 1`.execute(tx);
      })
      .catch((e) => e);
    expect(aborted).toMatchObject({ code: "25P02" });
    const count = await sql<{ n: number }>`select count(*)::int as n from t`.execute(handle.db);
    expect(count.rows[0]?.n).toBe(1);
  });
});
