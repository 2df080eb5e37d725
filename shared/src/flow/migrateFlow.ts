import { z } from "zod";
import { FLOW_DOCUMENT_VERSION, type Flow, flowSchema } from "./flowSchema.ts";

/** Upgrades one version to the next; index i upgrades version i+1 → i+2. None yet: version 1 is the first. */
const upgrades: Array<(doc: Record<string, unknown>) => Record<string, unknown>> = [];

export type MigrateResult = { ok: true; flow: Flow } | { ok: false; error: string; issues: string[] };

/**
 * Validates a flow document of any known version and upgrades it to the current one.
 * Never throws: a bad document gets a readable error and nothing else happens.
 */
export function migrateFlow(input: unknown): MigrateResult {
  const head = z.object({ version: z.number().int().positive() }).passthrough().safeParse(input);
  if (!head.success)
    return { ok: false, error: "This is not a Benteng flow: it has no version number.", issues: [] };
  let doc: Record<string, unknown> = head.data;
  if (head.data.version > FLOW_DOCUMENT_VERSION) {
    return {
      ok: false,
      error: `This flow was made by a newer Benteng (document version ${head.data.version}); update Benteng to open it.`,
      issues: [],
    };
  }
  for (let v = head.data.version; v < FLOW_DOCUMENT_VERSION; v++) {
    const upgrade = upgrades[v - 1];
    if (!upgrade) return { ok: false, error: `No upgrade from document version ${v}.`, issues: [] };
    doc = { ...upgrade(doc), version: v + 1 };
  }
  const parsed = flowSchema.safeParse(doc);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 20)
      .map((i) => `${i.path.join(".") || "(document)"}: ${i.message}`);
    return { ok: false, error: "The flow document is not valid.", issues };
  }
  return { ok: true, flow: parsed.data };
}
