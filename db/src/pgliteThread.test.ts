import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDatabase, type DatabaseHandle, urgentDb } from "./connect.ts";
import { ConnectionTurns } from "./pgliteLanes.ts";

// Embedded PGlite runs on a thread of its own (pgliteThread.ts): what Kysely and our queries rely on
// must come through the message port unchanged, and a long statement must leave this thread free.
// PGlite only: with DATABASE_URL set (the PostgreSQL run) it would repeat the PGlite run exactly.
describe.skipIf(Boolean(process.env.DATABASE_URL))("embedded PGlite on its own thread", () => {
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

// PGlite has one connection: a webhook's insert or the health probe must wait for the statement in
// flight, not for every claim and commit queued before it — and never run inside another's transaction.
// PGlite only: with DATABASE_URL set (the PostgreSQL run) it would repeat the PGlite run exactly.
describe.skipIf(Boolean(process.env.DATABASE_URL))("lanes on PGlite's one connection", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await connectDatabase({ kind: "pglite", dataDir: null });
    await sql`create table lane (id int)`.execute(handle.db);
  });
  afterAll(() => handle.close());

  const slow = () =>
    sql`select count(*) from generate_series(1, 200000) g cross join lateral (select md5(g::text)) m`;

  it("gives a free connection to an urgent statement before the normal ones queued before it", async () => {
    const finished: string[] = [];
    const normal = Array.from({ length: 6 }, (_, i) =>
      slow()
        .execute(handle.db)
        .then(() => finished.push(`normal ${i}`)),
    );
    const urgent = sql`select 1`.execute(urgentDb(handle.db)).then(() => finished.push("urgent"));
    await Promise.all([...normal, urgent]);
    // It waits for the two statements already on the database's thread (the one running and the next,
    // see ConnectionTurns), not for the four queued behind them.
    expect(finished.indexOf("urgent")).toBeLessThanOrEqual(2);
    expect(finished.filter((f) => f.startsWith("normal"))).toEqual(normal.map((_, i) => `normal ${i}`));
  });

  it("never runs an urgent statement inside another caller's open transaction", async () => {
    let seen: number | undefined;
    let urgentDone = false;
    await handle.db
      .transaction()
      .execute(async (tx) => {
        await sql`insert into lane values (1)`.execute(tx);
        const urgent = sql<{ n: number }>`select count(*)::int as n from lane`
          .execute(urgentDb(handle.db))
          .then((r) => {
            urgentDone = true;
            seen = r.rows[0]?.n;
          });
        void urgent;
        await new Promise((r) => setTimeout(r, 100));
        // Sent to the database's thread (a second turn) but still waiting: PGlite runs nothing outside
        // a transaction while one is open.
        expect(urgentDone).toBe(false);
        throw new Error("roll back");
      })
      .catch(() => {});
    await new Promise((r) => setTimeout(r, 50));
    expect(urgentDone).toBe(true);
    // It ran after the rollback: the row inserted inside the transaction was never visible to it.
    expect(seen).toBe(0);
  });

  it("lets normal work through between urgent turns, so a flood of webhooks does not starve it", async () => {
    const turns = new ConnectionTurns(1);
    const order: string[] = [];
    const first = await turns.take("normal");
    const taken = [
      turns.take("normal").then((release) => {
        order.push("normal");
        release();
      }),
      ...Array.from({ length: 20 }, () =>
        turns.take("urgent").then((release) => {
          order.push("urgent");
          release();
        }),
      ),
    ];
    expect(turns.waiting("urgent")).toBe(20);
    first();
    await Promise.all(taken);
    expect(order.indexOf("normal")).toBeGreaterThan(0);
    expect(order.indexOf("normal")).toBeLessThanOrEqual(8);
    expect(turns.out).toBe(0);
  });
});
