import { describe, expect, it } from "vitest";
import { emptyFlow } from "./flowSchema.ts";
import { migrateFlow } from "./migrateFlow.ts";

const withMenu = () => {
  const flow = emptyFlow();
  flow.nodes.push({ id: "m", type: "message", position: { x: 300, y: 0 }, data: { text: "Hi" } });
  return flow;
};

describe("sections in the flow document (editor-only metadata)", () => {
  it("opens a document written before sections existed, unchanged and with none", () => {
    const before = JSON.parse(JSON.stringify(withMenu()));
    expect(before).not.toHaveProperty("editor");
    const read = migrateFlow(before);
    expect(read.ok && read.flow).toEqual(before);
  });

  it("keeps a document's sections, collapsed or not", () => {
    const doc = { ...withMenu(), editor: { groups: [{ id: "s1", name: "Greeting", blockIds: ["m"] }] } };
    const read = migrateFlow(doc);
    expect(read.ok && read.flow.editor?.groups).toEqual([
      { id: "s1", name: "Greeting", blockIds: ["m"], collapsed: false },
    ]);
  });

  it("refuses a section listing a block that does not exist or is in another section", () => {
    const doc = {
      ...withMenu(),
      editor: {
        groups: [
          { id: "s1", name: "One", blockIds: ["m", "ghost"] },
          { id: "s2", name: "Two", blockIds: ["m"] },
        ],
      },
    };
    const read = migrateFlow(doc);
    expect(read.ok).toBe(false);
    expect(!read.ok && read.issues).toEqual([
      "editor.groups.0.blockIds: section One lists block ghost, which does not exist or is in another section",
      "editor.groups.1.blockIds: section Two lists block m, which does not exist or is in another section",
    ]);
  });

  it("caps a section's name", () => {
    const doc = { ...withMenu(), editor: { groups: [{ id: "s1", name: "x".repeat(61), blockIds: ["m"] }] } };
    expect(migrateFlow(doc).ok).toBe(false);
  });
});
