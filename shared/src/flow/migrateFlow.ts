import { z } from "zod";
import { FLOW_DOCUMENT_VERSION, type Flow, flowSchema } from "./flowSchema.ts";

/** Upgrades one document version to the next: `from` → `from + 1`. */
export type FlowUpgrade = (doc: Record<string, unknown>) => Record<string, unknown>;

/** Index i upgrades version i+1 → i+2. None yet: version 1 is the first. */
const upgrades: FlowUpgrade[] = [];

export type MigrateResult<T = Flow> = { ok: true; flow: T } | { ok: false; error: string; issues: string[] };

/**
 * The migrate-then-parse read path for one document format: the current version, the upgrades that
 * lead to it and the schema that validates it. Benteng uses exactly one (`migrateFlow`); tests build
 * others to prove that a stored document survives the next version bump.
 */
export function createFlowMigrator<T>(format: {
  currentVersion: number;
  upgrades: readonly FlowUpgrade[];
  schema: z.ZodType<T>;
}): (input: unknown) => MigrateResult<T> {
  return (input) => {
    const head = z.object({ version: z.number().int().positive() }).passthrough().safeParse(input);
    if (!head.success)
      return { ok: false, error: "This is not a Benteng flow: it has no version number.", issues: [] };
    let doc: Record<string, unknown> = head.data;
    if (head.data.version > format.currentVersion) {
      return {
        ok: false,
        error: `This flow was made by a newer Benteng (document version ${head.data.version}); update Benteng to open it.`,
        issues: [],
      };
    }
    for (let v = head.data.version; v < format.currentVersion; v++) {
      const upgrade = format.upgrades[v - 1];
      if (!upgrade) return { ok: false, error: `No upgrade from document version ${v}.`, issues: [] };
      doc = { ...upgrade(doc), version: v + 1 };
    }
    const parsed = format.schema.safeParse(doc);
    if (!parsed.success) {
      const issues = parsed.error.issues
        .slice(0, 20)
        .map((i) => `${i.path.join(".") || "(document)"}: ${i.message}`);
      return { ok: false, error: "The flow document is not valid.", issues };
    }
    return { ok: true, flow: parsed.data };
  };
}

/**
 * Validates a flow document of any known version and upgrades it to the current one.
 * Never throws: a bad document gets a readable error and nothing else happens.
 * @example migrateFlow(JSON.parse(file)) // → { ok: true, flow } or { ok: false, error, issues }
 */
export const migrateFlow: (input: unknown) => MigrateResult = createFlowMigrator({
  currentVersion: FLOW_DOCUMENT_VERSION,
  upgrades,
  schema: flowSchema,
});

/**
 * A flow document read back from storage (a draft or a frozen version), upgraded to the current
 * version: the one read path for stored flows (editor, review, runtime, CLI). It throws, because a
 * stored document passed validation when it was written: failing now means a newer Benteng wrote it
 * or the data was damaged, not that a person typed something wrong.
 * @example readStoredFlow(row.document, `flow version ${row.id}`)
 */
export function readStoredFlow(document: unknown, what: string): Flow {
  const migrated = migrateFlow(document);
  if (migrated.ok) return migrated.flow;
  const detail = migrated.issues.length ? ` (${migrated.issues.slice(0, 3).join("; ")})` : "";
  throw new Error(`${what} is unreadable: ${migrated.error}${detail}`);
}
