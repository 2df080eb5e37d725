import { describe, expect, it } from "vitest";
import { lookAlikeDomain, registrableDomain } from "./lookAlikeDomain.ts";

describe("lookAlikeDomain", () => {
  it.each([
    ["раураl.com", "paypal"],
    ["paypa1.com", "paypal"],
    ["maybnk2u.com", "maybank2u"],
    ["klikbca-hadiah.com", "klikbca"],
    ["bca-promo.net", "bca"],
    ["paypal.com.secure-login.top", "paypal"],
    ["whatsaap.com", "whatsapp"],
    ["bradesco-seguro.com.br", "bradesco"],
  ])("flags %s as imitating %s", (host, brand) => {
    expect(lookAlikeDomain(host)).toBe(brand);
  });

  it.each([
    "klikbca.com",
    "login.maybank2u.com.my",
    "paypal.com",
    "example.com",
    "tokobaju.co.id",
    "mybrand.shop",
    "ww.wa.me",
  ])("accepts %s", (host) => {
    expect(lookAlikeDomain(host)).toBeUndefined();
  });

  it("knows country second-level domains", () => {
    expect(registrableDomain("ib.bank.co.id")).toBe("bank.co.id");
    expect(registrableDomain("a.b.example.com")).toBe("example.com");
  });
});
