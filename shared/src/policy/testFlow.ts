import { type BlockType, blockDefinitions } from "../blocks/registry.ts";
import { FLOW_DOCUMENT_VERSION, type Flow, type FlowVariable } from "../flow/flowSchema.ts";

/** A block for a test: data not given falls back to the block type's defaults. */
export interface TestBlock {
  id: string;
  type: BlockType | (string & {});
  data?: Record<string, unknown>;
}

/**
 * Builds a flow for tests from blocks and "source:handle>target" edge strings, so a test reads like
 * the canvas it describes. Used by the rule tests and the benchmark.
 * @example testFlow([{ id: "s", type: "start" }, { id: "e", type: "end" }], ["s:next>e"])
 */
export function testFlow(blocks: TestBlock[], edges: string[] = [], variables: FlowVariable[] = []): Flow {
  return {
    version: FLOW_DOCUMENT_VERSION,
    nodes: blocks.map((b) => {
      const definition = (blockDefinitions as Record<string, { defaults: () => object } | undefined>)[b.type];
      return {
        id: b.id,
        type: b.type,
        position: { x: 0, y: 0 },
        data: { ...(definition?.defaults() ?? {}), ...b.data },
      };
    }) as Flow["nodes"],
    edges: edges.map((spec, i) => {
      const match = /^([^:]+):([^>]+)>(.+)$/.exec(spec);
      if (!match) throw new Error(`bad edge spec "${spec}", expected "source:handle>target"`);
      return { id: `e${i}`, source: match[1]!, sourceHandle: match[2]!, target: match[3]! };
    }),
    variables,
    settings: { safetyNotice: true },
  };
}
