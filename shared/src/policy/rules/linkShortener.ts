import { customerLinks, isAllowedHost } from "../links/customerLinks.ts";
import { lookAlikeDomain, registrableDomain } from "../links/lookAlikeDomain.ts";
import type { Rule, RuleHit } from "./rule.ts";

/** Shorteners hide where a link goes, which is exactly what phishing needs; customers can't check them. */
const SHORTENERS = new Set([
  "bit.ly",
  "bitly.com",
  "bit.do",
  "tinyurl.com",
  "tiny.cc",
  "s.id",
  "t.co",
  "goo.gl",
  "g.co",
  "cutt.ly",
  "ow.ly",
  "is.gd",
  "v.gd",
  "buff.ly",
  "rebrand.ly",
  "t.ly",
  "shorturl.at",
  "shorturl.asia",
  "rb.gy",
  "bl.ink",
  "lnkd.in",
  "short.io",
  "shorte.st",
  "adf.ly",
  "qr.ae",
  "soo.gd",
  "u.to",
  "x.co",
  "po.st",
  "mcaf.ee",
  "su.pr",
  "ppt.cc",
  "reurl.cc",
  "t2m.io",
  "urlz.fr",
  "kutt.it",
  "1url.com",
  "clck.ru",
  "tr.im",
  "cli.re",
  "lihi.cc",
  "lihi1.com",
  "shorturl.me",
  "y2u.be",
  "trib.al",
  "dlvr.it",
  "ift.tt",
  "surl.li",
  "zpr.io",
  "linktw.in",
  "short.gy",
  "ln.run",
  "wo.ws",
  "gg.gg",
  "bitly.ws",
  "tny.im",
]);

/** Links customers cannot judge: URL shorteners and domains dressed up as a well-known brand or bank. */
export const linkShortener: Rule = {
  id: "linkShortener",
  severity: "error",
  description:
    "No link in customer-facing text uses a URL shortener or a look-alike of a well-known brand's domain.",
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const link of customerLinks(ctx)) {
      const base = { blockId: link.blockId, field: link.field, span: { start: link.start, end: link.end } };
      if (SHORTENERS.has(link.host) || SHORTENERS.has(registrableDomain(link.host))) {
        hits.push({
          ...base,
          message: `${link.label} links to ${link.host}, a link shortener. Customers can't see where it leads, and scammers use them for that reason. Write the full link to your own website instead.`,
        });
        continue;
      }
      if (link.disguisedBy !== undefined) {
        hits.push({
          ...base,
          message: `${link.label} has a link that seems to go to ${link.disguisedBy} but really opens ${link.host}: everything before "@" is ignored by browsers. This is a phishing trick; write the real address.`,
        });
        continue;
      }
      if (/^\d{1,3}(\.\d{1,3}){3}$/.test(link.host) || link.host.startsWith("[")) {
        hits.push({
          ...base,
          message: `${link.label} links to a bare number address (${link.host}) instead of a website name. Customers can't tell whose site it is, and scammers use such links. Link to your website by its name.`,
        });
        continue;
      }
      if (isAllowedHost(link.host, ctx.linkAllowlist)) continue;
      const brand = lookAlikeDomain(link.host);
      if (brand) {
        hits.push({
          ...base,
          message: `${link.label} links to ${link.host}, which looks like ${brand}'s website but is not one of its addresses. Customers could be tricked into trusting it. Use the brand's real address, or your own.`,
        });
      }
    }
    return hits;
  },
};
