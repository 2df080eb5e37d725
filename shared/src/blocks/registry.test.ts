import { describe, expect, it } from "vitest";
import { blockOf, blockOutputs, blockTypes, defaultBlock, isBlockType } from "./registry.ts";

describe("the block union", () => {
  it("builds every type's default block, whose outputs come from its own definition", () => {
    for (const type of blockTypes) expect(defaultBlock(type).type).toBe(type);
    const menu = defaultBlock("buttons");
    expect(blockOutputs(menu).map((o) => o.id)).toEqual(menu.data.buttons.map((b) => b.id));
  });

  it("keeps only the type and data of a node", () => {
    const node = { id: "m", type: "message" as const, data: { text: "Hi" }, selected: true };
    expect(blockOf(node)).toEqual({ type: "message", data: { text: "Hi" } });
  });

  it("recognises block type names and nothing else", () => {
    expect(isBlockType("question")).toBe(true);
    expect(isBlockType("toString")).toBe(false);
    expect(isBlockType("")).toBe(false);
  });
});
