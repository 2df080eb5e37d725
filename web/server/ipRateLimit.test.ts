import { describe, expect, it } from "vitest";
import { ipRateLimit } from "./ipRateLimit.ts";

describe("ipRateLimit", () => {
  it("allows a burst, then refills at the rate, per address", () => {
    const limit = ipRateLimit({ burst: 3, perSecond: 2 });
    const t0 = 1_000_000;
    expect([1, 2, 3].map(() => limit.take("a", t0))).toEqual([true, true, true]);
    expect(limit.take("a", t0)).toEqual({ retryAfterSeconds: 1 });
    expect(limit.take("b", t0)).toBe(true);
    expect(limit.take("a", t0 + 500)).toBe(true);
    expect(limit.take("a", t0 + 500)).not.toBe(true);
  });

  it("keeps its memory bounded under a flood of fresh addresses", () => {
    const limit = ipRateLimit({ burst: 1, perSecond: 1, maxAddresses: 100 });
    for (let i = 0; i < 10_000; i++) limit.take(`10.0.${i >> 8}.${i & 255}`, 5_000);
    // Still limiting a returning address after the flood.
    expect(limit.take("192.0.2.1", 5_000)).toBe(true);
    expect(limit.take("192.0.2.1", 5_000)).not.toBe(true);
  });
});
