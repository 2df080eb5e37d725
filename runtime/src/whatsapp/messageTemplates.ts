import {
  type GraphTemplate,
  graphTemplateSchema,
  graphTemplatesPageSchema,
  trimEndWhere,
} from "@benteng/shared";

/** Pages read at most (100 templates each): a business account has at most a few hundred. */
const MAX_PAGES = 5;

export type TemplatesResult =
  | { ok: true; templates: GraphTemplate[] }
  | { ok: false; message: string; code: number | null };

/**
 * The approved message templates of a WhatsApp Business Account:
 * `GET {graph}/{waba-id}/message_templates?status=APPROVED`, following the `after` cursor (never a
 * `next` URL the answer names, so the request stays on the channel's Graph API host). Resolves with
 * an error result instead of throwing; never call it inside a database transaction.
 */
export async function fetchApprovedTemplates(options: {
  graphBaseUrl: string;
  wabaId: string;
  accessToken: string;
  timeoutMs?: number;
}): Promise<TemplatesResult> {
  const base = `${trimEndWhere(options.graphBaseUrl, (c) => c === "/")}/${encodeURIComponent(options.wabaId)}/message_templates`;
  const templates: GraphTemplate[] = [];
  let after: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const url = new URL(base);
    url.searchParams.set("fields", "name,language,status,category,parameter_format,components");
    url.searchParams.set("status", "APPROVED");
    url.searchParams.set("limit", "100");
    if (after) url.searchParams.set("after", after);
    let status: number;
    let json: unknown;
    try {
      const response = await fetch(url, {
        headers: { authorization: `Bearer ${options.accessToken}` },
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        redirect: "error",
      });
      status = response.status;
      const text = await response.text();
      if (text.length > 5_000_000)
        return { ok: false, code: null, message: "the template list is too large" };
      json = JSON.parse(text);
    } catch (e) {
      return { ok: false, code: null, message: `the Graph API did not answer: ${(e as Error).message}` };
    }
    const error = (json as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    if (status < 200 || status >= 300 || error) {
      const code = typeof error?.code === "number" ? error.code : null;
      const message = typeof error?.message === "string" ? error.message.slice(0, 300) : `HTTP ${status}`;
      return { ok: false, code, message };
    }
    const parsed = graphTemplatesPageSchema.safeParse(json);
    if (!parsed.success) return { ok: false, code: null, message: "the Graph API answered an unknown shape" };
    for (const item of parsed.data.data) {
      const t = graphTemplateSchema.safeParse(item);
      // A template this version cannot read is left out rather than failing the whole list.
      if (t.success && t.data.status === "APPROVED") templates.push(t.data);
    }
    after = parsed.data.paging?.cursors?.after;
    if (!parsed.data.paging?.next || !after) break;
  }
  return { ok: true, templates };
}
