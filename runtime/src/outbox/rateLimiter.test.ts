import { createTestDatabase } from "@benteng/db/testing/testDatabase";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sharedRateLimiter } from "./rateLimiter.ts";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

describe("sharedRateLimiter", () => {
  it("keeps two processes together under one number's limit, each number on its own", async () => {
    // Two limiters on one database stand for two runtime processes.
    const a = sharedRateLimiter(database.db, 10);
    const b = sharedRateLimiter(database.db, 10);
    const started = Date.now();
    const releases: number[] = [];
    const take = (limiter: typeof a) => limiter.take("15550001111").then(() => releases.push(Date.now()));
    await Promise.all([
      ...Array.from({ length: 15 }, () => take(a)),
      ...Array.from({ length: 15 }, () => take(b)),
      // Another number is not slowed down by the first.
      ...Array.from({ length: 10 }, () => a.take("15550002222")),
    ]);
    expect(releases).toHaveLength(30);
    // At most 10 per one-second window: any 21 consecutive sends span more than a second (a span
    // shorter than that touches at most two windows). 50 ms of slack for timer and clock jitter.
    releases.sort((x, y) => x - y);
    for (let i = 0; i + 20 < releases.length; i++) {
      expect(releases[i + 20]! - releases[i]!).toBeGreaterThanOrEqual(950);
    }
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  }, 15_000);
});
