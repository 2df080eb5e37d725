import { describe, expect, it } from "vitest";
import { networkOf, THROTTLE_BUDGETS, throttleKeys, waitMs } from "./throttle.ts";

describe("login throttling keys", () => {
  it("counts IPv4 addresses one by one and IPv4-mapped IPv6 as IPv4", () => {
    expect(networkOf("203.0.113.9")).toBe("203.0.113.9");
    expect(networkOf("::ffff:203.0.113.9")).toBe("203.0.113.9");
  });

  it("counts a whole IPv6 /64 as one sender, however the address is written", () => {
    const a = networkOf("2001:db8:1:2:aaaa:bbbb:cccc:dddd");
    expect(a).toBe("2001:db8:1:2::/64");
    expect(networkOf("2001:0db8:0001:0002::1")).toBe(a);
    expect(networkOf("2001:db8:1:2::dead:beef")).toBe(a);
    expect(networkOf("2001:db8:1:3::1")).not.toBe(a);
    expect(networkOf("::1")).toBe("0:0:0:0::/64");
  });

  it("keys an untrusted attempt by normalised email and network, a trusted device by its id alone", () => {
    expect(
      throttleKeys({ email: " Ana@Example.COM ", ip: "1.2.3.4", trustedDeviceId: null }).map((k) => k.key),
    ).toEqual(["account:ana@example.com", "ip:1.2.3.4"]);
    expect(
      throttleKeys({ email: "ana@example.com", ip: "1.2.3.4", trustedDeviceId: "abc" }).map((k) => k.key),
    ).toEqual(["device:abc"]);
  });
});

describe("backoff", () => {
  const now = new Date("2026-12-01T10:00:00Z");
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const budget = THROTTLE_BUDGETS.account;

  it("lets the free failures through, then doubles the wait with each further failure, up to the ceiling", () => {
    expect(waitMs(budget, { count: budget.free - 1, latest: now, now })).toBe(0);
    expect(waitMs(budget, { count: budget.free, latest: now, now })).toBe(60_000);
    expect(waitMs(budget, { count: budget.free + 1, latest: now, now })).toBe(120_000);
    expect(waitMs(budget, { count: budget.free + 3, latest: now, now })).toBe(480_000);
    expect(waitMs(budget, { count: budget.free + 30, latest: now, now })).toBe(budget.maxDelayMs);
  });

  it("counts the wait from the latest failure", () => {
    expect(waitMs(budget, { count: budget.free + 1, latest: ago(90_000), now })).toBe(30_000);
    expect(waitMs(budget, { count: budget.free + 1, latest: ago(120_000), now })).toBe(0);
  });
});
