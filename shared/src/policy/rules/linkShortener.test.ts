import { describe, expect, it } from "vitest";
import { lintFlow } from "../lintFlow.ts";
import { testFlow } from "../testFlow.ts";

const hits = (text: string, linkAllowlist: string[] = []) =>
  lintFlow(testFlow([{ id: "m", type: "message", data: { text } }]), { linkAllowlist }).filter(
    (f) => f.ruleId === "linkShortener",
  );

describe("linkShortener", () => {
  it.each(["Claim here: bit.ly/3xYz", "Cek di https://s.id/promo", "Go to tinyurl.com/abc"])(
    "refuses a shortener in %s",
    (text) => {
      const [f] = hits(text);
      expect(f).toMatchObject({ severity: "error", blockId: "m", field: "text" });
      expect(f?.message).toContain("shortener");
    },
  );

  it("refuses a look-alike bank domain and highlights the link", () => {
    const text = "Verify at https://klikbca-verifikasi.com/login today";
    const [f] = hits(text);
    expect(text.slice(f!.span!.start, f!.span!.end)).toBe("https://klikbca-verifikasi.com/login");
    expect(f?.message).toContain("klikbca");
  });

  it("accepts the brand's real domain and the workspace's own allowed look-alike", () => {
    expect(hits("Log in at https://www.klikbca.com")).toEqual([]);
    expect(hits("See shop.paypal-stickers.com", ["paypal-stickers.com"])).toEqual([]);
  });

  it("refuses links that hide where they go: user@host disguises and bare IP addresses", () => {
    expect(hits("Log in: https://www.bca.co.id@login-check.top/x")[0]?.message).toContain("phishing trick");
    expect(hits("Open http://203.0.113.7/claim now")[0]?.message).toContain("bare number address");
  });
});
