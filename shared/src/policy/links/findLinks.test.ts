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
