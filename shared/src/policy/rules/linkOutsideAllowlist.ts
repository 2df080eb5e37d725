import { customerLinks, isAllowedHost } from "../links/customerLinks.ts";
import type { Rule, RuleHit } from "./rule.ts";

/** Links to sites the workspace hasn't vetted need a reviewer's eye before customers click them. */
export const linkOutsideAllowlist: Rule = {
  id: "linkOutsideAllowlist",
  severity: "warning",
  description: "Links in customer-facing text point to hosts on the workspace's allow-list.",
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const link of customerLinks(ctx)) {
      if (isAllowedHost(link.host, ctx.linkAllowlist)) continue;
      hits.push({
        blockId: link.blockId,
        field: link.field,
        span: { start: link.start, end: link.end },
        message: `${link.label} links to ${link.host}, which is not on your workspace's list of allowed websites. Check that it is safe, then ask an admin to add it, or link to an allowed site.`,
      });
    }
    return hits;
  },
};
