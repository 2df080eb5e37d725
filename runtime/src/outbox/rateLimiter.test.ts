import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { rateLimiter } from "./rateLimiter.ts";

describe("rateLimiter", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "performance"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("lets a second's worth through at once, then paces each number separately", async () => {
    const limiter = rateLimiter(10);
    let released = 0;
    const takes = Array.from({ length: 12 }, () => limiter.take("number-a").then(() => released++));
    await vi.advanceTimersByTimeAsync(0);
    expect(released).toBe(10);
    // Another number has its own bucket.
    await limiter.take("number-b");
    await vi.advanceTimersByTimeAsync(100);
    expect(released).toBe(11);
    await vi.advanceTimersByTimeAsync(100);
    expect(released).toBe(12);
    await Promise.all(takes);
  });
});
