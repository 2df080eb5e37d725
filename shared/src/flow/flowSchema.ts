import { z } from "zod";
import { type BlockData, type BlockType, blockDefinitions, blockTypes } from "../blocks/registry.ts";
import { idSchema, variableNameSchema } from "./ids.ts";

/** The version written by this code; migrateFlow upgrades anything older. */
export const FLOW_DOCUMENT_VERSION = 1;

export const positionSchema = z.object({ x: z.number().finite(), y: z.number().finite() });

/** A block on the canvas of type T. */
export type FlowNodeOf<T extends BlockType> = {
  id: string;
  type: T;
  position: { x: number; y: number };
  data: BlockData<T>;
};
export type FlowNode = { [T in BlockType]: FlowNodeOf<T> }[BlockType];

const nodeSchemas = blockTypes.map((type) =>
  z.object({
    id: idSchema,
    type: z.literal(type),
    position: positionSchema,
    data: blockDefinitions[type].dataSchema,
  }),
);

// Built from the registry so that a new block type needs no edit here; the cast only restores
// the mapped type above, which TypeScript cannot infer through Array.map.
export const flowNodeSchema = z.discriminatedUnion(
  "type",
  nodeSchemas as unknown as [(typeof nodeSchemas)[number], ...(typeof nodeSchemas)[number][]],
) as unknown as z.ZodType<FlowNode>;

export const flowEdgeSchema = z.object({
  id: idSchema,
  source: idSchema,
  /** The output handle of the source block ("next", a button id, "else", …). */
  sourceHandle: z.string().min(1).max(64),
  target: idSchema,
});
export type FlowEdge = z.infer<typeof flowEdgeSchema>;

export const variableTypeSchema = z.enum(["text", "number", "boolean", "date", "json"]);
export const flowVariableSchema = z.object({
  name: variableNameSchema,
  type: variableTypeSchema.default("text"),
  description: z.string().max(200).optional(),
});
export type FlowVariable = z.infer<typeof flowVariableSchema>;

export const flowSettingsSchema = z.object({
  /** Adds "We will never ask for your PIN, password or OTP." to the first message customers get. */
  safetyNotice: z.boolean().default(true),
});

/**
 * A named section of the canvas: blocks a person grouped so that a long flow reads as a few steps.
 * Editor-only: the runtime, the linter and review ignore it.
 */
export const flowGroupSchema = z.object({
  id: idSchema,
  name: z.string().trim().min(1, "name the section").max(60),
  blockIds: z.array(idSchema).min(1).max(5000),
  /** Drawn as one node (connections into and out of it drawn to that node) until expanded. */
  collapsed: z.boolean().default(false),
});
export type FlowGroup = z.infer<typeof flowGroupSchema>;

/**
 * How the editor shows the flow, with no effect on conversations. Optional: documents written
 * before it existed are unchanged (still document version 1, since nothing they say means
 * something else now), and a document without it opens with no sections.
 */
export const flowEditorSchema = z.object({
  groups: z.array(flowGroupSchema).max(500).default([]),
});
export type FlowEditorMeta = z.infer<typeof flowEditorSchema>;

export const flowSchema = z
  .object({
    version: z.literal(FLOW_DOCUMENT_VERSION),
    nodes: z.array(flowNodeSchema).max(5000),
    edges: z.array(flowEdgeSchema).max(20_000),
    variables: z.array(flowVariableSchema).max(500).default([]),
    settings: flowSettingsSchema.default({ safetyNotice: true }),
    editor: flowEditorSchema.optional(),
  })
  .superRefine((flow, ctx) => {
    const ids = new Set<string>();
    for (const [i, node] of flow.nodes.entries()) {
      if (ids.has(node.id))
        ctx.addIssue({ code: "custom", path: ["nodes", i, "id"], message: `duplicate block id ${node.id}` });
      ids.add(node.id);
    }
    const grouped = new Set<string>();
    for (const [i, group] of (flow.editor?.groups ?? []).entries()) {
      for (const id of group.blockIds) {
        if (!ids.has(id) || grouped.has(id))
          ctx.addIssue({
            code: "custom",
            path: ["editor", "groups", i, "blockIds"],
            message: `section ${group.name} lists block ${id}, which does not exist or is in another section`,
          });
        grouped.add(id);
      }
    }
    for (const [i, edge] of flow.edges.entries()) {
      if (!ids.has(edge.source) || !ids.has(edge.target)) {
        ctx.addIssue({
          code: "custom",
          path: ["edges", i],
          message: `edge ${edge.id} connects a block that does not exist`,
        });
      }
    }
  });
export type Flow = z.infer<typeof flowSchema>;

/** An empty flow with just a start block: what "New flow" creates. */
export function emptyFlow(): Flow {
  return {
    version: FLOW_DOCUMENT_VERSION,
    nodes: [{ id: "start", type: "start", position: { x: 0, y: 0 }, data: { keywords: [] } }],
    edges: [],
    variables: [],
    settings: { safetyNotice: true },
  };
}
