import { describe, expect, it } from "vitest";
import { z } from "zod";
import { FLOW_DOCUMENT_VERSION, flowEdgeSchema, flowNodeSchema, flowVariableSchema } from "./flowSchema.ts";
import { createFlowMigrator, migrateFlow, readStoredFlow } from "./migrateFlow.ts";
import { flowTemplates } from "./templates/flowTemplates.ts";

/** A document as it comes back from a jsonb column: plain JSON, no prototypes or undefined. */
const stored = (value: unknown) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>;

// The next document version, simulated: version 2 moves the safety notice into a `customer` group.
const version2Schema = z.object({
  version: z.literal(2),
  nodes: z.array(flowNodeSchema),
  edges: z.array(flowEdgeSchema),
  variables: z.array(flowVariableSchema),
  settings: z.object({ customer: z.object({ safetyNotice: z.boolean() }) }),
});
const migrateToVersion2 = createFlowMigrator({
  currentVersion: 2,
  upgrades: [
    (doc) => {
      const settings = (doc.settings ?? {}) as { safetyNotice?: boolean };
      return { ...doc, settings: { customer: { safetyNotice: settings.safetyNotice ?? true } } };
    },
  ],
  schema: version2Schema,
});

describe("stored flows across document versions", () => {
  const v1 = stored(flowTemplates.orderStatus.build());

  it("reads a current document as it is", () => {
    expect(FLOW_DOCUMENT_VERSION).toBe(1);
    expect(readStoredFlow(v1, "the draft")).toEqual(v1);
  });

  it("upgrades a version-1 document through a version bump, keeping every block and edge", () => {
    const result = migrateToVersion2({ ...v1, settings: { safetyNotice: false } });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.flow.version).toBe(2);
    expect(result.flow.settings).toEqual({ customer: { safetyNotice: false } });
    expect(result.flow.nodes).toEqual(v1.nodes);
    expect(result.flow.edges).toEqual(v1.edges);
    // A document already at version 2 is not upgraded again.
    expect(migrateToVersion2(result.flow)).toEqual(result);
  });

  it("refuses a document from a newer Benteng or with a gap in the upgrades, without throwing", () => {
    expect(migrateFlow({ ...v1, version: FLOW_DOCUMENT_VERSION + 1 })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/newer Benteng/),
    });
    const gap = createFlowMigrator({ currentVersion: 3, upgrades: [(d) => d], schema: version2Schema });
    expect(gap(v1)).toMatchObject({ ok: false, error: "No upgrade from document version 2." });
    expect(migrateFlow("not a flow")).toMatchObject({
      ok: false,
      error: expect.stringMatching(/no version/),
    });
  });

  it("names what could not be read when a stored document is damaged", () => {
    expect(() => readStoredFlow({ version: 1, nodes: "?" }, "flow version 7")).toThrow(
      /^flow version 7 is unreadable: The flow document is not valid\. \(nodes:/,
    );
  });
});
