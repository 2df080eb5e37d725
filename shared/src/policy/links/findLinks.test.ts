import { describe, expect, it } from "vitest";
import { findLinks } from "./findLinks.ts";

describe("findLinks", () => {
  it("finds links with and without a scheme, without trailing punctuation", () => {
    const text = "Track at https://Shop.Example.com/t?id=1. Or www.example.co.id, or bit.ly/abc!";
    expect(findLinks(text).map((l) => [l.host, l.url])).toEqual([
      ["shop.example.com", "https://Shop.Example.com/t?id=1"],
      ["example.co.id", "www.example.co.id"],
      ["bit.ly", "bit.ly/abc"],
    ]);
  });

  it("does not take file names, versions or e-mail addresses for links", () => {
    expect(findLinks("Open statement.pdf (v1.2) or write to help@bank.com")).toEqual([]);
  });

  it("keeps non-Latin look-alike hosts as written, for the look-alike check", () => {
    expect(findLinks("Log in at https://раураl.com/login")[0]?.host).toBe("раураl.com");
  });

  it("sees through a user-info disguise", () => {
    expect(findLinks("Log in: https://www.bca.co.id@login-check.top/x")[0]).toMatchObject({
      host: "login-check.top",
      disguisedBy: "www.bca.co.id",
    });
  });
});

describe("findLinks on links written so they do not work", () => {
  it("reads defanged links (hxxp, [.], (dot))", () => {
    expect(findLinks("Pay at hxxps://usps-track[.]com/pay now").map((l) => [l.host, l.url])).toEqual([
      ["usps-track.com", "hxxps://usps-track[.]com/pay"],
    ]);
    expect(findLinks("bank(.)com or bank[dot]net").map((l) => l.host)).toEqual(["bank.com", "bank.net"]);
  });

  it("joins links split by spaces", () => {
    const hosts = (t: string) => findLinks(t).map((l) => l.host);
    expect(hosts("Update: netflix-billing . com/update")).toEqual(["netflix-billing.com"]);
    expect(hosts("go to bit. ly/x3 now")).toEqual(["bit.ly"]);
    expect(hosts("go to bit .ly/x3")).toEqual(["bit.ly"]);
    expect(hosts("visit secure-bank dot com today")).toEqual(["secure-bank.com"]);
    expect(hosts("https:// bank-verify.com/login")).toEqual(["bank-verify.com"]);
  });

  it("does not take ordinary sentences for links", () => {
    expect(findLinks("Call me. Info is below")).toEqual([]);
    expect(findLinks("I love you . me too")).toEqual([]);
    expect(findLinks("ok. so then. me. you")).toEqual([]);
  });
});
