import { customerTextsOf, type RuleContext } from "../rules/rule.ts";
import { type FoundLink, findLinks } from "./findLinks.ts";

/** A link customers will see, with the block and field it is written in. */
export interface CustomerLink extends FoundLink {
  blockId: string;
  field: string;
  label: string;
}

/** Every link in customer-facing texts and media links of a flow. */
export function customerLinks(ctx: RuleContext): CustomerLink[] {
  // Two rules read the same links; find them once per lint run.
  const cached = cache.get(ctx);
  if (cached) return cached;
  const links: CustomerLink[] = [];
  for (const node of ctx.nodes) {
    const texts = customerTextsOf(node).map((t) => ({ field: t.field, label: t.label, text: t.text }));
    if (typeof node.data.mediaUrl === "string")
      texts.push({ field: "mediaUrl", label: "Media link", text: node.data.mediaUrl });
    if (node.type === "media" && typeof node.data.url === "string")
      texts.push({ field: "url", label: "Media link", text: node.data.url });
    for (const t of texts) {
      for (const link of findLinks(t.text))
        links.push({ ...link, blockId: node.id, field: t.field, label: t.label });
    }
  }
  cache.set(ctx, links);
  return links;
}

const cache = new WeakMap<RuleContext, CustomerLink[]>();

export { isAllowedHost } from "./hosts.ts";
