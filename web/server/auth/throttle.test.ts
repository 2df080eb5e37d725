import { describe, expect, it } from "vitest";
import { networkOf, throttleKeys } from "./throttle.ts";

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

  it("keys accounts by normalised email", () => {
    expect(throttleKeys(" Ana@Example.COM ", "1.2.3.4").account).toBe("account:ana@example.com");
  });
});
